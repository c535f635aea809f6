"""`manage.py purge_cache /chemin/ …` or `--all`: purge pages by hand (application cache and edge)."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.cache_purge import all_public_paths, purge_paths


class Command(BaseCommand):
    help = "Purge des pages du cache (application et cache de bord) : chemins donnés, ou toutes avec --all."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Chemins à purger, par exemple /business/ (toutes leurs variantes ?page=…).")
        parser.add_argument("--all", action="store_true", help="Purger toutes les pages publiques du site.")

    def handle(self, *args, paths, all, **options):
        if all == bool(paths):
            raise CommandError("Donnez des chemins à purger, ou --all (pas les deux).")
        for path in paths:
            if not path.startswith("/"):
                raise CommandError(f"Un chemin commence par « / » : {path!r}.")
        chosen = all_public_paths() if all else set(paths)
        purge_paths(chosen)
        self.stdout.write(f"{len(chosen)} chemin(s) purgé(s).")
