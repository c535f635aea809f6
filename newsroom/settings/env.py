"""Read deployment settings from the environment (twelve-factor); every variable is listed in the README."""

import os

from django.core.exceptions import ImproperlyConfigured

import dj_database_url


def env_str(name: str, default: str | None = None) -> str | None:
    """Return the variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    """Parse 1/true/yes/on (any case) as True, 0/false/no/off as False."""
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    """Parse an integer variable."""
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Parse a comma-separated list, ignoring blanks."""
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str) -> str:
    """Return a variable that production cannot run without."""
    value = env_str(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required with newsroom.settings.production.")
    return value


# Aliases of the read replicas in DATABASES (newsroom/replicas.py routes to them).
REPLICA_PREFIX = "replica_"
# Seconds to wait for a replica's connection before reading the primary instead.
REPLICA_CONNECT_TIMEOUT = 2


def replica_databases(urls: list[str], default: dict) -> dict[str, dict]:
    """`DATABASES` entries `replica_1`, `replica_2`… for `urls`, with the primary's other options.

    In the test suite a replica mirrors the primary (Django creates no test database for it).
    """
    databases = {}
    for number, url in enumerate(urls, start=1):
        parsed = dj_database_url.parse(url)
        entry = {**default, **{key: parsed[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")}}
        entry["OPTIONS"] = {**default.get("OPTIONS", {}), **parsed.get("OPTIONS", {}), "connect_timeout": REPLICA_CONNECT_TIMEOUT}
        entry["TEST"] = {"MIRROR": "default"}
        databases[f"{REPLICA_PREFIX}{number}"] = entry
    return databases


def email_settings(url: str | None) -> dict:
    """Django's EMAIL_* settings from EMAIL_URL, or from the separate EMAIL_* variables.

    `smtp://user:password@host:port` (plain), `smtp+tls://…` (STARTTLS) or `smtps://…` (TLS).
    """
    from urllib.parse import unquote, urlsplit

    if not url:
        return {
            "EMAIL_HOST": env_str("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 25),
            "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
            "EMAIL_TIMEOUT": env_int("EMAIL_TIMEOUT", 20),
        }
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtp+tls", "smtps"):
        raise ImproperlyConfigured("EMAIL_URL must start with smtp://, smtp+tls:// or smtps://.")
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_TIMEOUT": env_int("EMAIL_TIMEOUT", 20),
    }
