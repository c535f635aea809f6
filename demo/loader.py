"""Build the demo newsroom from `demo.articles_data`: idempotent, so `make run` may call it every time."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from articles import checklist
from articles.models import (
    ArticleDeal,
    ArticleEntity,
    ArticlePage,
    ArticleSource,
    ArticleUpdate,
    Author,
    HomePage,
    RelatedArticle,
    SectionPage,
)
from demo import articles_data as demo_data
from demo import entities_data as entity_data
from demo.images import illustration, portrait
from demo.legal_pages import ensure_legal_pages
from demo.live_pages import ensure_live_page
from demo.partners import ensure_partners
from entities.models import Deal, Entity, GroupLink, Role
from newsroom.models import SiteIdentity
from partners.models import Partner

PARIS = ZoneInfo("Europe/Paris")

# Demo only: these accounts exist to try the site locally and are refused outside DEBUG.
DEMO_ACCOUNTS = [
    ("journaliste", "journaliste-demo", "Journalistes", "Claire", "Dubreuil"),
    ("redaction", "redaction-demo", "Rédaction en chef", "Marc", "Lefèvre"),
    ("commercial", "commercial-demo", "Commercial", "Sofia", "Benali"),
    ("admin", "admin-demo", None, "Admin", "Newsroom"),
]


@dataclass
class DemoReport:
    """What a run created; empty lists on a second run."""

    sections: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    lives: list[str] = field(default_factory=list)


def paris(value: str) -> datetime:
    """An ISO local time of the demo data, in Europe/Paris."""
    return datetime.fromisoformat(value).replace(tzinfo=PARIS)


def demo_image(title: str, content: bytes, alt: str):
    """Get or create a Wagtail image by title in the root collection."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, description=alt, collection=Collection.get_first_root_node())
    image.file = ImageFile(BytesIO(content), name=f"{slugify(title)}.jpg")
    image.save()
    return image


def ensure_sections(home: HomePage, report: DemoReport) -> dict[str, SectionPage]:
    sections = {}
    for spec in demo_data.SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if section is None:
            section = SectionPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
            home.add_child(instance=section)
            section.save_revision().publish()
            report.sections.append(spec["title"])
        sections[spec["slug"]] = section
    return sections


def ensure_authors(report: DemoReport) -> dict[str, Author]:
    authors = {}
    for index, spec in enumerate(demo_data.AUTHORS):
        author = Author.objects.filter(slug=spec["slug"]).first()
        if author is None:
            initials = "".join(part[0] for part in spec["name"].split()[:2]).upper()
            photo = demo_image(f"Portrait : {spec['name']}", portrait(initials, index + 2), f"Portrait de {spec['name']}")
            author = Author.objects.create(name=spec["name"], slug=spec["slug"], role=spec["role"], bio=spec["bio"], photo=photo)
            report.authors.append(spec["name"])
        authors[spec["slug"]] = author
    return authors


def body_stream(blocks, images, pages):
    """The demo body as StreamField raw data, resolving images and « Lire aussi » targets."""
    stream = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            stream.append({"type": "paragraph", "value": value})
        elif block_type in ("heading", "quote"):
            stream.append({"type": block_type, "value": value})
        elif block_type == "image":
            image = images(value["palette"], value["alt"])
            stream.append(
                {"type": "image", "value": {"image": image.pk, "alt": value["alt"], "caption": value["caption"], "credit": value["credit"]}}
            )
        elif block_type == "read_also":
            stream.append({"type": "read_also", "value": {"article": pages[value].pk, "label": ""}})
    return json.dumps(stream)


@checklist.suspended()
@transaction.atomic
def load_demo(*, with_accounts: bool) -> DemoReport:
    """Create what is missing of the demo site; never touch what already exists."""
    report = DemoReport()
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    if not identity.slogan:
        identity.slogan = "Réinventez demain avec l'IA"
        identity.save()

    sections = ensure_sections(home, report)
    authors = ensure_authors(report)
    image_cache = {}

    def images(palette, alt):
        key = (palette, alt)
        if key not in image_cache:
            seed = len(image_cache) + 1
            image_cache[key] = demo_image(f"Illustration {seed} ({alt[:60]})", illustration(palette, seed), alt)
        return image_cache[key]

    pages = {page.slug: page for page in ArticlePage.objects.filter(slug__in=[a["slug"] for a in demo_data.ARTICLES])}
    new_specs = [spec for spec in demo_data.ARTICLES if spec["slug"] not in pages]
    # First pass: every new article exists as a draft, so that links between them can resolve.
    for spec in new_specs:
        article = ArticlePage(title=spec["title"], slug=spec["slug"], kicker=spec["kicker"], chapo=spec["chapo"], live=False)
        sections[spec["section"]].add_child(instance=article)
        pages[spec["slug"]] = article
    # Second pass: content, bylines, tags, updates, links; then publish at the article's date.
    for spec in new_specs:
        article = pages[spec["slug"]]
        hero = spec["hero"]
        article.hero_image = images(hero["palette"], hero["alt"])
        article.hero_alt, article.hero_caption, article.hero_credit = hero["alt"], hero["caption"], hero["credit"]
        article.body = body_stream(spec["body"], images, pages)
        article.article_authors.set([_byline(authors[slug]) for slug in spec["authors"]])
        article.tags.set(spec["tags"])
        article.updates.set([ArticleUpdate(kind=u["kind"], date=paris(u["date"]), note=u["note"]) for u in spec.get("updates", [])])
        article.related_articles.set([RelatedArticle(target=pages[slug]) for slug in spec.get("related", [])])
        article.save_revision().publish()
        published = paris(spec["published"])
        last = max([published, *(paris(u["date"]) for u in spec.get("updates", []))])
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=published, last_published_at=last, latest_revision_created_at=last
        )
        article.latest_revision.__class__.objects.filter(pk=article.latest_revision_id).update(created_at=last)
        report.articles.append(spec["title"])
        if spec.get("lead"):
            home.lead_article = article
            home.save_revision().publish()
    ensure_entities(report, pages)
    report.pages = ensure_legal_pages(home, site)
    report.lives = ensure_live_page(home, paris)
    known_partners = Partner.objects.count()
    report.partners = [partner.name for partner in ensure_partners()][known_partners:]
    if report.partners:
        demo_clicks()
    if with_accounts:
        report.accounts = ensure_accounts()
    return report


def _date(value):
    return date.fromisoformat(value) if value else None


def ensure_entities(report: DemoReport, pages) -> None:
    """The organisations and people of the launch story, their roles and deals, and the links
    from the launch story to them (subjects, mentions, sources)."""
    entities = {entity.slug: entity for entity in Entity.objects.filter(slug__in=[row[0] for row in entity_data.ENTITIES])}
    created = []
    for slug, kind, name, aliases, description, website, wikidata in entity_data.ENTITIES:
        if slug not in entities:
            entity = Entity(
                slug=slug, kind=kind, name=name, aliases=aliases, description=description, website=website, wikidata_id=wikidata
            )
            entity.save()
            entities[slug] = entity
            created.append(entity)
    if not created:
        return
    new_slugs = {entity.slug for entity in created}
    for person, organisation, kind, start, end in entity_data.ROLES:
        if person in new_slugs:
            Role.objects.create(
                person=entities[person], organisation=entities[organisation], kind=kind, start_date=_date(start), end_date=_date(end)
            )
    for group, subsidiary, start, end in entity_data.GROUP_LINKS:
        if group in new_slugs:
            GroupLink.objects.create(parent=entities[group], child=entities[subsidiary], start_date=_date(start), end_date=_date(end))
    launch = next((pages[spec["slug"]] for spec in demo_data.ARTICLES if spec.get("lead")), None)
    reported = []
    for source, target, kind, status, when, amount, currency, valuation, note in entity_data.DEALS:
        if source in new_slugs:
            deal = Deal.objects.create(
                source=entities[source],
                target=entities[target],
                kind=kind,
                status=status,
                date=_date(when),
                amount=amount,
                currency=currency,
                valuation=valuation,
                note=note,
            )
            if source == "meta":
                reported.append(deal)  # the launch story reports Meta's deals (linked from the article)
    for entity in created:
        entity.save_revision().publish()
    report.entities = [entity.name for entity in created]
    if launch is not None and not launch.entity_links.exists():
        draft = launch.get_latest_revision_as_object()
        draft.entity_links.set(
            [ArticleEntity(entity=entities[slug], prominence="sujet") for slug in entity_data.LAUNCH_STORY_SUBJECTS]
            + [ArticleEntity(entity=entities[slug], prominence="mention") for slug in entity_data.LAUNCH_STORY_MENTIONS]
        )
        draft.sources.set([ArticleSource(outlet=entities[slug]) for slug in entity_data.LAUNCH_STORY_SOURCES])
        draft.reported_deals.set([ArticleDeal(deal=deal) for deal in reported])
        draft.link_entities_in_body = True
        published_at, last = ArticlePage.objects.filter(pk=launch.pk).values_list("first_published_at", "last_published_at").get()
        draft.save_revision().publish()
        ArticlePage.objects.filter(pk=launch.pk).update(first_published_at=published_at, last_published_at=last)


def demo_clicks(days: int = 45) -> None:
    """Made-up clicks for the demo partners, so that the sales reports have something to show."""
    import random

    from partners.models import ClickCount, paris_today

    rng = random.Random(2025)  # noqa: S311 - demo figures, not security
    today = paris_today()
    rows = []
    for partner in Partner.objects.order_by("sort_order"):
        for offset in range(days):
            day = today - timedelta(days=offset)
            for placement, scale in (("site", 6), ("article", 3)):
                clicks = rng.randint(0, scale * (2 if day.weekday() < 5 else 1))
                if clicks:
                    rows.append(ClickCount(partner=partner, placement=placement, day=day, clicks=clicks))
    ClickCount.objects.bulk_create(rows, ignore_conflicts=True)


def _byline(author):
    from articles.models import ArticleAuthor

    return ArticleAuthor(author=author)


def ensure_accounts() -> list[str]:
    """One demo account per role; existing accounts are left as they are."""
    User = get_user_model()
    created = []
    for username, password, group_name, first_name, last_name in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(username=username, first_name=first_name, last_name=last_name, email=f"{username}@example.org")
        user.set_password(password)
        user.is_superuser = user.is_staff = group_name is None
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        created.append(username)
    return created
