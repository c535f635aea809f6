"""`manage.py import_wordpress EXPORT.xml [--media DIR] [--dry-run] [--section-map FILE] [--link-entities]`."""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wordpress.importer import ImportOptions, WordPressImporter, read_section_map
from wordpress.parser import WXRError
from wordpress.report import french_spacing


class Command(BaseCommand):
    help = (
        "Importe un export WordPress (WXR 1.1 ou 1.2, Outils › Exporter) : articles, pages, auteurs, catégories, "
        "mots-clés, images, et redirige les anciennes adresses. Relancer l’import ne crée aucun doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="le fichier XML exporté par WordPress")
        parser.add_argument("--media", help="une copie du dossier wp-content/uploads (rien n’est téléchargé)")
        parser.add_argument("--dry-run", action="store_true", help="simulation : n’écrit rien, affiche le même rapport")
        parser.add_argument("--section-map", help="fichier « catégorie-wordpress,rubrique » (une par ligne)")
        parser.add_argument("--link-entities", action="store_true", help="lie les entités connues que chaque article mentionne")
        parser.add_argument(
            "--report", help="où enregistrer le rapport CSV (défaut : import-wordpress-<date>.csv ; en simulation, seulement si donné)"
        )

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes: the progress bar and the report say enough.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        export = Path(options["export"])
        if not export.is_file():
            raise CommandError(f"Fichier introuvable : {export}")
        media = Path(options["media"]) if options["media"] else None
        if media is not None and not media.is_dir():
            raise CommandError(f"Dossier des médias introuvable : {media}")
        try:
            section_map = read_section_map(options["section_map"]) if options["section_map"] else {}
        except OSError as error:
            raise CommandError(f"Fichier de correspondance illisible : {error.strerror}") from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        importer = WordPressImporter(
            export,
            ImportOptions(media_dir=media, dry_run=options["dry_run"], section_map=section_map, link_entities=options["link_entities"]),
            progress=self.stderr._out,
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(french_spacing(f"Import impossible, rien n’a été écrit. {error}")) from error
        except ValueError as error:
            raise CommandError(french_spacing(f"Import impossible, rien n’a été écrit. {error}")) from error
        self.stdout.write("\n".join(report.summary_lines()))
        report_path = options["report"]
        if report_path is None and not options["dry_run"]:
            report_path = f"import-wordpress-{timezone.localtime():%Y%m%d-%H%M%S}.csv"
        if report_path:
            report.write_csv(report_path)
            self.stdout.write(f"Rapport enregistré\u00a0: {report_path}")
