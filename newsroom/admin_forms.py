"""The admin login form: French label and messages, and how many tries are left before a lockout."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with clear French errors.

    Wagtail 8.0.1 redeclares `password` without a label, so it showed (and was read out) as
    « Password »; its French « identifiant incorrect » message starts with a stray space and names
    the field oddly. After a failed try, the message says how many tries remain before django-axes
    suspends this username from this address, so a journalist who mistypes knows where they stand.
    """

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": "Identifiant ou mot de passe incorrect. Vérifiez-les (majuscules comprises) et réessayez.",
        "inactive": "Ce compte est désactivé\u00a0: adressez-vous à un administrateur.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")

    def get_invalid_login_error(self):
        """The French error, with the tries left for this (username, address) pair."""
        message = self.error_messages["invalid_login"]
        remaining = self.remaining_attempts()
        if remaining is not None and remaining > 0:
            tries = "essai" if remaining == 1 else "essais"
            message += (
                f" Encore {remaining}\u00a0{tries} avant une suspension de "
                f"{settings.NEWSROOM_LOGIN_LOCKOUT_MINUTES}\u00a0minutes depuis cette adresse."
            )
        return forms.ValidationError(message, code="invalid_login")

    def remaining_attempts(self) -> int | None:
        """Tries left before the lockout, counted by axes (the failure just made included)."""
        if self.request is None or not settings.AXES_ENABLED:
            return None
        credentials = {str(settings.AXES_USERNAME_FORM_FIELD): self.cleaned_data.get("username", "")}
        failures = AxesProxyHandler.get_failures(self.request, credentials)
        return get_failure_limit(self.request, credentials) - failures
