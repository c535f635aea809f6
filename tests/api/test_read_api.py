"""The read API (/api/v2/): every endpoint, filters, pagination, privacy, page cache and purges."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from demo import factories
from entities.models import Deal, Role

pytestmark = pytest.mark.django_db

API = "/api/v2"


@pytest.fixture
def story(section):
    """The launch story, with its byline, tags, entities and a hero image."""
    meta = factories.make_entity(name="Meta", slug="meta")
    wang = factories.make_entity(name="Alexandr Wang", slug="alexandr-wang", kind="personne")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai")
    Role.objects.create(person=wang, organisation=scale, kind=Role.Kind.values[0], start_date=datetime.date(2016, 1, 1))
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil", role="Journaliste")
    article = factories.make_article(
        section=section,
        title="Du rachat d'entreprises à la création d'emplois : l'approche de Meta",
        slug="meta-superintelligence",
        authors=[author],
        tags=["IA", "Meta"],
        entities=[meta, wang],
        hero_image=factories.make_image(title="Siège de Meta"),
        hero_alt="Le siège de Meta à Menlo Park",
        body=[
            {"type": "paragraph", "value": "<p>Meta a tenté de racheter <b>SSI</b>.</p>"},
            {"type": "heading", "value": {"text": "Des acquisitions avortées", "level": "h2"}},
        ],
    )
    factories.link_deal(
        article, source=meta, target=scale, kind=Deal.Kind.values[0], date=datetime.date(2025, 6, 12), amount=14_000_000_000
    )
    return article


def test_article_list_shows_public_fields(client, story, settings):
    response = client.get(f"{API}/articles/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == story.title
    assert item["meta"]["html_url"] == story.get_full_url()
    assert item["meta"]["detail_url"] == f"{settings.WAGTAILAPI_BASE_URL}/api/v2/articles/{story.pk}/"
    assert item["section"]["slug"] == story.get_parent().slug
    assert [author["slug"] for author in item["authors"]] == ["claire-dubreuil"]
    assert sorted(tag["slug"] for tag in item["tags"]) == ["ia", "meta"]
    assert [entity["slug"] for entity in item["entities"]] == ["meta", "alexandr-wang"]
    hero = item["hero_image"]
    assert hero["alt"] == "Le siège de Meta à Menlo Park"
    assert hero["renditions"]["teaser"]["width"] == 480
    assert hero["renditions"]["teaser"]["url"].startswith("http://testserver/media/images/")
    # Heavy fields are for the detail only.
    assert "body" not in item and "body_html" not in item


def test_article_detail_has_body_as_blocks_and_html(client, story):
    data = client.get(f"{API}/articles/{story.pk}/").json()
    assert data["title"] == story.title
    assert [block["type"] for block in data["body"]] == ["paragraph", "heading"]
    assert data["body"][1]["value"]["text"] == "Des acquisitions avortées"
    assert "<b>SSI</b>" in data["body_html"] and "Des acquisitions avortées" in data["body_html"]
    assert set(data["hero_image"]["renditions"]) == {"small", "medium", "large", "social"}
    assert data["reading_time"] == 1
    assert "sponsor" in data and data["sponsor"] is None
    for private in ("parent", "alias_of", "locale", "search_description", "seo_title", "latest_revision", "has_unpublished_changes"):
        assert private not in data


def test_sections_authors_entities_endpoints(client, story):
    sections = client.get(f"{API}/sections/").json()
    assert [item["meta"]["slug"] for item in sections["items"]] == [story.get_parent().slug]
    section_id = sections["items"][0]["id"]
    assert client.get(f"{API}/sections/{section_id}/").json()["title"] == "Business"

    authors = client.get(f"{API}/authors/").json()
    assert [item["slug"] for item in authors["items"]] == ["claire-dubreuil"]
    author = client.get(f"{API}/authors/{authors['items'][0]['id']}/").json()
    assert author["role"] == "Journaliste" and author["html_url"] == "http://testserver/auteurs/claire-dubreuil/"

    entities = client.get(f"{API}/entities/").json()
    assert [item["slug"] for item in entities["items"]] == ["alexandr-wang", "meta", "scale-ai"]
    people = client.get(f"{API}/entities/?kind=personne").json()
    assert [item["slug"] for item in people["items"]] == ["alexandr-wang"]
    meta_id = next(item["id"] for item in entities["items"] if item["slug"] == "meta")
    meta = client.get(f"{API}/entities/{meta_id}/").json()
    assert meta["deals"][0]["target"]["slug"] == "scale-ai"
    assert meta["deals"][0]["amount"] == "14000000000"
    assert meta["deals"][0]["article_id"] == story.pk
    wang_id = next(item["id"] for item in entities["items"] if item["slug"] == "alexandr-wang")
    wang = client.get(f"{API}/entities/{wang_id}/").json()
    assert wang["roles"][0]["organisation"]["slug"] == "scale-ai"


def test_filters(client, home, section, story):
    other_section = factories.make_section(title="Produits")
    old = factories.make_article(
        section=other_section, title="Ancien", tags=["archives"], published_at=timezone.now() - datetime.timedelta(days=400)
    )

    def ids(query):
        response = client.get(f"{API}/articles/?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [story.pk, old.pk]
    assert ids(f"section={section.slug}") == [story.pk]
    assert ids(f"section={other_section.pk}") == [old.pk]
    assert ids("section=inconnue") == []
    assert ids("tag=ia") == [story.pk]
    assert ids("tag=archives") == [old.pk]
    assert ids("entity=meta") == [story.pk]
    assert ids("author=claire-dubreuil") == [story.pk]
    last_year = (timezone.localdate() - datetime.timedelta(days=300)).isoformat()
    assert ids(f"published_after={last_year}") == [story.pk]
    assert ids(f"published_before={last_year}") == [old.pk]


def test_bad_parameters_get_a_french_400(client, story):
    response = client.get(f"{API}/articles/?published_after=hier")
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.json()["message"]
    response = client.get(f"{API}/articles/?status=draft")
    assert response.status_code == 400
    assert response.json()["message"].startswith("Paramètre inconnu")
    response = client.get(f"{API}/articles/?limit=1000")
    assert response.status_code == 400 and response.json()["message"] == "limit\u00a0: 100 au plus."
    response = client.get(f"{API}/articles/?offset=-3")
    assert response.status_code == 400 and "nombre entier positif" in response.json()["message"]
    assert client.get(f"{API}/articles/?fields=body").status_code == 400  # detail only


def test_pagination(client, section):
    articles = [factories.make_article(section=section, title=f"Article {n}") for n in range(5)]
    newest_first = [article.pk for article in reversed(articles)]
    page = client.get(f"{API}/articles/?limit=2&offset=2").json()
    assert page["meta"]["total_count"] == 5
    assert [item["id"] for item in page["items"]] == newest_first[2:4]


def _hidden_pages(home, section):
    """One article or rubrique for each kind of page a reader may not see."""
    draft = factories.make_article(section=section, title="Brouillon", publish=False)
    scheduled = factories.make_article(section=section, title="Programmé", publish=False)
    factories.schedule(scheduled)
    unpublished = factories.make_article(section=section, title="Dépublié")
    unpublished.unpublish()
    hidden = [draft, scheduled, unpublished]
    for kind in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS, PageViewRestriction.PASSWORD):
        article = factories.make_article(section=section, title=f"Réservé {kind}")
        restriction = PageViewRestriction.objects.create(page=article, restriction_type=kind, password="secret-1234")
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.get(name="Rédaction en chef")])
        closed = factories.make_section(title=f"Rubrique fermée {kind}")
        inner = factories.make_article(section=closed, title=f"Dans la rubrique {kind}")
        PageViewRestriction.objects.create(page=closed, restriction_type=kind, password="secret-1234")
        hidden += [article, closed, inner]
    return hidden


def test_non_public_pages_never_appear(client, home, section, story, editor):
    hidden = _hidden_pages(home, section)
    articles = client.get(f"{API}/articles/?limit=100").json()
    sections = client.get(f"{API}/sections/?limit=100").json()
    listed = {item["id"] for item in articles["items"]} | {item["id"] for item in sections["items"]}
    assert {item["id"] for item in articles["items"]} == {story.pk}
    assert {item["id"] for item in sections["items"]} == {section.pk}
    for page in hidden:
        assert page.pk not in listed
        endpoint = "sections" if page.specific_class.__name__ == "SectionPage" else "articles"
        response = client.get(f"{API}/{endpoint}/{page.pk}/")
        assert response.status_code == 404, page.title
        assert response.json() == {"message": "Introuvable, ou pas public."}
    # Not even for a logged-in member of the allowed group: the API shows what anonymous readers see.
    client.force_login(editor)
    assert {item["id"] for item in client.get(f"{API}/articles/?limit=100").json()["items"]} == {story.pk}


def test_draft_changes_of_a_live_article_stay_private(client, story):
    story.title = "Titre pas encore relu"
    story.chapo = "Note interne : à vérifier"
    story.save_revision()
    data = client.get(f"{API}/articles/{story.pk}/").json()
    assert data["title"] != "Titre pas encore relu"
    assert "interne" not in str(data)


def test_unpublished_entities_and_their_deals_stay_out(client, story):
    factories.make_entity(name="Projet secret", slug="projet-secret", live=False)
    slugs = [item["slug"] for item in client.get(f"{API}/entities/").json()["items"]]
    assert "projet-secret" not in slugs


def test_sponsor_shows_its_public_name_only(client, section):
    from partners.models import Partner

    partner = Partner.objects.create(name="Price Factory", url="https://pricefactory.fr/", note="Contrat à renégocier")
    article = factories.make_article(section=section, title="Sponsorisé", sponsor=partner)
    data = client.get(f"{API}/articles/{article.pk}/").json()
    assert data["sponsor"] == {"name": "Price Factory"}
    assert "renégocier" not in str(client.get(f"{API}/articles/").content)


def _list_queries(client, django_assert_num_queries, expected):
    from django.core.cache import cache

    cache.clear()
    client.get(f"{API}/articles/?limit=20", HTTP_COOKIE="")  # warm Wagtail's site and rendition caches
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(f"{API}/articles/?limit=20")
    assert response.status_code == 200
    return response.json()["items"]


@pytest.mark.parametrize("count", [1, 20])
def test_list_costs_the_same_queries_for_1_or_20_articles(client, section, django_assert_num_queries, settings, count):
    settings.NEWSROOM_PAGE_CACHE = False
    entity = factories.make_entity(name="Meta", slug="meta")
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil")
    for number in range(count):
        factories.make_article(
            section=section,
            title=f"Article {number}",
            authors=[author],
            tags=["ia", f"t{number}"],
            entities=[entity],
            hero_image=factories.make_image(),
            hero_alt="Une illustration",
        )
    items = _list_queries(client, django_assert_num_queries, 10)
    assert len(items) == count


def test_served_through_the_page_cache_and_purged_on_publish(client, story):
    first = client.get(f"{API}/articles/")
    assert first["X-Cache"] == "MISS"
    assert client.get(f"{API}/articles/")["X-Cache"] == "HIT"
    assert client.get(f"{API}/articles/{story.pk}/")["X-Cache"] == "MISS"
    assert client.get(f"{API}/articles/{story.pk}/")["X-Cache"] == "HIT"
    story.title = "Titre corrigé"
    story.save_revision().publish()
    listing = client.get(f"{API}/articles/")
    assert listing["X-Cache"] == "MISS" and listing.json()["items"][0]["title"] == "Titre corrigé"
    detail = client.get(f"{API}/articles/{story.pk}/")
    assert detail["X-Cache"] == "MISS" and detail.json()["title"] == "Titre corrigé"
    story.unpublish()
    assert client.get(f"{API}/articles/").json()["meta"]["total_count"] == 0
    assert client.get(f"{API}/articles/{story.pk}/").status_code == 404


def test_author_and_entity_changes_purge_the_articles_showing_them(client, story):
    client.get(f"{API}/articles/{story.pk}/")
    client.get(f"{API}/authors/")
    author = story.article_authors.first().author
    author.name = "Claire Dubreuil-Martin"
    author.save()
    assert client.get(f"{API}/articles/{story.pk}/").json()["authors"][0]["name"] == "Claire Dubreuil-Martin"
    assert client.get(f"{API}/authors/").json()["items"][0]["name"] == "Claire Dubreuil-Martin"
    restriction = PageViewRestriction.objects.create(page=story.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{API}/articles/{story.pk}/").status_code == 404
    restriction.delete()
    assert client.get(f"{API}/articles/{story.pk}/").status_code == 200
