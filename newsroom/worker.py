"""The background worker: task backends, the worker's command line, enqueueing after commit, backoff.

Work that must not slow an editor down (webhooks; e-mail next) is a django-tasks task on the
"background" backend. In production that backend is django-tasks-db's: a task is a row written
after the editor's transaction commits, and `manage.py db_worker --backend background` processes
claim and run the rows (several may run at once: a row is claimed under a lock). gunicorn.conf.py
starts them with `make serve`; the tests start a real one. This module imports no app: it is a
mechanism of floor 0 that the feature apps use.
"""

import os
import socket
import sys
from datetime import timedelta
from pathlib import Path

BACKGROUND = "background"
IMMEDIATE_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
_BACKENDS = {"database": DATABASE_BACKEND, "immediate": IMMEDIATE_BACKEND}
MANAGE_PY = Path(__file__).resolve().parent.parent / "manage.py"


def task_settings(kind: str) -> dict:
    """The TASKS setting: Wagtail's own tasks in the request, ours on the `kind` backend."""
    if kind not in _BACKENDS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"NEWSROOM_TASK_BACKEND must be one of {', '.join(_BACKENDS)}, not {kind!r}.")
    return {
        "default": {"BACKEND": IMMEDIATE_BACKEND},
        BACKGROUND: {"BACKEND": _BACKENDS[kind], "QUEUES": ["default"]},
    }


def worker_command(*, interval: float = 1.0, python: str | None = None) -> list[str]:
    """The command line of one worker process (gunicorn.conf.py, systemd units and the tests use it).

    The worker id is unique per host and process, as django-tasks-db asks; `--no-reload` because
    a reload would kill a delivery half-way.
    """
    worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{os.urandom(3).hex()}"
    return [
        python or sys.executable,
        str(MANAGE_PY),
        "db_worker",
        "--backend",
        BACKGROUND,
        "--queue-name",
        "default",
        "--interval",
        str(interval),
        "--no-reload",
        "--worker-id",
        worker_id,
    ]


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue `task` once the current transaction commits (at once outside a transaction).

    A rolled-back save sends nothing, and the editor's request only pays for one INSERT after its
    commit, never for the work itself (with the database backend).
    """
    from django.db import transaction

    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def retry_delay(attempt: int, *, base: int) -> timedelta:
    """Exponential backoff: `base` seconds after the first attempt, doubled after each one."""
    return timedelta(seconds=base * 2 ** max(0, attempt - 1))


def can_defer(task) -> bool:
    """Whether the task's backend can run it later (the immediate backend cannot retry later)."""
    return bool(task.get_backend().supports_defer)
