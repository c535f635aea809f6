"""Secret URLs (preview links, private calendar feeds): a random key, signed with SECRET_KEY.

The URL carries `key:signature`; the database stores only the SHA-256 digest of the key, so a
database dump gives no working link, and a forged or mistyped URL is refused by its signature
before any query.
"""

import hashlib
import secrets

from django.core import signing


def key_digest(key: str) -> str:
    """What is stored for a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_secret(*, salt: str) -> tuple[str, str]:
    """A fresh (digest to store, token for the URL) pair."""
    key = secrets.token_urlsafe(32)
    return key_digest(key), signing.Signer(salt=salt).sign(key)


def digest_for_token(token: str, *, salt: str) -> str | None:
    """The stored digest a URL token stands for, or None when its signature is wrong."""
    try:
        return key_digest(signing.Signer(salt=salt).unsign(token))
    except signing.BadSignature:
        return None
