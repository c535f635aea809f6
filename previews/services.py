"""Writes and look-ups of preview links: create, resolve a URL key, count a use, revoke."""

from django.db.models import F
from django.utils import timezone

from newsroom.secret_links import digest_for_token, new_secret
from previews.models import DEFAULT_LIFETIME, PreviewLink

SALT = "previews.link"


def is_embargoed(page, *, now=None) -> bool:
    """Whether a page type carrying `embargo_until` (articles) is still under embargo. Read by name:
    this app knows no page type."""
    until = getattr(page, "embargo_until", None)
    return bool(until and until > (now or timezone.now()))


def link_create(*, page, user, label="", lifetime=DEFAULT_LIFETIME, allow_embargoed=False) -> tuple[PreviewLink, str]:
    """A new link for `page` and its URL token (random 32 bytes, signed with SECRET_KEY). The token is
    returned once and never stored: only its digest is."""
    digest, token = new_secret(salt=SALT)
    link = PreviewLink.objects.create(
        page=page,
        key_digest=digest,
        label=label,
        created_by=user,
        expires_at=timezone.now() + lifetime,
        allow_embargoed=allow_embargoed,
    )
    return link, token


def link_for_token(token: str) -> PreviewLink | None:
    """The link a URL token names, or None when its signature is wrong (no query) or it is unknown."""
    digest = digest_for_token(token, salt=SALT)
    if digest is None:
        return None
    return PreviewLink.objects.select_related("page").filter(key_digest=digest).first()


def link_record_use(link: PreviewLink) -> None:
    """Count one use and its time; nothing about who used it."""
    now = timezone.now()
    PreviewLink.objects.filter(pk=link.pk).update(use_count=F("use_count") + 1, last_used_at=now)


def link_revoke(link: PreviewLink) -> None:
    """Stop a link for good (a revoked link never works again, even before its expiry)."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
