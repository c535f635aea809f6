"""`import_wordpress`: two streaming passes over a WXR export.

1. The whole file is read and checked (XML, format, version) and its attachments, authors and
   categories noted: a broken file stops here, before anything is written.
2. Each post and page is planned (wordpress/plan.py), checked, then written in its own
   transaction (wordpress/writer.py): a post that fails is rolled back, reported and skipped, the
   others go in. Items already imported with the same content (same fingerprint) are left alone;
   changed ones get a new revision, unless someone edited the page here since the import.
"""

import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site, get_page_models

from tqdm import tqdm

from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage, Author, HomePage, SectionPage
from wordpress import writer
from wordpress.indexing import index_once, reindex
from wordpress.media import MediaLibrary, attachment_from_item
from wordpress.models import ImportedAuthor, ImportedItem
from wordpress.parser import WXRReader
from wordpress.plan import BadItem, SkipItem, fingerprint, plan_item
from wordpress.report import ImportReport, Row

SIMPLE_PAGE_MODELS = ("pages.SimplePage", "pages.SimplePageSimple", "pages.StandardPage")
UNSUPPORTED_TYPES_COUNTED = "autres types de contenu ignorés (menus, blocs réutilisables…)"
STATUS_LABELS = {"live": "en ligne", "draft": "brouillon", "scheduled": "programmé", "private": "réservé aux personnes connectées"}
VALIDATED_BLOCKS = {"paragraph", "heading", "quote"}  # images are built valid; embeds are checked without a network call


@dataclass
class ImportOptions:
    """The command's options."""

    media_dir: Path | None = None
    dry_run: bool = False
    section_map: dict[str, str] = field(default_factory=dict)
    link_entities: bool = False


def simple_page_model():
    """The site's « page simple » model, when it has one (by name, else by verbose name)."""
    for label in SIMPLE_PAGE_MODELS:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError):
            continue
    for model in get_page_models():
        if str(model._meta.verbose_name).casefold() == "page simple":
            return model
    return None


def read_section_map(path) -> dict[str, str]:
    """`catégorie-wordpress,rubrique` per line (slugs; `#` starts a comment) → {category: rubrique}."""
    mapping = {}
    with open(path, encoding="utf-8-sig") as stream:
        for number, line in enumerate(stream, start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            category, separator, section = (part.strip() for part in line.replace(";", ",").partition(","))
            if not separator or not category or not section:
                raise ValueError(f"Ligne {number} du fichier de correspondance : écrivez « catégorie-wordpress,rubrique ».")
            mapping[category] = section
    return mapping


class WordPressImporter:
    """Imports one export file; `run()` returns the report."""

    def __init__(self, path, options: ImportOptions, *, progress=None):
        self.path = path
        self.options = options
        self.progress = progress if progress is not None else sys.stderr
        self.report = ImportReport(dry_run=options.dry_run)
        self.home = HomePage.objects.order_by("pk").first()
        self.site = Site.objects.filter(root_page=self.home).first() if self.home else None
        self.sections: dict[str, SectionPage | str] = {}
        self.authors: dict[str, Author | str] = {}
        self.taken_slugs: dict[int, set[str]] = {}
        self.simple_page = simple_page_model()

    # --- Pass 1 ----------------------------------------------------------------------------------

    def survey(self):
        """Read the whole file once: check it, and note its attachments and the number of items."""
        reader = WXRReader(self.path)
        attachments, total = {}, 0
        for item in reader.items():
            total += 1
            if item.post_type == "attachment" and item.wp_id:
                attachments[item.wp_id] = attachment_from_item(item)
        return reader.channel, attachments, total

    def check_section_map(self) -> dict[str, SectionPage]:
        """The mapped rubriques, which must exist (checked before anything is written)."""
        mapped = {}
        missing = []
        for category, slug in self.options.section_map.items():
            section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
            if section is None:
                missing.append(slug)
            mapped[category] = section
        if missing:
            raise ValueError("Rubrique(s) inconnue(s) dans le fichier de correspondance : " + ", ".join(sorted(missing)) + ".")
        return mapped

    # --- Pass 2 ----------------------------------------------------------------------------------

    def run(self) -> ImportReport:
        if self.home is None:
            raise ValueError("Le site n’a pas de page d’accueil : lancez d’abord les migrations.")
        channel, attachments, total = self.survey()
        self.sections.update(self.check_section_map())
        self.channel = channel
        self.site_url = channel.site_url
        self.media = MediaLibrary(
            site_url=self.site_url, media_dir=self.options.media_dir, attachments=attachments, dry_run=self.options.dry_run
        )
        bar = tqdm(total=total, file=self.progress, unit=" élément", desc="Import WordPress", mininterval=0.5)
        try:
            for item in WXRReader(self.path).items():
                self.import_item(item)
                bar.update(1)
        finally:
            bar.close()
        self.import_remaining_images(attachments)
        self.report.counts["images importées"] += self.media.created
        return self.report

    def import_item(self, item) -> None:
        if item.post_type == "attachment":
            self.report.counts["fichiers joints dans l’export"] += 1
            return
        if item.post_type not in ("post", "page"):
            self.report.counts[UNSUPPORTED_TYPES_COUNTED] += 1
            return
        row = Row(item.wp_id, item.post_type, item.status, item.title or "(sans titre)", action="")
        if item.post_type == "page" and self.simple_page is None:
            row.action = "non importée"
            row.notes.append("Page WordPress : le site n’a pas de type « page simple », elle n’est pas importée.")
            self.report.add(row, "pages non importées (pas de type « page simple »)")
            return
        kind = item.post_type
        try:
            digest = fingerprint(item, {"sections": self.options.section_map, "entities": self.options.link_entities})[:63]
            known = ImportedItem.objects.filter(site_url=self.site_url, wp_id=item.wp_id).select_related("page").first()
            if known is not None and known.page is not None and known.fingerprint == digest + "1":
                # Same content, every image found last time: nothing to read further.
                self._unchanged(row, known, kind)
                return
            plan = plan_item(item, channel=self.channel, media=self.media, kind=kind)
            # The last character says whether every image was found: a run with the media folder after
            # one without it fills them in.
            images = [plan.hero is not None, *(block["value"]["image"] is not None for block in plan.body if block["type"] == "image")]
            plan.fingerprint = digest + ("1" if all(images) else "0")
            validate_body(plan)
            self.write(plan, row, known)
        except SkipItem as reason:
            row.action = "ignoré"
            row.notes.append(_sentence(str(reason)))
            self.report.add(row, "ignorés (corbeille, révisions)")
        except (BadItem, ValidationError, ValueError, DatabaseError) as error:
            # The post's transaction is rolled back: nothing of it stays, the next post goes on.
            row.action = "erreur"
            row.notes.append("Non importé : " + _message(error))
            self.report.add(row, "erreurs (non importés)")

    def _unchanged(self, row: Row, known, kind: str) -> None:
        row.action, row.notes = "inchangé", []
        row.url = known.page.relative_url(self.site) if known.page else ""
        self.report.add(row, "articles inchangés" if kind == "post" else "pages simples inchangées")

    def write(self, plan, row: Row, known) -> None:
        row.notes.extend(plan.notes)
        label = "articles" if plan.kind == "post" else "pages simples"
        e = "" if plan.kind == "post" else "e"  # pages are feminine in French
        put = "mis" if plan.kind == "post" else "mises"
        if known is not None and known.fingerprint == plan.fingerprint:
            self._unchanged(row, known, plan.kind)
            return
        if known is not None and known.page is None:
            row.action = "non recréé"
            row.notes.append("Supprimé dans Newsroom après un import précédent : pas recréé.")
            self.report.add(row, f"{label} non recréé{e}s (supprimé{e}s ici)")
            return
        if known is not None and known.page.latest_revision_id != known.revision_id:
            row.action = "non mis à jour"
            row.notes.append("Modifié dans Newsroom depuis l’import : la version WordPress n’écrase pas ces modifications.")
            self.report.add(row, f"{label} modifié{e}s ici, non {put} à jour")
            return
        action = "mis à jour" if known else "créé"
        counted = [f"{label} {f'{put} à jour' if known else f'créé{e}s'}", f"statut « {STATUS_LABELS[plan.status]} »"]
        if self.options.dry_run:
            row.action = f"à {'mettre à jour' if known else 'créer'} (simulation)"
            if not known:
                row.url = self._planned_url(plan)
                self._count_planned(plan)
            self.report.add(row, *counted)
            return
        created = []
        with transaction.atomic():
            with index_once():
                page = self._update(known, plan, row, created) if known else self._create(plan, row, created)
                redirects = writer.ensure_redirects(page, plan, site=self.site, notes=row.notes)
            page.refresh_from_db()
            reindex([page, *(value for _key, value, new in created if new and isinstance(value, SectionPage))])
            ImportedItem.objects.update_or_create(
                site_url=self.site_url,
                wp_id=plan.wp_id,
                defaults={"kind": plan.kind, "page": page, "revision_id": page.latest_revision_id, "fingerprint": plan.fingerprint},
            )
        for key, value, new in created:  # only once committed: a rolled-back post leaves nothing cached or counted
            is_section = isinstance(value, SectionPage)
            (self.sections if is_section else self.authors)[key] = value
            if new:
                self.report.counts["rubriques créées" if is_section else "auteurs créés"] += 1
        row.action, row.url = action, page.relative_url(self.site)
        self.report.add(row, *counted)
        self.report.counts["redirections créées"] += redirects

    # --- Creating and updating -------------------------------------------------------------------

    def _create(self, plan, row: Row, created: list):
        if plan.kind == "post":
            parent = self._section(plan, created)
            page = ArticlePage(title=plan.title, slug=self._free_slug(parent, plan.slug, row), chapo=plan.chapo, live=False)
            if plan.hero:
                page.hero_image, page.hero_alt, page.hero_caption = plan.hero
            parent.add_child(instance=page)
            writer.fill_article(page, plan, authors=self._authors(plan, created), link_entities=self.options.link_entities)
        else:
            parent = self.home
            page = self.simple_page(title=plan.title, slug=self._free_slug(parent, plan.slug, row), live=False)
            row.notes.extend(writer.fill_simple_page(page, plan))
            parent.add_child(instance=page)
        writer.apply_status(page, plan, is_new=True, notes=row.notes)
        return page

    def _update(self, known, plan, row: Row, created: list):
        page = known.page.specific.get_latest_revision_as_object()
        if plan.kind == "post":
            writer.fill_article(page, plan, authors=self._authors(plan, created), link_entities=self.options.link_entities)
        else:
            row.notes.extend(writer.fill_simple_page(page, plan))
        writer.apply_status(page, plan, is_new=False, notes=row.notes)
        return page

    def _free_slug(self, parent, slug: str, row: Row) -> str:
        taken = self.taken_slugs.setdefault(parent.pk, set())
        candidate, number = slug, 1
        while candidate in taken or parent.get_children().filter(slug=candidate).exists():
            number += 1
            candidate = f"{slug}-{number}"
        if candidate != slug:
            row.notes.append(f"Identifiant d’URL « {slug} » déjà pris dans la rubrique : « {candidate} » utilisé.")
        taken.add(candidate)
        return candidate

    def _planned_url(self, plan) -> str:
        if plan.kind == "page":
            return f"/{plan.slug}/"
        section = self.sections.get(plan.section[0]) if plan.section else None
        section_slug = section.slug if isinstance(section, SectionPage) else slugify(plan.section[0] if plan.section else "non-classe")
        return f"/{section_slug}/{plan.slug}/"

    def _count_planned(self, plan) -> None:
        """In a dry run, count the rubriques, bylines and redirects a real run would create."""
        if plan.kind == "post":
            nicename = plan.section[0] if plan.section else "non-classe"
            if nicename not in self.sections:
                exists = SectionPage.objects.child_of(self.home).filter(slug=slugify(nicename) or "non-classe").first()
                self.sections[nicename] = exists or nicename
                if exists is None:
                    self.report.counts["rubriques créées"] += 1
            for login, _name in plan.authors:
                if login not in self.authors:
                    known = ImportedAuthor.objects.filter(site_url=self.site_url, login=login).select_related("author").first()
                    self.authors[login] = known.author if known else login
                    if known is None:
                        self.report.counts["auteurs créés"] += 1
        if plan.status in writer.REDIRECT_STATUSES:
            olds = {Redirect.normalise_path(path) for path in plan.old_paths}
            existing = Redirect.objects.filter(site=self.site, old_path__in=olds).count()
            self.report.counts["redirections créées"] += len(olds) - existing

    def _section(self, plan, created: list) -> SectionPage:
        nicename, name = plan.section or ("non-classe", "Non classé")
        section = self.sections.get(nicename)
        if section is not None:
            return section
        slug = slugify(nicename) or "non-classe"
        section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
        if section is None:
            section = SectionPage(title=name or nicename, slug=slug)
            self.home.add_child(instance=section)
            section.save_revision().publish()
            created.append((nicename, section, True))
        else:
            created.append((nicename, section, False))
        return section

    def _authors(self, plan, created: list) -> list[Author]:
        authors = []
        for login, name in plan.authors:
            author = self.authors.get(login)
            if author is None:
                link = ImportedAuthor.objects.filter(site_url=self.site_url, login=login).select_related("author").first()
                author = link.author if link else None
            new = author is None
            if new:
                base = slugify(login) or slugify(name) or "auteur"
                slug, number = base, 1
                while Author.objects.filter(slug=slug).exists():
                    number += 1
                    slug = f"{base}-{number}"
                author = Author.objects.create(name=name[:120], slug=slug)
                ImportedAuthor.objects.create(site_url=self.site_url, login=login, author=author)
            created.append((login, author, new))
            authors.append(author)
        return authors

    def import_remaining_images(self, attachments) -> None:
        """Image attachments no post pointed to still join the image library."""
        for attachment in attachments.values():
            if attachment.is_image and attachment.wp_id not in self.media.results:
                result = self.media.image_for(attachment)
                if not result.ok:
                    self.report.problems.append(_sentence(result.problem))
        for result in self.media.results.values():
            if not result.ok:
                self.report.counts["images non importées (absentes ou refusées)"] += 1


def validate_body(plan) -> None:
    """Check the text blocks with the article body's own rules (lengths, heading order)."""
    if plan.kind != "post":
        return
    stream_block = ArticleBodyBlock()
    raw = [block for block in plan.body if block["type"] in VALIDATED_BLOCKS]
    stream_block.clean(stream_block.to_python(raw))


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


def _message(error) -> str:
    if isinstance(error, ValidationError):
        messages = error.messages if hasattr(error, "messages") else [str(error)]
        return " ".join(str(message) for message in messages)
    return str(error)
