"""A synthetic newsroom at scale, for the benchmark: sections, entities, tags, authors, partners
and articles, written in bulk.

Saving 100,000 pages one by one through Wagtail takes hours (each `add_child` locks and rewrites
the tree, each publish writes a revision and fires signals). Here the tree paths are computed in
Python and the rows written with `bulk_create`: `wagtailcore_page` first, then the
`articles_articlepage` rows through Django's own insert query (Django refuses `bulk_create` on a
multi-table child). The pages get no revision: Wagtail serves a live page from its own row and
opens the editor on it when there is no revision (`get_latest_revision_as_object`), so a revision
per article would only double the data. The public search documents are built at the end in one
SQL statement (articles.search_index); Wagtail's own index (admin search) gets the entities and
authors, and the articles only with `wagtail_index` (slow: one Python pass per object).

Everything written is drawn from one `random.Random(seed)`: the same seed writes the same titles,
texts and links. Dates count back from the time of the run. Adding a corpus to a database that
already has content (the demo) keeps that content; slugs that already exist get a suffix.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from taggit.models import Tag

from articles.models import (
    ArticleAuthor,
    ArticleEntity,
    ArticlePage,
    ArticleSource,
    ArticleTag,
    ArticleUpdate,
    Author,
    HomePage,
    RelatedArticle,
    SectionPage,
)
from articles.related_ranking import BATCH as RANK_BATCH
from articles.related_ranking import Links
from articles.search_index import index_articles
from articles.selectors import BODY_RENDITIONS, TEASER_RENDITIONS, hero_renditions
from demo import corpus_text, factories
from demo.corpus_sampling import pick_distinct, seeded_uuid, spread_counts, unique_slug, zipf_cumulative
from demo.corpus_sizes import CorpusReport, CorpusSizes, Progress
from entities.models import Deal, Entity, Role

BATCH = 1000
INDEX_BATCH = 500
# Share of each kind among generated entities (people first: they are the most numerous).
ENTITY_KINDS = [
    ("personne", 40),
    ("entreprise", 35),
    ("laboratoire", 8),
    ("fonds", 6),
    ("media", 6),
    ("institution", 5),
]


def _insert_rows(model, objs) -> None:
    """INSERT the model's own columns for `objs`, in batches: `bulk_create` for a multi-table child,
    which Django refuses, done the way Django's `bulk_create` does it."""
    fields = list(model._meta.local_concrete_fields)
    batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), batch):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + batch])
        query.get_compiler(connection=connection).execute_sql()


@contextlib.contextmanager
def _prepared_once(backend):
    """Let the PostgreSQL backend read each search field of an object once instead of five times.

    Its `ObjectIndexer` walks every search field for each of the title, body, autocomplete and the
    two plain-text columns, so a StreamField body is parsed and stripped of tags five times per
    article: 80 % of the indexing time at 100,000 articles. The subclass keeps each field's
    prepared values; the SQL and the values written are the backend's own (a test compares them
    with an article indexed the ordinary way). Other backends (SQLite) are left as they are.
    """
    module = sys.modules.get(type(backend).__module__)
    indexer = getattr(module, "ObjectIndexer", None)
    if indexer is None:
        yield
        return

    class PreparedOnce(indexer):
        def prepare_field(self, obj, field):
            cache = self.__dict__.setdefault("_prepared", {})
            key = (id(obj), id(field))
            if key not in cache:
                cache[key] = list(super().prepare_field(obj, field))
            return cache[key]

    module.ObjectIndexer = PreparedOnce
    try:
        yield
    finally:
        module.ObjectIndexer = indexer


class CorpusBuilder:
    """Writes one corpus; `generate_corpus` is the way to call it."""

    def __init__(self, sizes: CorpusSizes, seed: int, stream=None, wagtail_index: bool = False):
        self.sizes, self.seed, self.wagtail_index = sizes, seed, wagtail_index
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
        self.writer = corpus_text.Writer(self.rng)
        self.stream = stream
        self.report = CorpusReport()
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)

    def _stage(self, name: str, started: float) -> None:
        self.report.timings[name] = time.monotonic() - started

    # Reference data -------------------------------------------------------------------------

    def sections(self) -> list[SectionPage]:
        """The first `sizes.sections` rubriques, reusing those that exist (the demo's)."""
        home = HomePage.objects.get()
        sections = []
        for slug, title in corpus_text.SECTIONS[: self.sizes.sections]:
            section = SectionPage.objects.child_of(home).filter(slug=slug).first()
            if section is None:
                section = SectionPage(title=title, slug=slug, intro=f"Toute l'actualité de la rubrique {title}.")
                home.add_child(instance=section)
                section.save_revision().publish()
                home.refresh_from_db()
                self.report.sections += 1
            sections.append(section)
        return sections

    def images(self) -> list:
        """A small pool of illustrations shared by the articles, with every rendition made now
        (as publishing does), so that no reader's request pays for one."""
        images = []
        for number in range(self.sizes.images):
            image = factories.make_image(title=f"Illustration du corpus {number + 1}", palette=number)
            hero_renditions(image)
            image.get_renditions(*TEASER_RENDITIONS, *BODY_RENDITIONS)
            images.append(image)
        self.report.images = len(images)
        return images

    def authors(self) -> list[Author]:
        rng = self.rng
        taken = set(Author.objects.values_list("slug", flat=True))
        authors = []
        for _ in range(self.sizes.authors):
            name, _aliases = corpus_text.person_name(rng)
            role = rng.choice(corpus_text.AUTHOR_ROLES)
            bio = f"{name} suit {rng.choice(corpus_text.TOPICS)} pour la rédaction depuis {rng.randint(2012, 2025)}."
            authors.append(Author(name=name, slug=unique_slug(slugify(name), taken), role=role, bio=bio))
        authors = Author.objects.bulk_create(authors)
        self.report.authors = len(authors)
        return authors

    def tags(self) -> list[Tag]:
        names = corpus_text.tag_names(self.rng, self.sizes.tags)
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        taken = set(Tag.objects.values_list("slug", flat=True))
        new = [Tag(name=name, slug=unique_slug(slugify(name), taken, 100)) for name in names if name not in existing]
        created = {tag.name: tag for tag in Tag.objects.bulk_create(new)}
        self.report.tags = len(created)
        return [existing.get(name) or created[name] for name in names]

    def entities(self) -> list[Entity]:
        rng = self.rng
        started = time.monotonic()
        kinds, weights = zip(*ENTITY_KINDS, strict=True)
        taken = set(Entity.objects.values_list("slug", flat=True))
        entities = []
        for _ in range(self.sizes.entities):
            kind = rng.choices(kinds, weights)[0]
            name, aliases = corpus_text.entity_name(rng, kind)
            label = dict(Entity.Kind.choices)[kind].lower()
            description = f"{name} : {label} active dans {rng.choice(corpus_text.TOPICS)}, basée à {rng.choice(corpus_text.CITIES)}."
            entities.append(
                Entity(
                    kind=kind,
                    name=name,
                    slug=unique_slug(slugify(name), taken, 150),
                    aliases=aliases,
                    description=description,
                    website=f"https://{slugify(name)}.example.com/" if kind != "personne" else "",
                    live=True,
                    first_published_at=self.now,
                    last_published_at=self.now,
                )
            )
        entities = Entity.objects.bulk_create(entities, batch_size=BATCH)
        people = [entity for entity in entities if entity.kind == "personne"]
        organisations = [entity for entity in entities if entity.kind != "personne"]
        roles, deals = [], []
        if organisations:
            org_weights = zipf_cumulative(len(organisations))
            for person in people:
                for order, organisation in enumerate(pick_distinct(rng, organisations, org_weights, rng.choice((1, 1, 2)))):
                    start = self.now.date() - timedelta(days=rng.randint(60, 4000))
                    roles.append(
                        Role(
                            person=person,
                            organisation=organisation,
                            kind=rng.choice(Role.Kind.values),
                            start_date=start,
                            sort_order=order,
                        )
                    )
            for source in organisations:
                if len(organisations) > 1 and rng.random() < 0.3:
                    target = rng.choice(organisations)
                    if target.pk != source.pk:
                        deals.append(
                            Deal(
                                source=source,
                                target=target,
                                kind=rng.choice(Deal.Kind.values),
                                status=rng.choice(Deal.Status.values),
                                date=self.now.date() - timedelta(days=rng.randint(1, 2000)),
                                amount=rng.randint(1, 500) * 1_000_000,
                                currency=rng.choice(Deal.Currency.values),
                                sort_order=0,
                            )
                        )
        Role.objects.bulk_create(roles, batch_size=BATCH)
        Deal.objects.bulk_create(deals, batch_size=BATCH)
        self.report.entities, self.report.roles, self.report.deals = len(entities), len(roles), len(deals)
        self._stage("entities", started)
        return entities

    def partners(self, sections: list[SectionPage]) -> list:
        from demo.partner_factories import make_logo
        from partners.models import Partner, Tier, paris_today

        rng = self.rng
        partners = []
        today = paris_today()
        for number in range(self.sizes.partners):
            name, _aliases = corpus_text.company_name(rng)
            placement = number % 4
            partner = Partner(
                name=name,
                logo=make_logo(text=name, colour_index=number),
                logo_alt=name,
                url=f"https://{slugify(name)}.example.com/",
                tier=rng.choice(Tier.values),
                active_from=today - timedelta(days=rng.randint(0, 300)),
                on_site=placement == 0,
                on_home=placement == 1,
                on_articles=placement == 2,
            )
            partner.save()
            if placement == 3:
                partner.sections.set([rng.choice(sections)])
                partner.save()
            partners.append(partner)
        self.report.partners = len(partners)
        return partners

    # Articles -------------------------------------------------------------------------------

    def articles(self, sections, entities, authors, tags, images, partners) -> None:
        rng = self.rng
        sizes = self.sizes
        started = time.monotonic()
        article_type = ContentType.objects.get_for_model(ArticlePage)
        locale_id = Locale.get_default().pk
        step = Page.steplen
        # Where each section's new children start, and the slugs already used under it.
        next_step, taken_slugs = {}, {}
        for section in sections:
            last = section.get_last_child()
            next_step[section.pk] = Page._str2int(last.path[-step:]) + 1 if last else 1
            taken_slugs[section.pk] = set(Page.objects.child_of(section).values_list("slug", flat=True))
        added = dict.fromkeys(next_step, 0)
        entity_weights = zipf_cumulative(len(entities))
        tag_weights = zipf_cumulative(len(tags))
        author_weights = zipf_cumulative(len(authors), offset=20.0)
        section_weights = [len(sections) - index + 2 for index in range(len(sections))]
        organisations = [entity for entity in entities if entity.kind != "personne"]
        media = [entity for entity in entities if entity.kind == "media"]
        link_counts = spread_counts(rng, sizes.links, sizes.articles)
        image_ids = [image.pk for image in images]
        span = timedelta(days=max(30, sizes.articles // 90))
        progress = Progress("Articles", sizes.articles, self.stream)
        written_ids: list[int] = []
        for batch_start in range(0, sizes.articles, BATCH):
            batch_end = min(batch_start + BATCH, sizes.articles)
            pages, children, extras = [], [], []
            for number in range(batch_start, batch_end):
                section = rng.choices(sections, weights=section_weights)[0]
                linked = pick_distinct(rng, entities, entity_weights, link_counts[number])
                cast = corpus_text.Cast(
                    organisations=[entity.name for entity in linked if entity.kind != "personne"],
                    people=[entity.name for entity in linked if entity.kind == "personne"],
                    extra=[rng.choice(organisations).name] if organisations else [],
                )
                title = self.writer.headline(cast)
                chapo = self.writer.chapo(cast)
                kicker = self.writer.kicker()
                body, _words = self.writer.body(cast, image_ids=image_ids, read_also_ids=written_ids[-5000:])
                for block in body:
                    block["id"] = str(seeded_uuid(rng))
                hero = rng.choice(images) if images and rng.random() < 0.7 else None
                # Oldest first, so that tree order and publication order agree.
                published = self.now - span * (1 - (number + 1) / sizes.articles) - timedelta(minutes=rng.randint(0, 50))
                slug = unique_slug(slugify(title), taken_slugs[section.pk])
                path = Page._get_path(section.path, section.depth + 1, next_step[section.pk])
                next_step[section.pk] += 1
                added[section.pk] += 1
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type_id=article_type.pk,
                        path=path,
                        depth=section.depth + 1,
                        numchild=0,
                        url_path=f"{section.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        latest_revision_created_at=published,
                        locale_id=locale_id,
                        translation_key=uuid.uuid4(),  # unique per page, even for a second run of the same seed
                        show_in_menus=False,
                    )
                )
                children.append(
                    {
                        "kicker": kicker,
                        "chapo": chapo,
                        "body": body,
                        "hero_image_id": hero.pk if hero else None,
                        "hero_alt": "Illustration abstraite aux couleurs de la rubrique" if hero else "",
                        "hero_credit": "Illustration : Newsroom" if hero else "",
                        "sponsor_id": rng.choice(partners).pk if partners and rng.random() < 0.01 else None,
                        "link_entities_in_body": rng.random() < 0.2,
                    }
                )
                extras.append(
                    {
                        "entities": linked,
                        "authors": pick_distinct(rng, authors, author_weights, 2 if rng.random() < 0.15 else 1),
                        "tags": pick_distinct(rng, tags, tag_weights, rng.randint(2, 5)),
                        "source": rng.choice(media) if media and rng.random() < 0.25 else None,
                        "related": rng.sample(written_ids[-5000:], 1) if written_ids and rng.random() < 0.03 else [],
                        "update": rng.random() < 0.03,
                        "published": published,
                        "title": title,
                    }
                )
            pages = Page.objects.bulk_create(pages)
            _insert_rows(ArticlePage, [ArticlePage(page_ptr_id=page.pk, **fields) for page, fields in zip(pages, children, strict=True)])
            self._write_relations(pages, extras)
            written_ids.extend(page.pk for page in pages)
            progress.advance(len(pages))
        for section_id, count in added.items():
            Page.objects.filter(pk=section_id).update(numchild=F("numchild") + count)
        self.report.articles = len(written_ids)
        self.report.article_ids = written_ids
        self._stage("articles", started)
        progress.finish()

    def _write_relations(self, pages, extras) -> None:
        bylines, tagged, links, sources, related, updates = [], [], [], [], [], []
        for page, extra in zip(pages, extras, strict=True):
            bylines += [ArticleAuthor(article_id=page.pk, author=author, sort_order=i) for i, author in enumerate(extra["authors"])]
            tagged += [ArticleTag(content_object_id=page.pk, tag=tag) for tag in extra["tags"]]
            links += [
                ArticleEntity(article_id=page.pk, entity=entity, prominence="sujet" if i == 0 else "mention", sort_order=i)
                for i, entity in enumerate(extra["entities"])
            ]
            if extra["source"] is not None:
                sources.append(
                    ArticleSource(
                        article_id=page.pk,
                        outlet=extra["source"],
                        url=f"https://{extra['source'].slug}.example.com/{page.slug}",
                        title=extra["title"],
                        sort_order=0,
                    )
                )
            related += [RelatedArticle(article_id=page.pk, target_id=target, sort_order=0) for target in extra["related"]]
            if extra["update"]:
                updates.append(
                    ArticleUpdate(
                        article_id=page.pk,
                        kind=ArticleUpdate.Kind.UPDATE,
                        date=extra["published"] + timedelta(hours=3),
                        note="Cet article a été complété avec la réaction de l'entreprise.",
                        sort_order=0,
                    )
                )
        for model, rows in (
            (ArticleAuthor, bylines),
            (ArticleTag, tagged),
            (ArticleEntity, links),
            (ArticleSource, sources),
            (RelatedArticle, related),
            (ArticleUpdate, updates),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH)
        self.report.links += len(links)

    # Search index ---------------------------------------------------------------------------

    def index(self, entities, authors) -> None:
        """The public search documents of the new articles in one SQL statement (PostgreSQL), then
        Wagtail's index (the admin's search) for entities and authors, and for the articles only
        when asked: written object by object in Python, it took 37 of 48 minutes at 100,000."""
        started = time.monotonic()
        index_articles(self.report.article_ids)
        self._stage("search documents", started)
        started = time.monotonic()
        ids = self.report.article_ids
        progress = Progress("Articles proches", len(ids), self.stream)
        links = Links.everything()
        for start in range(0, len(ids), RANK_BATCH):
            links.store(ids[start : start + RANK_BATCH])
            progress.advance(len(ids[start : start + RANK_BATCH]))
        progress.finish()
        self._stage("related articles", started)
        started = time.monotonic()
        backend = get_search_backend()
        with _prepared_once(backend):
            self._index(backend, entities, authors)
        self._stage("search index", started)

    def _index(self, backend, entities, authors) -> None:
        ids = self.report.article_ids if self.wagtail_index else []
        progress = Progress("Index de recherche", len(ids) + len(entities) + len(authors), self.stream)
        for start in range(0, len(ids), INDEX_BATCH):
            chunk = ArticlePage.objects.filter(pk__in=ids[start : start + INDEX_BATCH]).prefetch_related("tags")
            backend.add_bulk(ArticlePage, list(chunk))
            progress.advance(min(INDEX_BATCH, len(ids) - start))
        for model, objs in ((Entity, entities), (Author, authors)):
            for start in range(0, len(objs), INDEX_BATCH):
                backend.add_bulk(model, objs[start : start + INDEX_BATCH])
                progress.advance(len(objs[start : start + INDEX_BATCH]))
        progress.finish()

    def run(self) -> CorpusReport:
        started = time.monotonic()
        with transaction.atomic():
            sections = self.sections()
            images = self.images()
            authors = self.authors()
            tags = self.tags()
            entities = self.entities()
            partners = self.partners(sections)
            self.articles(sections, entities, authors, tags, images, partners)
            self.index(entities, authors)
        if connection.vendor == "postgresql":
            # A bulk load leaves the planner's statistics empty until autovacuum passes: without
            # them, listings at 100,000 articles pick plans a hundred times slower.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._stage("total", started)
        return self.report


def generate_corpus(sizes: CorpusSizes, *, seed: int = 1, stream=None, wagtail_index: bool = False) -> CorpusReport:
    """Write a synthetic newsroom of `sizes` into the database, reproducibly from `seed`, in one
    transaction (all or nothing). Progress goes to `stream` (stderr by default). `wagtail_index`
    also indexes the articles in Wagtail's own index (the admin's page search), object by object."""
    problems = sizes.errors()
    if problems:
        raise ValueError(" ".join(problems))
    return CorpusBuilder(sizes, seed, stream, wagtail_index).run()
