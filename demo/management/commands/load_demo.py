"""`manage.py load_demo`: the demo newsroom of shared/demo-facts.md, safe to run again and again."""

import logging
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import DEMO_ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Charge le site de démonstration (idempotent) et, en développement, un compte de démo par rôle."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Ne pas créer les comptes de démonstration.",
        )
        parser.add_argument(
            "--accounts-even-without-debug",
            action="store_true",
            help="Créer les comptes de démo même hors DEBUG (jamais sur un site public : mots de passe connus).",
        )

    def handle(self, *args, **options):
        # Wagtail logs every page created and published: dozens of lines that would bury the
        # demo credentials printed below.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        with_accounts = not options["no_accounts"] and (settings.DEBUG or options["accounts_even_without_debug"])
        report = load_demo(with_accounts=with_accounts)
        created = (
            len(report.sections)
            + len(report.authors)
            + len(report.articles)
            + len(report.accounts)
            + len(report.entities)
            + len(report.partners)
            + len(report.pages)
            + len(report.lives)
        )
        if created:
            self.stdout.write(
                f"Démo chargée : {len(report.sections)} rubriques, {len(report.authors)} auteurs, "
                f"{len(report.articles)} articles, {len(report.entities)} entités, {len(report.partners)} partenaires, {len(report.accounts)} comptes créés."
            )
        else:
            self.stdout.write("Démo déjà en place : rien à faire.")
        if with_accounts:
            address = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}/admin/"
            self.stdout.write(f"\nComptes de DÉMONSTRATION (à ne jamais utiliser en production) — {address}")
            for username, password, group, *_ in DEMO_ACCOUNTS:
                self.stdout.write(f"  {group or 'Administrateur':<18} identifiant : {username:<12} mot de passe : {password}")
