"""gunicorn configuration for `make serve`: workers, logging, and the publishing scheduler.

The scheduler runs as a child of the gunicorn master, so a deployment that starts gunicorn with
this file publishes scheduled articles without any cron line; its lock makes it safe to run on
every app server at once.
"""

import os
import subprocess
import sys

# gunicorn reads this file before it puts the project on sys.path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from newsroom.log_format import gunicorn_logconfig

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# On 2 cores, 2 sync workers serve more than 4 (less contention, warm caches).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A RAM-backed heartbeat file: gunicorn workers never block on a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = "-"
errorlog = "-"
# Access lines carry the request id that RequestIdMiddleware puts in X-Request-ID, never the query
# string; JSON lines in production (the same format as Django's logs), plain ones elsewhere.
logger_class = "newsroom.log_format.GunicornLogger"
_settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
_default_format = "json" if _settings_module.endswith(".production") else "plain"
logconfig_dict = gunicorn_logconfig(os.environ.get("DJANGO_LOG_FORMAT") or _default_format)
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500

_scheduler = None


def when_ready(server):
    """Start `manage.py run_scheduler` unless NEWSROOM_SCHEDULER=0 (another host runs it)."""
    global _scheduler
    if os.environ.get("NEWSROOM_SCHEDULER", "1") in {"0", "false", "no", "off"}:
        server.log.info("scheduler disabled by NEWSROOM_SCHEDULER")
        return
    manage = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")}
    _scheduler = subprocess.Popen([sys.executable, manage, "run_scheduler"], env=env)  # noqa: S603
    server.log.info("scheduler started (pid %s)", _scheduler.pid)


def on_exit(server):
    """Stop the scheduler with gunicorn."""
    if _scheduler is not None and _scheduler.poll() is None:
        _scheduler.terminate()
        try:
            _scheduler.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _scheduler.kill()
