"""`manage.py run_scheduler`: the publishing clock that `make serve` starts beside gunicorn."""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom.scheduler import publish_due_pages, run_forever


class Command(BaseCommand):
    help = "Publie les pages programmées chaque minute (publish_scheduled, jamais deux à la fois)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Une seule passe, puis quitter.")
        parser.add_argument("--interval", type=int, default=settings.NEWSROOM_SCHEDULER_INTERVAL)

    def handle(self, *args, **options):
        if options["once"]:
            ran = publish_due_pages()
            self.stdout.write("publié" if ran else "déjà en cours ailleurs")
            return
        run_forever(options["interval"])
