"""A site with realistic content, and every public URL of it, for the external checks (issue 22).

The demo content is tidy: round publication times, one of everything. This builds what a newsroom
really holds, the ways it really gets there:

- a generated corpus (`demo.corpus.generate_corpus`, a few hundred articles, timestamps with
  microseconds);
- articles published as the admin publishes them: a revision then `revision.publish()` at
  `timezone.now()` (re-published corpus articles and new ones), and scheduled go-lives that the
  real scheduler command (`run_scheduler --once`) fired;
- content at the edges: the longest headline the admin accepts, a title of quotes and colons
  only, emoji, right-to-left names, an author with one name, an article with 40 tags and 30
  entities, no image, an image without caption, an embed, a sponsored article, an entity with
  every kind of deal.

`public_urls()` then lists every public URL to check: one page per live, public page type (found
generically, so the page types other apps add are visited as soon as they have a public page),
every route of every routable page, every edge page, and the non-page URLs (search, feeds,
sitemaps). `uncovered_routes()` names the public URL patterns no listed URL reaches: a new public
view must be added here, or it would escape the checks.
"""

import contextlib
import datetime
import json
from dataclasses import dataclass, field
from io import StringIO

from django.core.management import call_command
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page, get_page_models

from articles.models import ArticleDeal, ArticlePage, ArticleUpdate, Author, SectionPage
from demo import factories
from demo.corpus import CorpusSizes, generate_corpus
from demo.live_factories import add_updates, make_live
from demo.partner_factories import make_partner
from entities.models import Deal, Entity

# URL patterns that are not pages for readers, or that the page walk reaches another way.
NOT_CHECKED_ROUTES = {
    "wagtail_serve",  # every page: visited through the page types below
    "wagtaildocs_serve",  # downloads, not pages
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
    "health",  # JSON for monitors
    "most-read",  # « Les plus lus »: an HTML fragment the pages fetch, not a page (tests/audience)
    "click",  # partner click redirect
    "impressions",  # partner impressions: a POST from the block's script, no page
    None,  # /media/ files
}
# Prefixes of non-public URL trees (the admin and its own views).
PRIVATE_PREFIXES = ("admin/",)

EMBED_URL = "https://www.youtube.com/watch?v=realist22"
LONGEST_TITLE = 255  # Wagtail's page title column: the longest headline the admin accepts


@dataclass
class RealisticSite:
    """What was built, for the checks to visit: edge pages by name and the pages of each kind."""

    edge: dict[str, Page] = field(default_factory=dict)
    corpus_article_ids: list[int] = field(default_factory=list)
    admin_published_ids: list[int] = field(default_factory=list)
    scheduled_ids: list[int] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def _publish_like_the_admin(page):
    """A new revision, published now: real timestamps with their microseconds."""
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    return page


def _embed():
    # Wagtail reads its embed table before asking the provider: a stored row is the real code
    # path without the network (no third-party request either way: the page shows a facade).
    Embed.objects.get_or_create(
        hash=get_embed_hash(EMBED_URL),
        defaults={
            "url": EMBED_URL,
            "max_width": None,
            "type": "video",
            "html": '<iframe title="Démonstration en vidéo" src="https://www.youtube-nocookie.com/embed/realist22"></iframe>',
            "title": "Démonstration en vidéo",
            "width": 640,
            "height": 360,
            "provider_name": "YouTube",
        },
    )


def build_realistic_site(*, articles: int = 300, seed: int = 22) -> RealisticSite:
    """Build the corpus, the admin-published and scheduled articles and the edge content."""
    site = RealisticSite()
    sizes = CorpusSizes(articles=articles, sections=4, entities=150, links=articles * 3, tags=80, authors=12, partners=6, images=4)
    report = generate_corpus(sizes, seed=seed, stream=StringIO())
    site.corpus_article_ids = report.article_ids
    sections = list(SectionPage.objects.live().order_by("path"))
    section = sections[0]
    corpus_entities = list(Entity.objects.filter(live=True).order_by("pk"))
    corpus_tags = list(ArticlePage.tags.through.tag_model().objects.order_by("pk").values_list("name", flat=True))

    # Corpus articles edited and published again from the admin: a revision each, real times.
    for page in ArticlePage.objects.filter(pk__in=report.article_ids[-12:]):
        page.chapo += " Mis à jour après la réaction de l'entreprise."
        _publish_like_the_admin(page)
        ArticleUpdate.objects.create(article=page, kind="mise_a_jour", date=timezone.now(), note="Réaction ajoutée.")
        site.admin_published_ids.append(page.pk)

    # New articles written in the admin, published at once or scheduled and fired by the scheduler.
    authors = list(Author.objects.order_by("pk")[:3])
    for number in range(8):
        article = factories.make_article(
            section=sections[number % len(sections)],
            title=f"Dépêche {number + 1} : l'IA au bureau",
            authors=authors[: 1 + number % 2],
            tags=corpus_tags[number : number + 3],
            entities=corpus_entities[number : number + 2],
            publish=number < 4,
        )
        if number < 4:
            site.admin_published_ids.append(article.pk)
        else:
            factories.schedule(article, overdue=True)
            site.scheduled_ids.append(article.pk)
    call_command("run_scheduler", "--once", stdout=StringIO())

    _edge_content(site, section=section, entities=corpus_entities, tags=corpus_tags)
    site.authors = list(Author.objects.filter(bylines__article__live=True).distinct().order_by("pk")[:3]) + [
        site.edge["rtl-author"],
        site.edge["one-name-author"],
    ]
    return site


def _edge_content(site: RealisticSite, *, section, entities, tags) -> None:
    image = factories.make_image(title="Salle de serveurs")
    _embed()
    rtl_author = factories.make_author(name="ليلى الحسيني", slug="leila-al-husseini", role="Correspondante")
    one_name = factories.make_author(name="Aurore", slug="aurore", role="Dessinatrice")
    rtl_person = factories.make_entity(name="נועה לוי", slug="noa-levi", kind="personne", description="Chercheuse à Tel-Aviv.")
    partner = make_partner(name="stereance.com", url="https://stereance.com/")
    site.edge.update({"rtl-author": rtl_author, "one-name-author": one_name, "rtl-entity": rtl_person})

    words = "Les géants de l'IA générative rachètent, recrutent et investissent : chronique d'une course "
    long_title = (words * 4)[: LONGEST_TITLE - 1].rstrip() + "."
    edge_articles = {
        "long-headline": {"title": long_title, "authors": [one_name]},
        "quotes-and-colons": {"title": "« » : \"\" : '' : « : »", "slug": "guillemets-et-deux-points"},
        "emoji": {
            "title": "🚀 L'IA générative 🤖 : la course est lancée 🏁",
            "slug": "emoji",
            "chapo": "Des fusées 🚀, des robots 🤖 et des drapeaux 🏁 : le chapô aussi.",
            "tags": ["🤖 robots", "Espace 🚀"],
        },
        "rtl-names": {
            "title": "Entretien avec ليلى الحسيني et נועה לוי",
            "slug": "noms-de-droite-a-gauche",
            "authors": [rtl_author],
            "entities": [rtl_person],
            "body": [{"type": "paragraph", "value": "<p>ليلى الحسيني a rencontré נועה לוי à Tel-Aviv.</p>"}],
        },
        "many-tags-and-entities": {
            "title": "Quarante tags et trente entités",
            "slug": "quarante-tags-trente-entites",
            "tags": (tags + [f"Sujet {n}" for n in range(40)])[:40],
            "entities": entities[:30],
            "link_entities_in_body": True,
        },
        "no-image": {"title": "Un article sans image", "slug": "sans-image"},
        "image-without-caption": {
            "title": "Une image sans légende",
            "slug": "image-sans-legende",
            "hero_image": image,
            "hero_alt": "Des baies de serveurs éclairées en bleu",
            "body": [
                {"type": "paragraph", "value": "<p>Un paragraphe avant l'image.</p>"},
                {"type": "image", "value": {"image": image.pk, "alt": "Une baie de serveurs", "caption": "", "credit": ""}},
            ],
        },
        "embed": {
            "title": "Une vidéo intégrée",
            "slug": "video-integree",
            "body": [
                {"type": "paragraph", "value": "<p>La démonstration en vidéo :</p>"},
                {"type": "embed", "value": {"embed": EMBED_URL, "caption": "La démonstration"}},
            ],
        },
        "sponsored": {"title": "Le son de demain", "slug": "le-son-de-demain", "sponsor": partner},
    }
    # Publishing needs a byline (articles/forms.py): every edge article has one, as in the admin.
    byline = Author.objects.order_by("pk").first()
    for name, fields in edge_articles.items():
        fields = {"authors": [byline], **fields}
        body = fields.pop("body", None)
        article = factories.make_article(section=section, slug=fields.pop("slug", name), body=body, **fields)
        site.edge[name] = article
    for article in site.edge.values():
        if isinstance(article, ArticlePage):
            ArticleUpdate.objects.create(article=article, kind="precision", date=timezone.now(), note="Précision : « 14 milliards ».")

    # An entity with every kind of deal, in every status, with and without dates and amounts.
    dealer = factories.make_entity(name="Méga Holding", slug="mega-holding", kind="entreprise", description="Un acquéreur boulimique.")
    targets = [entity for entity in entities if entity.kind != "personne"][:4]
    for index, (kind, status) in enumerate(zip(Deal.Kind.values, Deal.Status.values, strict=True)):
        deal = Deal.objects.create(
            source=dealer,
            target=targets[index],
            kind=kind,
            status=status,
            date=datetime.date(2025, 1 + index, 1 + index) if index % 2 == 0 else None,
            amount=(index + 1) * 1_000_000_000 if index != 3 else None,
            currency=Deal.Currency.values[index % 3],
            valuation=(index + 2) * 10_000_000_000 if kind == Deal.Kind.INVESTMENT else None,
            note="Selon la presse" if index == 1 else "",
        )
        if index == 0:
            # The sponsored article reports the first deal (articles link the deals they report).
            sponsored = site.edge["sponsored"].get_latest_revision_as_object()
            sponsored.reported_deals.add(ArticleDeal(deal=deal))
            sponsored.save_revision().publish()
    dealer.save_revision().publish()
    site.edge["deal-entity"] = dealer
    site.tags = ["robots", "espace"]
    site.entities = [dealer, rtl_person, *entities[:2]]
    _live_content(site, section=section, image=image, authors=[rtl_author, one_name])


def _live_content(site: RealisticSite, *, section, image, authors) -> None:
    """A running live page with an important, an illustrated, a quoted and a corrected update."""
    live = make_live(section=section, title="En direct : « l'IA au salon » — 19 h 42", authors=authors)
    add_updates(live, 3, author_name="ليلى الحسيني")
    add_updates(
        live,
        1,
        author_name="Aurore",
        important=True,
        image=image,
        image_alt="Salle de serveurs",
        quote="« On y est »",
        quote_source="Aurore",
    )
    site.edge["live"] = live


# --- the URLs to visit --------------------------------------------------------------------------


def page_type_urls() -> dict[str, str]:
    """One URL per live, public specific page type (the newest page of each), found generically."""
    urls = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        page = Page.objects.live().public().exact_type(model).order_by("-last_published_at", "-pk").first()
        if page is not None and page.url:
            urls[f"type:{model._meta.label_lower}"] = page.url
    return urls


def routable_urls(site: RealisticSite) -> dict[str, str]:
    """Every route of the routable pages (authors, tags, entity index and pages), with real slugs."""
    urls = {"entities-index": "/entites/", "entities-index-people": "/entites/?type=personne"}
    for author in site.authors:
        urls[f"author:{author.slug}"] = f"/auteurs/{author.slug}/"
    for slug in site.tags:
        urls[f"tag:{slug}"] = f"/tags/{slug}/"
    for entity in site.entities:
        urls[f"entity:{entity.slug}"] = f"/entites/{entity.slug}/"
    return urls


def listing_urls() -> dict[str, str]:
    """Sections and the home page beyond their first page, and the search in its states."""
    urls = {"home-page-2": "/?page=2", "home-page-5": "/?page=5"}
    for section in SectionPage.objects.live().public().order_by("path"):
        urls[f"section:{section.slug}"] = section.url
        urls[f"section:{section.slug}:page-2"] = f"{section.url}?page=2"
    urls |= {
        "search-empty": "/recherche/",
        "search": "/recherche/?q=intelligence",
        "search-entity": "/recherche/?q=M%C3%A9ga+Holding",
        "search-nothing": "/recherche/?q=zzzxqw",
        "search-emoji": "/recherche/?q=%F0%9F%A4%96",
        "search-page-2": "/recherche/?q=ia&page=2",
        "not-found": "/cette-page-n-existe-pas/",
        # Secret links (previews/, planning/): an unknown token gets their French refusal page.
        "route:preview-unknown": "/apercu/lien-inconnu/",
        "route:calendar-unknown": "/planning/agenda/inconnu.ics",
    }
    return urls


def feed_urls(site: RealisticSite) -> dict[str, str]:
    """Every feed: the site's, each section's, and those of the edge tags, authors and entities."""
    subjects = [""]
    subjects += [f"rubrique/{section.slug}/" for section in SectionPage.objects.live().public()]
    subjects += [f"tag/{slug}/" for slug in site.tags]
    subjects += [f"auteur/{author.slug}/" for author in site.authors]
    subjects += [f"entite/{entity.slug}/" for entity in site.entities]
    return {f"feed:{subject}{flavour}": f"/flux/{subject}{flavour}/" for subject in subjects for flavour in ("rss", "atom")}


def sitemap_urls() -> dict[str, str]:
    from articles.sitemaps import sitemaps_for

    urls = {"sitemap-index": "/sitemap.xml", "sitemap-news": "/sitemap-news.xml", "robots": "/robots.txt"}
    urls |= {f"sitemap:{name}": f"/sitemap-{name}.xml" for name in sitemaps_for(None)}
    return urls


def parameterless_public_urls() -> dict[str, str]:
    """Every public URL pattern without parameters (what other apps add is visited at once)."""
    urls = {}
    for route, pattern in _public_patterns():
        if not pattern.pattern.converters and not getattr(pattern.pattern, "regex", None).groups and pattern.name not in NOT_CHECKED_ROUTES:
            urls[f"route:{pattern.name}"] = "/" + route
    return urls


def audience_urls() -> dict[str, str]:
    """The newsletter's signed pages (a real subscriber's, a fresh confirmation, a dead link) and
    the read beacon (POST only: a GET may answer 405)."""
    from audience.models import Subscriber
    from audience.tokens import confirmation_token, manage_token

    now = timezone.now()
    subscriber = Subscriber.objects.create(email="lectrice@example.org", daily=True, consent_text="…", consented_at=now, confirmed_at=now)
    token = manage_token(subscriber)
    confirm = confirmation_token(email="nouveau@example.org", daily=True, weekly=False, entity_ids=[], consented_at=now.isoformat())
    article = ArticlePage.objects.live().public().order_by("pk").first()
    return {
        "audience:subscribe-entity": "/lettre/?suivre=" + (Entity.objects.filter(live=True).values_list("slug", flat=True).first() or ""),
        "audience:confirm": f"/lettre/confirmer/{confirm}/",
        "audience:manage": f"/lettre/gerer/{token}/",
        "audience:unsubscribe": f"/lettre/desabonnement/{token}/",
        "route:audience-dead-link": "/lettre/gerer/lien-invalide/",
        "route:audience-read": f"/audience/vu/{article.pk}/",
    }


def public_urls(site: RealisticSite) -> dict[str, str]:
    """Every URL the checks visit, by a readable name."""
    urls = page_type_urls()
    urls |= {f"edge:{name}": page.url for name, page in site.edge.items() if isinstance(page, Page)}
    urls |= {f"admin-published:{pk}": url for pk, url in _urls_of(site.admin_published_ids[:6])}
    urls |= {f"scheduled:{pk}": url for pk, url in _urls_of(site.scheduled_ids[:2])}
    urls |= {f"corpus:{pk}": url for pk, url in _urls_of(site.corpus_article_ids[::40])}
    urls |= routable_urls(site) | listing_urls() | feed_urls(site) | sitemap_urls() | parameterless_public_urls()
    urls |= api_detail_urls(site) | live_urls(site)
    urls |= audience_urls() | partner_report_urls()
    return urls


def live_urls(site: RealisticSite) -> dict[str, str]:
    """The live page's fragment of updates (all, and since a change) and its feed."""
    live = site.edge["live"]
    return {
        "live:updates": f"/direct/{live.pk}/maj/?depuis=0",
        "live:updates-since": f"/direct/{live.pk}/maj/?depuis=2",
        "live:feed": f"/direct/{live.pk}/flux/",
    }


def partner_report_urls() -> dict[str, str]:
    """A partner's report page and its PDF, through a freshly signed link (partners/report_links.py)."""
    from partners.models import Partner, paris_today
    from partners.report_links import report_url

    partner = Partner.objects.filter(archived=False).order_by("pk").first()
    today = paris_today()
    url = report_url(partner, start=today - datetime.timedelta(days=29), end=today)
    return {"partner-report": url, "partner-report-pdf": f"{url}pdf/"}


def api_detail_urls(site: RealisticSite) -> dict[str, str]:
    """One detail of each read-API endpoint (api/): the edge article, a rubrique, an entity, an author."""
    article = next(page for page in site.edge.values() if isinstance(page, ArticlePage))
    return {
        "api:article": f"/api/v2/articles/{article.pk}/",
        "api:section": f"/api/v2/sections/{article.get_parent().pk}/",
        "api:entity": f"/api/v2/entities/{site.entities[0].pk}/",
        "api:author": f"/api/v2/authors/{site.authors[0].pk}/",
    }


def _urls_of(ids):
    for page in ArticlePage.objects.filter(pk__in=ids).order_by("pk"):
        yield page.pk, page.url


def _public_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        # Regex patterns (Wagtail's API router) carry their anchors: the path is what lies between.
        route = prefix + str(entry.pattern).removeprefix("^").removesuffix("$")
        if route.startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from _public_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def uncovered_routes(visited_paths) -> list[str]:
    """Public URL patterns, and routes of live routable pages, that no visited URL reaches."""
    paths = [path.split("?", 1)[0] for path in visited_paths]
    reached = {resolve(path).url_name for path in paths}
    missing = sorted({pattern.name for _, pattern in _public_patterns()} - NOT_CHECKED_ROUTES - reached)
    for model in get_page_models():
        if not issubclass(model, RoutablePageMixin):
            continue
        for page in Page.objects.live().public().exact_type(model).specific():
            base, resolver = page.url, page.get_resolver()
            if not base:
                continue
            sub_routes = set()
            for path in paths:
                if path.startswith(base):
                    with contextlib.suppress(Resolver404):  # a child page, not one of its routes
                        sub_routes.add(resolver.resolve(path[len(base) - 1 :]).url_name)
            missing += sorted(
                f"{model._meta.label_lower}:{pattern.name}" for pattern in resolver.url_patterns if pattern.name not in sub_routes
            )
    return missing


def dump(site: RealisticSite) -> str:
    """A short description of the site, for failure messages."""
    return json.dumps({"edge": sorted(site.edge), "corpus": len(site.corpus_article_ids), "scheduled": site.scheduled_ids})
