"""`manage.py runserver` (what `make run` starts) with the publishing scheduler beside it.

Without it nothing published scheduled pages under `make run`. The scheduler is a child process
(`manage.py run_scheduler`) started by runserver's *main* process only: with the autoreloader,
Django runs the server in a child that it restarts on every code change (marked by RUN_MAIN=true),
and starting the scheduler there would start one more at each reload. The scheduler stops with
runserver. NEWSROOM_SCHEDULER=0 turns it off, as with gunicorn.
"""

import atexit
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver
from django.utils import autoreload


def scheduler_wanted() -> bool:
    """True unless the deployment runs the scheduler elsewhere (NEWSROOM_SCHEDULER=0)."""
    return os.environ.get("NEWSROOM_SCHEDULER", "1").lower() not in {"0", "false", "no", "off"}


def is_reloader_child() -> bool:
    """True in the server process that the autoreloader restarts on each code change."""
    return os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true"


class Command(StaticfilesRunserver):
    help = "Serveur de développement, avec la publication programmée (run_scheduler) à côté."

    scheduler = None

    def run(self, **options):
        if scheduler_wanted() and not is_reloader_child():
            self.start_scheduler()
        super().run(**options)

    def start_scheduler(self):
        """Start `manage.py run_scheduler` once, and stop it when this process exits."""
        manage = os.path.join(settings.BASE_DIR, "manage.py")
        # The child keeps this process's settings module and environment (DATABASE_URL…).
        self.scheduler = subprocess.Popen([sys.executable, manage, "run_scheduler"], env=os.environ.copy())  # noqa: S603
        self.stdout.write(f"Publication programmée : run_scheduler démarré (pid {self.scheduler.pid}).")
        atexit.register(self.stop_scheduler)
        # Ctrl-C reaches the whole process group; SIGTERM (from a supervisor) only us: pass it on.
        previous = signal.getsignal(signal.SIGTERM)

        def on_term(signum, frame):
            self.stop_scheduler()
            if callable(previous):
                previous(signum, frame)
            sys.exit(0)

        signal.signal(signal.SIGTERM, on_term)

    def stop_scheduler(self):
        """Terminate the scheduler child, waiting a little for it to finish a run."""
        child = self.scheduler
        if child is None or child.poll() is not None:
            return
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
