"""The admin login form, with the French label Wagtail 8.0.1 forgets on the password field."""

from django.utils.translation import gettext_lazy

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail redeclares `password` without a label, so it showed (and was read out) as « Password »."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
