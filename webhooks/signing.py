"""The signature of a webhook body: HMAC-SHA256 over the timestamp and the body, per endpoint secret.

Header: `X-Newsroom-Signature: t=<unix seconds>,v1=<hex digest>`, the digest of `"<t>.<body>"`.
The timestamp is signed, so a receiver that refuses signatures older than a few minutes refuses a
replayed request; the delivery id (`X-Newsroom-Delivery`, the same across retries) lets it drop
duplicates.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Newsroom-Signature"
DEFAULT_TOLERANCE = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The hex HMAC-SHA256 of `"<timestamp>.<body>"` with `secret`."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The value of X-Newsroom-Signature for `body`, signed now (or at `timestamp`)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={sign(secret, body, timestamp)}"


def verify(secret: str, body: bytes, header: str, *, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None) -> bool:
    """What a receiver does: the header parses, the timestamp is recent and a v1 digest matches."""
    try:
        fields = [part.split("=", 1) for part in header.split(",")]
        timestamp = int(next(value for name, value in fields if name.strip() == "t"))
        digests = [value for name, value in fields if name.strip() == "v1"]
    except (ValueError, StopIteration):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp)
    return any(hmac.compare_digest(expected, digest) for digest in digests)
