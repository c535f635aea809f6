"""gunicorn configuration for `make serve`: workers, logging, the publishing scheduler, the task workers.

The scheduler and the background task workers (`db_worker`: webhooks) run as children of the
gunicorn master, so a deployment that starts gunicorn with this file publishes scheduled articles
and delivers webhooks without any other unit; the scheduler's lock and the workers' row claims make
both safe to run on every app server at once.
"""

import os
import subprocess
import sys

# gunicorn reads this file before it puts the project on sys.path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from newsroom.log_format import gunicorn_logconfig
from newsroom.worker import worker_command

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
# Workers are forked from a master that has loaded the application: a worker recycled by
# max_requests starts in milliseconds instead of the two seconds of CPU that importing Django and
# Wagtail costs (serving 2,000 cached pages a second, each worker was recycled every five seconds),
# and the workers share the code's memory pages. A new release needs a restart (or USR2), not HUP.
preload_app = True
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500

_scheduler = None
_task_workers = []
_OFF = {"0", "false", "no", "off"}


def when_ready(server):
    """Start `manage.py run_scheduler` unless NEWSROOM_SCHEDULER=0 (another host runs it)."""
    global _scheduler
    # Before the workers are forked: no database connection opened while loading the application
    # may be shared by two of them.
    from django.db import connections

    connections.close_all()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")}
    _start_task_workers(server, env)
    if os.environ.get("NEWSROOM_SCHEDULER", "1") in _OFF:
        server.log.info("scheduler disabled by NEWSROOM_SCHEDULER")
        return
    manage = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manage.py")
    _scheduler = subprocess.Popen([sys.executable, manage, "run_scheduler"], env=env)  # noqa: S603
    server.log.info("scheduler started (pid %s)", _scheduler.pid)


def _start_task_workers(server, env):
    """Start NEWSROOM_TASK_WORKERS `db_worker` processes (1 by default; 0 when other hosts run them)."""
    if env.get("NEWSROOM_TASK_BACKEND", "database") != "database":
        server.log.info("task workers not started: NEWSROOM_TASK_BACKEND is not database")
        return
    for _ in range(int(env.get("NEWSROOM_TASK_WORKERS", "1"))):
        process = subprocess.Popen(worker_command(), env=env)  # noqa: S603
        _task_workers.append(process)
        server.log.info("task worker started (pid %s)", process.pid)


def on_exit(server):
    """Stop the scheduler and the task workers with gunicorn (a worker finishes its delivery first)."""
    children = [child for child in [_scheduler, *_task_workers] if child is not None and child.poll() is None]
    for child in children:
        child.terminate()
    for child in children:
        try:
            child.wait(timeout=graceful_timeout)
        except subprocess.TimeoutExpired:
            child.kill()
