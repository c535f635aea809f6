"""Second factor for the admin: who must use one, and the middleware that keeps password-only sessions out.

django-otp does the cryptography (TOTP devices for authenticator apps, static devices for backup
codes) and marks a session as verified (`request.user.is_verified()`); the pages that set up and
check a code are in newsroom/two_factor_views.py.
"""

import logging
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse

from django_otp import user_has_device

logger = logging.getLogger("newsroom.security")

EDITORS_GROUP = "Rédaction en chef"

# Reachable with a password-only session: signing in and out, the two second-factor steps, and
# the admin's icon sprite and translation catalogue that those pages load.
EXEMPT_URL_NAMES = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "newsroom_two_factor_setup",
    "newsroom_two_factor_verify",
)

REFUSAL_MESSAGE = "Double authentification requise\u00a0: confirmez votre connexion avec un code à usage unique."


def two_factor_required(user, request=None) -> bool:
    """Whether the policy obliges this user to confirm their admin login with a second factor.

    NEWSROOM_REQUIRE_2FA=1 forces it for the Rédaction en chef and superusers; otherwise the
    « Double authentification » setting decides. Other roles are never obliged, but anyone who has
    set up a second factor is asked for it (see `needs_second_factor`).
    """
    if not user.is_authenticated:
        return False
    if settings.NEWSROOM_REQUIRE_2FA:
        for_superusers = for_editors = True
    else:
        from newsroom.models import TwoFactorPolicy  # models import late: this module loads with the middleware

        policy = TwoFactorPolicy.load(request_or_site=request)
        for_superusers, for_editors = policy.require_for_superusers, policy.require_for_editors
    if user.is_superuser and for_superusers:
        return True
    return for_editors and user.groups.filter(name=EDITORS_GROUP).exists()


def needs_second_factor(user, request=None) -> bool:
    """Whether this session must still enter a code: the user has a device, or must have one."""
    if not user.is_authenticated or user.is_verified():
        return False
    return user_has_device(user) or two_factor_required(user, request)


def with_next(url: str, next_url: str | None) -> str:
    """`url` with a `next` parameter, when there is somewhere to go back to."""
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class RequireTwoFactorMiddleware:
    """Keep password-only sessions out of the admin when a second factor is due, and treat them as
    anonymous readers everywhere else.

    A person who has a device is sent to the verification page, one who must have one but has none
    to the set-up page; both come back to the page they asked for. Requests that are not a page
    view (POST, XMLHttpRequest, JSON, the admin API) get a 403 instead of a redirect that a script
    would follow blindly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def exempt_paths(self) -> frozenset[str]:
        return frozenset(reverse(name) for name in EXEMPT_URL_NAMES)

    def __call__(self, request):
        path = request.path_info
        if path.startswith(self.admin_prefix):
            if path not in self.exempt_paths:
                user = request.user
                if user.is_authenticated and not user.is_verified():
                    has_device = user_has_device(user)
                    if has_device or two_factor_required(user, request):
                        return self.refuse(request, has_device)
        elif self.session_is_unconfirmed(request):
            # Outside the admin (restricted pages, private documents, anything that reads
            # request.user), a session still owing its second factor is an anonymous reader:
            # its password alone opens nothing more than no login at all (issue 18, finding 1).
            request.user = anonymous = AnonymousUser()
            anonymous.is_verified = lambda: False  # what django-otp gives every other anonymous user
        return self.get_response(request)

    def session_is_unconfirmed(self, request) -> bool:
        """Whether a signed-in session must still enter a code (without a query for sessions
        already confirmed and for requests without a session)."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified() and needs_second_factor(user, request)

    def refuse(self, request, has_device: bool):
        """A redirect to the right second-factor step for page views, a 403 for everything else."""
        if self.is_page_view(request):
            target = "newsroom_two_factor_verify" if has_device else "newsroom_two_factor_setup"
            return HttpResponseRedirect(with_next(reverse(target), request.get_full_path()))
        logger.info("admin request refused without second factor: user=%s path=%s", request.user.pk, request.path)
        return JsonResponse({"erreur": REFUSAL_MESSAGE}, status=403)

    def is_page_view(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return False
        if request.path_info.startswith(f"{self.admin_prefix}api/"):
            return False
        accept = request.headers.get("accept", "")
        return not ("application/json" in accept and "text/html" not in accept)
