"""Run Wagtail's `publish_scheduled` every minute, at most once at a time across all app servers.

`publish_scheduled` takes no lock of its own: two overlapping runs could publish the same revision
twice. On PostgreSQL a session-level advisory lock serialises runs across machines; on the SQLite
development default, a file lock does the same on the one machine.
"""

import contextlib
import fcntl
import logging
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection

logger = logging.getLogger("newsroom.scheduler")

# Any constant works: it only has to be the same for every process of this project.
ADVISORY_LOCK_KEY = 7_202_507_020


@contextlib.contextmanager
def exclusive_run():
    """Yield True if this process holds the scheduler lock, False if another run holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        return
    lock_path = Path(tempfile.gettempdir()) / "newsroom-publish-scheduled.lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish_due_pages() -> bool:
    """Publish (and expire) whatever is due now. Return False when another run held the lock."""
    with exclusive_run() as acquired:
        if not acquired:
            logger.info("publish_scheduled already running elsewhere; skipped")
            return False
        call_command("publish_scheduled", verbosity=0)
        return True


def run_forever(interval: int, iterations: int | None = None) -> None:
    """Call `publish_due_pages` every `interval` seconds, aligned on the clock, surviving errors."""
    done = 0
    while iterations is None or done < iterations:
        try:
            publish_due_pages()
        except Exception:
            # A database blip must not kill the scheduler: the next tick retries.
            logger.exception("scheduled publishing failed; retrying at the next tick")
            connection.close()
        done += 1
        if iterations is not None and done >= iterations:
            break
        time.sleep(interval - (time.time() % interval))
