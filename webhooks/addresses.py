"""Where a webhook may be sent: public https servers only, never the newsroom's own network (SSRF).

An editor's typo or a malicious address must not turn the worker into a proxy into the private
network (databases, Redis, cloud metadata at 169.254.169.254). The host is resolved and every
address it resolves to must be global; the check runs when the endpoint is saved and again
before each delivery (a name may be re-pointed after it was saved). Tests and `make run` allow
local receivers with NEWSROOM_WEBHOOKS_ALLOW_PRIVATE.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


def refused_address(url: str) -> str | None:
    """Why `url` may not receive webhooks (a French sentence), or None when it may."""
    parts = urlsplit(url)
    allow_private = settings.NEWSROOM_WEBHOOKS_ALLOW_PRIVATE
    if parts.scheme not in ("https", "http") or (parts.scheme == "http" and not allow_private):
        return "Utilisez une adresse https://\u00a0: les envois passent par Internet."
    if not parts.hostname:
        return "Cette adresse ne nomme aucun serveur."
    if parts.username or parts.password:
        return "Retirez l’identifiant et le mot de passe de l’adresse\u00a0: la signature authentifie les envois."
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        return f"Le serveur «\u00a0{parts.hostname}\u00a0» est introuvable (nom inconnu du DNS)."
    if allow_private:
        return None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return (
                f"Cette adresse mène à un réseau privé ou local ({address})\u00a0: les webhooks ne peuvent viser que des serveurs publics."
            )
    return None


def validate_endpoint_url(url: str) -> None:
    """Model validator: a French form error for an address webhooks may not reach."""
    reason = refused_address(url)
    if reason:
        raise ValidationError(reason, code="refused_address")
