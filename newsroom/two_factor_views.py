"""The admin's second-factor pages: set up an authenticator app, verify a code, manage, reset.

All are mounted under /admin/deux-facteurs/ by newsroom/wagtail_hooks.py, so Wagtail's admin-access
check runs first. Codes are checked by django-otp's devices inside a row lock, which applies their
throttling (1, 2, 4, 8… seconds after successive wrong codes) and refuses a code already used.
"""

import base64
import logging
import time

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

import segno
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.two_factor import two_factor_required, with_next

logger = logging.getLogger("newsroom.security")

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Application d’authentification"
BACKUP_DEVICE_NAME = "Codes de secours"

WRONG_CODE = "Ce code n’est pas valide. Saisissez le code affiché maintenant par votre application, ou un code de secours."
WRONG_SETUP_CODE = "Ce code n’est pas valide. Vérifiez que l’heure de votre téléphone est juste et saisissez le code affiché maintenant."
REMOVAL_NEEDS_CODE = "La double authentification reste activée\u00a0: saisissez le code affiché par votre application, ou un code de secours, pour la désactiver."
THROTTLED = "Trop de codes erronés d’affilée\u00a0: attendez quelques secondes avant de réessayer."


class CodeForm(forms.Form):
    """One code: six digits from the app, or a backup code; spaces and dashes are ignored."""

    code = forms.CharField(
        label="Code de vérification",
        max_length=32,
        error_messages={"required": "Saisissez le code à six chiffres affiché par votre application."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": "", "spellcheck": "false"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


def safe_next(request) -> str:
    """The `next` page if it stays on this site, else the admin dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


# Enrolling a first device with a password-only session needs a password typed this recently: a
# session cookie stolen hours after the login cannot attach the thief's phone to the account.
FRESH_PASSWORD_SECONDS = 10 * 60
RECHECK_AT_KEY = "newsroom_password_checked_at"
RECHECK_FAILURES_KEY = "newsroom_password_recheck_failures"
RECHECK_LIMIT = 5
RECHECK_REFUSED = "Ce mot de passe n’est pas le bon."


class PasswordForm(forms.Form):
    """The account's password, typed again."""

    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": ""}),
        error_messages={"required": "Saisissez votre mot de passe."},
    )


@receiver(user_logged_in)
def remember_password_check(sender, request, user, **kwargs):
    """A login is a password check: enrolment right after it needs no second one."""
    if request is not None and hasattr(request, "session"):
        request.session[RECHECK_AT_KEY] = time.time()


def password_is_fresh(request) -> bool:
    """Whether the password was typed in this session within FRESH_PASSWORD_SECONDS."""
    checked = request.session.get(RECHECK_AT_KEY, 0)
    return time.time() - checked < FRESH_PASSWORD_SECONDS


def confirm_password(request, next_url: str):
    """The password form (GET), or its check (POST): None once confirmed, else the answer to send."""
    form = PasswordForm(request.POST if request.POST.get("action") == "password" else None)
    if form.is_bound and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            request.session[RECHECK_AT_KEY] = time.time()
            request.session.pop(RECHECK_FAILURES_KEY, None)
            return None
        failures = request.session.get(RECHECK_FAILURES_KEY, 0) + 1
        logger.warning("password re-check failed before second-factor set-up: user=%s failures=%s", request.user.pk, failures)
        if failures >= RECHECK_LIMIT:
            # Whoever holds this session does not know the password: end it.
            logout(request)
            return redirect(reverse("wagtailadmin_login"))
        request.session[RECHECK_FAILURES_KEY] = failures
        form.add_error("password", RECHECK_REFUSED)
    context = {"form": form, "next": next_url, "fresh_minutes": FRESH_PASSWORD_SECONDS // 60}
    return TemplateResponse(request, "two_factor/confirm_password.html", context)


class Throttled(Exception):
    """django-otp refuses to check another code yet after a run of wrong ones."""


def check_code(device, code: str) -> bool:
    """Check `code` on `device` under a row lock (no two concurrent uses of one code)."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _ = locked.verify_is_allowed()
        if not allowed:
            raise Throttled
        return locked.verify_token(code)


def pending_app_device(user) -> TOTPDevice:
    """The authenticator-app device being set up: kept across reloads so a scanned code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def replace_backup_codes(user) -> list[str]:
    """Fresh backup codes (each works once); the previous ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user) -> int:
    """Delete every second-factor device of `user` (apps and backup codes); returns how many."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    return removed


def grouped_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, as authenticator apps accept it when typed."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=4, dark="#000", light="#fff")


def current_factor(user, code: str):
    """The device of `user` that accepts `code` (an app code or a backup code), or None."""
    # Six digits can only be an app code; anything else can only be a backup code.
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    return next((d for d in devices_for_user(user) if isinstance(d, model) and check_code(d, code)), None)


@never_cache
@require_http_methods(["GET", "POST"])
def setup_view(request):
    """Pair an authenticator app: QR code and secret, confirmed by a first code; then backup codes."""
    user = request.user
    next_url = safe_next(request)
    if not user.is_verified() and user_has_device(user):
        # A password alone must not be enough to add a device next to an existing one.
        return redirect(with_next(reverse("newsroom_two_factor_verify"), next_url))
    if not user.is_verified() and not password_is_fresh(request):
        refusal = confirm_password(request, next_url)
        if refusal is not None:
            return refusal
        return redirect(with_next(reverse("newsroom_two_factor_setup"), next_url))
    device = pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = check_code(device, form.cleaned_data["code"])
        except Throttled:
            form.add_error("code", THROTTLED)
        else:
            if confirmed:
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                    device.refresh_from_db()
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    codes = replace_backup_codes(user)
                otp_login(request, device)
                logger.info("second factor set up: user=%s", user.pk)
                return TemplateResponse(
                    request,
                    "two_factor/backup_codes.html",
                    {"codes": codes, "next": next_url, "first_setup": True},
                )
            form.add_error("code", WRONG_SETUP_CODE)
    context = {
        "form": form,
        "next": next_url,
        "qr_code": qr_code_data_uri(device),
        "secret": grouped_secret(device),
        "required": two_factor_required(user, request),
    }
    return TemplateResponse(request, "two_factor/setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request):
    """After the password: one code from the app or one backup code marks the session verified."""
    user = request.user
    next_url = safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    if not user_has_device(user):
        if two_factor_required(user, request):
            return redirect(with_next(reverse("newsroom_two_factor_setup"), next_url))
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = current_factor(user, form.cleaned_data["code"])
        except Throttled:
            form.add_error("code", THROTTLED)
        else:
            if device is not None:
                otp_login(request, device)
                logger.info("second factor verified: user=%s device=%s", user.pk, type(device).__name__)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(request, backup_codes_left_message(left))
                return redirect(next_url)
            logger.warning("second factor refused: user=%s", user.pk)
            form.add_error("code", WRONG_CODE)
    return TemplateResponse(request, "two_factor/verify.html", {"form": form, "next": next_url})


def backup_codes_left_message(left: int) -> str:
    """The reminder after a backup code was used."""
    if left == 0:
        return "Vous avez utilisé votre dernier code de secours\u00a0: générez-en de nouveaux dans «\u202fDouble authentification\u202f»."
    codes = "code" if left == 1 else "codes"
    return f"Code de secours accepté\u00a0: il vous en reste {left}\u00a0{codes}. Chacun ne sert qu’une fois."


@never_cache
@require_http_methods(["GET", "POST"])
def manage_view(request):
    """The user's own second factor: status, new backup codes, removal."""
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "backup-codes" and user_has_device(user):
            codes = replace_backup_codes(user)
            logger.info("backup codes replaced: user=%s", user.pk)
            return TemplateResponse(
                request,
                "two_factor/backup_codes.html",
                {"codes": codes, "next": reverse("newsroom_two_factor_manage"), "first_setup": False},
            )
        if action == "remove":
            # The current factor again, not only a verified session: a session left open on
            # someone else's screen must not be enough to turn the second factor off.
            form = CodeForm(request.POST)
            try:
                device = form.is_valid() and current_factor(user, form.cleaned_data["code"])
            except Throttled:
                messages.error(request, THROTTLED)
                return redirect("newsroom_two_factor_manage")
            if not device:
                logger.warning("second factor removal refused without a valid code: user=%s", user.pk)
                messages.error(request, REMOVAL_NEEDS_CODE)
                return redirect("newsroom_two_factor_manage")
            remove_devices(user)
            logger.warning("second factor removed by its owner: user=%s", user.pk)
            messages.success(request, "La double authentification est désactivée pour votre compte.")
            return redirect("newsroom_two_factor_manage")
        messages.error(request, "Action inconnue.")
        return redirect("newsroom_two_factor_manage")
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    backup = StaticDevice.objects.filter(user=user).first()
    context = {
        "page_title": "Double authentification",
        "header_icon": "key",
        "app_device": app,
        "backup_codes_left": backup.token_set.count() if backup else 0,
        "required": two_factor_required(user, request),
    }
    return TemplateResponse(request, "two_factor/manage.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def reset_user_view(request, user_id: int):
    """A superuser removes someone's devices (lost phone): they set up a new one at their next login."""
    if not request.user.is_superuser:
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = remove_devices(person)
        logger.warning("second factor reset by an administrator: user=%s by=%s devices=%s", person.pk, request.user.pk, removed)
        messages.success(request, f"La double authentification de «\u202f{person.get_username()}\u202f» est réinitialisée.")
        return redirect("wagtailusers_users:index")
    context = {
        "page_title": "Réinitialiser la double authentification",
        "header_icon": "key",
        "person": person,
        "has_devices": user_has_device(person, confirmed=None),
    }
    return TemplateResponse(request, "two_factor/reset_user.html", context)


urlpatterns = [
    path("", manage_view, name="newsroom_two_factor_manage"),
    path("configurer/", setup_view, name="newsroom_two_factor_setup"),
    path("verifier/", verify_view, name="newsroom_two_factor_verify"),
    path("utilisateurs/<int:user_id>/reinitialiser/", reset_user_view, name="newsroom_two_factor_reset_user"),
]
