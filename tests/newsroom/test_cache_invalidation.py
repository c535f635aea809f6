"""Exact invalidation: the set of paths each editorial action purges, and what readers see next."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

import pytest

from articles.models import ArticlePage, HomePage
from demo import factories
from demo.partner_factories import make_logo
from newsroom.cache_purge import urls_for_page
from newsroom.models import SiteIdentity
from partners.models import Partner

pytestmark = pytest.mark.django_db


SITEMAPS = {"/sitemap.xml", "/sitemap-articles.xml", "/sitemap-rubriques.xml"}
SITE_FEEDS = {"/flux/rss/", "/flux/atom/"}


def feeds(kind, slug):
    return {f"/flux/{kind}/{slug}/rss/", f"/flux/{kind}/{slug}/atom/"}


@pytest.fixture
def entity(db):
    return factories.make_entity(name="Mistral AI", slug="mistral-ai", kind="entreprise")


@pytest.fixture
def draft(section, author, entity):
    return factories.make_article(
        section=section, title="Mistral lève des fonds", authors=[author], tags=["IA générative"], entities=[entity], publish=False
    )


def article_set(article, section, *, tags=("ia-generative",), authors=("claire-dubreuil",), entities=("mistral-ai",)):
    """What publishing `article` must purge, written out path by path."""
    paths = {article.url, section.url, "/", "/recherche/", "/sitemap-news.xml", *SITEMAPS, *SITE_FEEDS, *feeds("rubrique", section.slug)}
    for prefix, kind, sitemap, slugs in (
        ("tags", "tag", "tags", tags),
        ("auteurs", "auteur", "auteurs", authors),
        ("entites", "entite", "entites", entities),
    ):
        for slug in slugs:
            paths |= {f"/{prefix}/{slug}/"} | feeds(kind, slug)
        if slugs:
            paths.add(f"/sitemap-{sitemap}.xml")
    return paths


def prime(client, *urls):
    """Read each URL twice: the second answer comes from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_publishing_purges_its_page_section_home_tags_authors_entities_feeds_and_sitemaps(client, draft, section, purged):
    listings = (
        "/",
        section.url,
        "/tags/ia-generative/",
        "/auteurs/claire-dubreuil/",
        "/entites/mistral-ai/",
        "/flux/rss/",
        "/sitemap-articles.xml",
    )
    prime(client, *listings)
    purged.clear()

    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)

    assert purged == [article_set(article, section)]
    for url in listings:
        response = client.get(url)
        assert response["X-Cache"] == "MISS", url
        assert ("Mistral lève des fonds" in response.content.decode()) or (article.url in response.content.decode()), url


def test_republishing_without_a_tag_purges_the_old_tag_too(client, draft, section, purged):
    draft.tags.add("Financement")
    draft.save_revision().publish()
    prime(client, "/tags/financement/")
    purged.clear()

    article = ArticlePage.objects.get(pk=draft.pk)
    article.tags.set(["IA générative"])
    article.title = "Mistral lève encore"
    article.save_revision().publish()

    expected = article_set(article, section, tags=("ia-generative", "financement"))
    assert purged == [expected]
    assert "Mistral" not in client.get("/tags/financement/").content.decode()
    assert "Mistral lève encore" in client.get(article.url).content.decode()


def test_unpublishing_also_purges_the_articles_that_may_suggest_it(client, draft, section, purged):
    draft.save_revision().publish()
    neighbour = factories.make_article(section=section, title="Autre article", tags=["IA générative"])
    prime(client, "/", draft.url, neighbour.url)
    purged.clear()

    ArticlePage.objects.get(pk=draft.pk).unpublish()

    assert purged == [article_set(draft, section) | {neighbour.url}]
    assert client.get(draft.url).status_code == 404
    assert "Mistral lève des fonds" not in client.get("/").content.decode()
    assert "Mistral lève des fonds" not in client.get(neighbour.url).content.decode()


def test_moving_purges_the_old_and_the_new_places(client, draft, section, purged):
    draft.save_revision().publish()
    other = factories.make_section(title="Recherche")
    old_url = draft.url
    prime(client, old_url, section.url, other.url)
    purged.clear()

    ArticlePage.objects.get(pk=draft.pk).move(other, pos="last-child")

    moved = ArticlePage.objects.get(pk=draft.pk)
    assert moved.url != old_url
    assert purged == [article_set(draft, section) | article_set(moved, other)]
    # Wagtail's redirects app sends readers of the old address to the new one.
    assert client.get(old_url)["Location"] == moved.url
    assert client.get(moved.url).status_code == 200
    assert "Mistral lève des fonds" in client.get(other.url).content.decode()
    assert "Mistral lève des fonds" not in client.get(section.url).content.decode()


def test_deleting_purges_everything_that_showed_it(client, draft, section, purged):
    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)
    prime(client, article.url, "/")
    purged.clear()

    article.delete()

    assert purged == [article_set(article, section)]
    assert client.get(article.url).status_code == 404
    assert "Mistral lève des fonds" not in client.get("/").content.decode()


def test_scheduling_purges_nothing_and_the_go_live_purges_the_whole_set(client, draft, section, purged):
    prime(client, "/", section.url)
    purged.clear()

    revision = factories.schedule(draft)
    assert purged == []
    assert client.get("/")["X-Cache"] == "HIT"

    factories.make_due(revision)  # the hour passes
    call_command("publish_scheduled")

    article = ArticlePage.objects.get(pk=draft.pk)
    assert article.live
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    assert purged == [article_set(article, section)]
    assert "Mistral lève des fonds" in client.get("/").content.decode()
    assert "Mistral lève des fonds" in client.get(section.url).content.decode()


def test_pages_that_pick_it_as_related_are_purged(client, draft, section, purged):
    draft.save_revision().publish()
    picker = factories.make_article(section=section, title="Un article qui le recommande", related=[draft])
    prime(client, picker.url)
    purged.clear()

    article = ArticlePage.objects.get(pk=draft.pk)
    article.title = "Mistral lève encore"
    article.save_revision().publish()

    assert purged == [article_set(article, section) | {picker.url}]
    # Rendered again from the database, with the new title in its « À lire aussi » box.
    assert client.get(picker.url)["X-Cache"] == "MISS"


def test_a_home_partner_purges_the_home_page_only(client, section, purged):
    prime(client, "/", section.url)
    purged.clear()

    Partner.objects.create(
        name="Acme Cloud", logo=make_logo(text="Acme"), logo_alt="Acme Cloud", url="https://acme.example.com/", on_site=False, on_home=True
    )

    assert purged == [{"/"}]
    assert "Acme Cloud" in client.get("/").content.decode()
    assert client.get(section.url)["X-Cache"] == "HIT"


def test_a_section_partner_purges_its_sections(client, section, purged):
    other = factories.make_section(title="Recherche")
    partner = Partner(name="Labo", logo=make_logo(text="Labo"), logo_alt="Labo", url="https://labo.example.com/", on_site=False)
    partner.sections.set([section])
    prime(client, section.url)
    purged.clear()

    partner.save()

    assert purged == [{section.url}]
    assert "Labo" in client.get(section.url).content.decode()
    assert "Labo" not in client.get(other.url).content.decode()


def test_archiving_a_partner_purges_where_it_was_shown_and_a_future_one_purges_nothing(client, section, purged):
    partner = Partner.objects.create(
        name="Acme Cloud", logo=make_logo(text="Acme"), logo_alt="Acme Cloud", url="https://acme.example.com/", on_site=False, on_home=True
    )
    future = Partner.objects.create(
        name="Plus tard",
        logo=make_logo(text="Plus tard"),
        logo_alt="Plus tard",
        url="https://tard.example.com/",
        active_from=timezone.localdate() + datetime.timedelta(days=3),
    )
    prime(client, "/")
    purged.clear()

    future.note = "Contrat signé"
    future.save()
    assert purged == []

    partner.archived = True
    partner.save()
    assert purged == [{"/"}]
    assert "Acme Cloud" not in client.get("/").content.decode()


def test_a_site_wide_partner_purges_every_page_and_a_sponsor_what_shows_its_articles(client, draft, section, author, purged):
    draft.save_revision().publish()
    partner = Partner.objects.create(name="Acme Cloud", logo=make_logo(text="Acme"), logo_alt="Acme Cloud", url="https://acme.example.com/")
    article = ArticlePage.objects.get(pk=draft.pk)
    article.sponsor = partner
    article.save_revision().publish()
    prime(client, article.url, "/tags/ia-generative/")
    purged.clear()

    partner.name = "Acme Cloud Europe"
    partner.save()

    every_page = {
        "/",
        "/entites/",
        "/recherche/",
        section.url,
        article.url,
        "/auteurs/claire-dubreuil/",
        "/tags/ia-generative/",
        "/entites/mistral-ai/",
    }
    # Sponsored content never reaches the Google News sitemap: that one does not show it.
    assert purged == [every_page | article_set(article, section) - {"/sitemap-news.xml"}]
    assert "Acme Cloud Europe" in client.get(article.url).content.decode()
    assert "Acme Cloud Europe" in client.get("/tags/ia-generative/").content.decode()


def test_publishing_an_entity_purges_its_pages_and_the_articles_naming_it(client, draft, entity, purged):
    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)
    prime(client, article.url, "/entites/mistral-ai/")
    purged.clear()

    entity.name = "Mistral AI SAS"
    entity.save_revision().publish()

    assert purged == [
        {"/entites/mistral-ai/", "/entites/", "/recherche/", "/sitemap.xml", "/sitemap-entites.xml", article.url}
        | feeds("entite", "mistral-ai")
    ]
    assert "Mistral AI SAS" in client.get(article.url).content.decode()
    assert "Mistral AI SAS" in client.get("/entites/mistral-ai/").content.decode()


def test_renaming_an_author_purges_their_page_and_everything_showing_their_articles(client, draft, section, author, purged):
    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)
    prime(client, article.url, "/")
    purged.clear()

    author.name = "Claire Dubreuil-Martin"
    author.save()

    assert purged == [article_set(article, section) | {"/sitemap-auteurs.xml"}]
    assert "Claire Dubreuil-Martin" in client.get(article.url).content.decode()
    assert "Claire Dubreuil-Martin" in client.get("/").content.decode()


def test_a_new_redirect_replaces_a_cached_page_not_found(client, draft, purged):
    draft.save_revision().publish()
    prime(client, "/ancienne-adresse/")
    purged.clear()

    Redirect.objects.create(old_path="/ancienne-adresse", redirect_page=draft)

    assert purged == [{"/ancienne-adresse", "/ancienne-adresse/"}]
    assert client.get("/ancienne-adresse/").status_code in (301, 302)


def test_the_site_identity_purges_every_page(client, draft, section, purged):
    draft.save_revision().publish()
    prime(client, "/", section.url)
    purged.clear()

    identity = SiteIdentity.for_site(HomePage.objects.get().get_site())
    identity.name = "Le Journal des robots"
    identity.save()

    assert len(purged) == 1
    assert {"/", section.url, draft.url, "/flux/rss/", "/sitemap.xml", "/robots.txt"} <= purged[0]
    assert "Le Journal des robots" in client.get(section.url).content.decode()


def test_urls_for_page_of_the_home_page_covers_its_routes(draft, author):
    draft.save_revision().publish()
    assert urls_for_page(HomePage.objects.get()) == {
        "/",
        "/entites/",
        "/auteurs/claire-dubreuil/",
        "/tags/ia-generative/",
        "/entites/mistral-ai/",
    }


def test_renaming_a_tag_purges_its_page_and_the_articles_listing_it(client, draft, purged):
    from taggit.models import Tag

    draft.save_revision().publish()
    prime(client, draft.url, "/tags/ia-generative/")
    purged.clear()

    tag = Tag.objects.get(slug="ia-generative")
    tag.name = "IA générative et LLM"
    tag.save()

    assert purged == [{"/tags/ia-generative/", "/sitemap.xml", "/sitemap-tags.xml", draft.url} | feeds("tag", "ia-generative")]
    assert "IA générative et LLM" in client.get(draft.url).content.decode()


def test_a_new_focal_point_purges_what_shows_the_image(client, section, author, entity, purged):
    image = factories.make_image()
    article = factories.make_article(
        section=section,
        title="Mistral lève des fonds",
        authors=[author],
        tags=["IA générative"],
        entities=[entity],
        hero_image=image,
        hero_alt="Illustration",
    )
    prime(client, article.url, "/")
    purged.clear()

    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 100, 100, 50, 50
    image.save()

    assert purged == [article_set(article, section)]
    assert client.get(article.url)["X-Cache"] == "MISS"


def test_a_view_restriction_takes_a_cached_article_out_of_public_view(client, draft, section, purged):
    from wagtail.models import PageViewRestriction

    draft.save_revision().publish()
    article = ArticlePage.objects.get(pk=draft.pk)
    prime(client, article.url, "/", section.url)
    purged.clear()

    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    assert purged == [article_set(article, section)]
    assert client.get(article.url).status_code == 302
    assert "Mistral lève des fonds" not in client.get("/").content.decode()

    purged.clear()
    restriction.delete()
    assert purged == [article_set(article, section)]
    assert client.get(article.url).status_code == 200
    assert "Mistral lève des fonds" in client.get("/").content.decode()
