"""Admin login throttling on top of django-axes: the client address, the French lockout answer, the log.

Axes counts failures per (username, address) pair (settings: `# --- Authentication`), so a stranger
guessing a journalist's password locks out only that pair, never the journalist's own address.
"""

import ipaddress
import logging

from django.conf import settings
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.signals import user_locked_out

logger = logging.getLogger("newsroom.security")

LOCKOUT_TEMPLATE = "axes/lockout.html"


def client_ip_address(request) -> str | None:
    """The address that axes counts failures for.

    Without trusted proxies (NEWSROOM_TRUSTED_PROXY_COUNT=0, the default) it is REMOTE_ADDR: any
    X-Forwarded-For header was written by the client and could be forged to dodge the counter.
    Behind N proxies that each append to X-Forwarded-For, the client is the N-th address from the
    right; earlier entries are whatever the client claimed and are ignored. A malformed header falls
    back to REMOTE_ADDR (the nearest proxy), which throttles more, never less.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote_addr
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def cool_off_minutes(request=None) -> int:
    """The lockout duration in whole minutes, for messages."""
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None):
    """The answer to a locked-out (username, address) pair: a French page, status 429.

    Called by axes (AXES_LOCKOUT_CALLABLE) instead of its English one-liner. Admin scripts that post
    the form with XMLHttpRequest get the same message as JSON.
    """
    status = settings.AXES_HTTP_RESPONSE_CODE
    minutes = cool_off_minutes(request)
    message = (
        "Trop d’essais de connexion infructueux pour cet identifiant depuis votre adresse\u00a0: "
        f"la connexion est suspendue pendant {minutes}\u00a0minutes."
    )
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"erreur": message, "minutes": minutes}, status=status)
    context = {
        "cool_off_minutes": minutes,
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
    }
    response = render(request, LOCKOUT_TEMPLATE, context, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """One warning per lockout, on the security logger, for the operators' alerts."""
    logger.warning(
        "admin login locked out: username=%r ip_address=%s for %s minutes",
        username,
        ip_address,
        cool_off_minutes(request),
    )
