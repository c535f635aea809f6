"""Log formats: plain lines for developers, one JSON object per line for production.

`logging_config()` builds Django's LOGGING (see the Reliability section of settings/base.py);
`GunicornLogger` writes gunicorn's access lines with the request id and without query strings.
Both carry the fields of `newsroom.request_context.RequestContextFilter`: request_id, method,
path and user_id.
"""

from gunicorn import glogging
from pythonjsonlogger.core import RESERVED_ATTRS

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# Django attaches the request object to some records (django.request, django.server); its repr
# holds the query string, which may carry tokens or search terms, so JSON lines leave it out.
JSON_SKIPPED_ATTRS = sorted({*RESERVED_ATTRS, "request", "server_time"})
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": ["levelname", "name", "message"],
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
    "reserved_attrs": JSON_SKIPPED_ATTRS,
}
LOG_FORMATS = ("plain", "json")


def logging_config(log_format: str, level: str) -> dict:
    """Django's LOGGING for `log_format` (« plain » or « json »): everything to stdout."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"DJANGO_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "newsroom.request_context.RequestContextFilter"}},
        "formatters": {"plain": {"format": PLAIN_FORMAT}, "json": JSON_FORMATTER},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_context"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
        },
    }


def gunicorn_logconfig(log_format: str) -> dict:
    """gunicorn's logconfig_dict: its error and access loggers in the same format as Django's."""
    formatter = JSON_FORMATTER if log_format == "json" else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"newsroom": formatter},
        "handlers": {
            "stdout": {"class": "logging.StreamHandler", "formatter": "newsroom", "stream": "ext://sys.stdout"},
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            # Not propagated: Django's root handler in the workers would print each line twice.
            "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }


class GunicornLogger(glogging.Logger):
    """Access lines with the request id (set by RequestIdMiddleware) and no query string.

    The fields are passed as `extra`, so JSON lines get them as keys and plain lines read
    `GET /path 200 1234 B 12 ms req=<id>`.
    """

    def access(self, resp, req, environ, request_time):
        """Log one served request."""
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        request_id = next((value for name, value in resp.headers if name.lower() == "x-request-id"), None)
        fields = {
            "request_id": request_id,
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO", "")[:300],
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "user_agent": environ.get("HTTP_USER_AGENT", "")[:300],
        }
        self.access_log.info(
            "%s %s %s %s B %s ms req=%s",
            fields["method"],
            fields["path"],
            fields["status"],
            fields["bytes"],
            fields["duration_ms"],
            request_id,
            extra=fields,
        )
