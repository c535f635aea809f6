"""`manage.py generate_corpus`: a synthetic newsroom at scale (100,000 articles by default), for the benchmark."""

import logging

from django.core.management.base import BaseCommand, CommandError

from demo.corpus import CorpusSizes, generate_corpus

SIZE_HELP = {
    "articles": "nombre d'articles",
    "sections": "nombre de rubriques (celles qui existent déjà sont réutilisées)",
    "entities": "nombre d'entités (organisations et personnes)",
    "links": "nombre de liens article–entité",
    "tags": "nombre de mots-clés",
    "authors": "nombre d'auteurs",
    "partners": "nombre de partenaires",
    "images": "nombre d'illustrations partagées par les articles",
}


class Command(BaseCommand):
    help = (
        "Génère un corpus synthétique reproductible (rubriques, entités, mots-clés, auteurs, partenaires, articles) "
        "et l'indexe pour la recherche. S'ajoute au contenu existant."
    )

    def add_arguments(self, parser):
        defaults = CorpusSizes()
        for name, text in SIZE_HELP.items():
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name), help=f"{text} (défaut : {getattr(defaults, name)})")
        parser.add_argument(
            "--wagtail-index",
            action="store_true",
            help="indexe aussi les articles dans l'index de Wagtail (recherche de l'administration) : lent, objet par objet",
        )
        parser.add_argument("--seed", type=int, default=1, help="graine : la même graine écrit les mêmes textes (défaut : 1)")

    def handle(self, *args, **options):
        # Wagtail logs every page it creates; the progress bar says enough.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        sizes = CorpusSizes(**{name: options[name] for name in SIZE_HELP})
        problems = sizes.errors()
        if problems:
            raise CommandError(" ".join(problems))
        report = generate_corpus(sizes, seed=options["seed"], stream=self.stderr, wagtail_index=options["wagtail_index"])
        timings = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in report.timings.items())
        self.stdout.write(
            f"Corpus généré (graine {options['seed']}) : {report.articles} articles, {report.sections} rubriques créées, "
            f"{report.entities} entités, {report.roles} fonctions, {report.deals} opérations, {report.links} liens article–entité, "
            f"{report.tags} mots-clés créés, {report.authors} auteurs, {report.partners} partenaires, {report.images} illustrations.\n"
            f"Durées : {timings}."
        )
