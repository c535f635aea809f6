"""The knowledge base: validation in the admin, permissions, merge, and the public pages."""

import datetime
import json
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset

import pytest

from articles.models import ArticleAuthor, ArticleEntity, ArticlePage
from articles.selectors import TEASER_RENDITIONS
from demo import factories
from entities.models import Deal, Entity, Role
from entities.services import entity_merge
from tests.entities.forms import entity_form

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/entities/entity/add/"


def test_editor_creates_an_entity_with_aliases_one_per_line(client, editor):
    client.force_login(editor)

    response = client.post(ADD_URL, {**entity_form(), "action-publish": "action-publish"})

    assert response.status_code == 302
    entity = Entity.objects.get(slug="scale-ai")
    assert entity.aliases == ["ScaleAI", "Scale"] and entity.live


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"wikidata_id": "380"}, "Un identifiant Wikidata commence par Q"),
        ({"website": "pas une adresse"}, "Saisissez une URL valide."),
        ({"image": "", "image_alt": ""}, None),
    ],
)
def test_entity_field_validation_is_in_french(client, editor, overrides, message):
    client.force_login(editor)

    response = client.post(ADD_URL, {**entity_form(**overrides), "action-publish": "action-publish"})

    if message is None:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Entity.objects.filter(slug="scale-ai").exists()


def test_deal_rules_amounts_and_self_relation(client, editor):
    meta = factories.make_entity(name="Meta", slug="meta")
    client.force_login(editor)
    bad_deals = [
        (
            {
                "target": meta.pk,
                "kind": "investissement",
                "status": "conclu",
                "date": "",
                "amount": "-5",
                "currency": "USD",
                "valuation": "",
                "note": "",
                "article": "",
            },
            "Le montant doit être positif.",
        ),
        (
            {
                "target": meta.pk,
                "kind": "investissement",
                "status": "conclu",
                "date": "",
                "amount": "30",
                "currency": "USD",
                "valuation": "20",
                "note": "",
                "article": "",
            },
            "Un investissement ne peut pas dépasser la valorisation",
        ),
    ]
    for deal, message in bad_deals:
        response = client.post(ADD_URL, {**entity_form(deals=inline_formset([deal])), "action-publish": "action-publish"})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Entity.objects.filter(slug="scale-ai").exists()

    edit = client.post(
        f"/admin/snippets/entities/entity/edit/{meta.pk}/",
        {
            **entity_form(name="Meta", slug="meta", aliases="", deals=inline_formset([{**bad_deals[0][0], "amount": "10"}])),
            "action-publish": "action-publish",
        },
    )
    assert "Une organisation ne peut pas faire une opération avec elle-même." in edit.content.decode()
    assert not Deal.objects.exists()


def test_role_dates_in_order_and_only_for_people(client, editor):
    meta = factories.make_entity(name="Meta", slug="meta")
    client.force_login(editor)
    role = {"organisation": meta.pk, "kind": "a_rejoint", "title": "", "start_date": "2025-06-12", "end_date": "2025-01-01"}

    wrong_order = client.post(
        ADD_URL,
        {**entity_form(name="Alexandr Wang", slug="alexandr-wang", kind="personne", roles=inline_formset([role])), "action-publish": "x"},
    )
    not_a_person = client.post(ADD_URL, {**entity_form(roles=inline_formset([{**role, "end_date": ""}])), "action-publish": "x"})

    assert "La date de fin ne peut pas précéder la date de début." in wrong_order.content.decode()
    assert "Seule une personne a des fonctions" in not_a_person.content.decode()
    assert not Role.objects.exists()


def test_sales_staff_cannot_see_or_change_entities(client, sales):
    entity = factories.make_entity(name="Meta", slug="meta")
    client.force_login(sales)

    for url in (
        "/admin/snippets/entities/entity/",
        ADD_URL,
        f"/admin/snippets/entities/entity/edit/{entity.pk}/",
        "/admin/entites/fusionner/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post(f"/admin/snippets/entities/entity/edit/{entity.pk}/", {**entity_form(name="Piraté", slug="meta"), "action-publish": "x"})
    client.post(f"/admin/snippets/entities/entity/delete/{entity.pk}/", {})

    entity.refresh_from_db()
    assert entity.name == "Meta"


def test_journalists_may_add_entities_but_not_delete_them(client, journalist):
    entity = factories.make_entity(name="Meta", slug="meta")
    client.force_login(journalist)

    assert client.get(ADD_URL).status_code == 200
    client.post(f"/admin/snippets/entities/entity/delete/{entity.pk}/", {})

    assert Entity.objects.filter(pk=entity.pk).exists()


def test_merge_keeps_every_link_relation_and_alias(client, editor, section):
    keep = factories.make_entity(name="Scale AI", slug="scale-ai", aliases=["Scale"])
    absorb = factories.make_entity(name="ScaleAI", slug="scaleai", aliases=["Scale.ai"])
    meta = factories.make_entity(name="Meta", slug="meta")
    person = factories.make_entity(name="Alexandr Wang", slug="alexandr-wang", kind="personne")
    both = factories.make_article(section=section, entities=[keep, absorb])
    only_absorb = factories.make_article(section=section, entities=[absorb])
    Role.objects.create(person=person, organisation=absorb, kind="fondateur")
    Deal.objects.create(source=meta, target=absorb, kind="investissement", amount=14_000_000_000, currency="USD")
    Deal.objects.create(source=keep, target=absorb, kind="acquisition")  # becomes a deal with itself
    absorb.tags.add("annotation")
    absorb.save()

    client.force_login(editor)
    response = client.post("/admin/entites/fusionner/", {"keep": keep.pk, "absorb": absorb.pk})

    assert response.status_code == 302
    assert not Entity.objects.filter(pk=absorb.pk).exists()
    keep.refresh_from_db()
    assert keep.aliases == ["Scale", "ScaleAI", "Scale.ai"]
    assert list(keep.tags.names()) == ["annotation"]
    assert [link.entity_id for link in ArticleEntity.objects.filter(article=both)] == [keep.pk]
    assert [link.entity_id for link in ArticleEntity.objects.filter(article=only_absorb)] == [keep.pk]
    assert Role.objects.get(person=person).organisation_id == keep.pk
    assert list(Deal.objects.values_list("source_id", "target_id")) == [(meta.pk, keep.pk)]
    # The stored revisions point at the kept entity too, so a later draft or revert still works.
    latest = Revision.objects.get(pk=ArticlePage.objects.get(pk=only_absorb.pk).latest_revision_id)
    assert [item["entity"] for item in latest.content["entity_links"]] == [keep.pk]
    draft = ArticlePage.objects.get(pk=both.pk).get_latest_revision_as_object()
    assert [link.entity_id for link in draft.entity_links.all()] == [keep.pk]


def test_merge_refuses_an_entity_with_itself_and_person_with_organisation(client, editor):
    meta = factories.make_entity(name="Meta", slug="meta")
    person = factories.make_entity(name="Sam Altman", slug="sam-altman", kind="personne")
    client.force_login(editor)

    same = client.post("/admin/entites/fusionner/", {"keep": meta.pk, "absorb": meta.pk})
    mixed = client.post("/admin/entites/fusionner/", {"keep": meta.pk, "absorb": person.pk})

    assert "Choisissez deux entités différentes." in same.content.decode()
    assert "Une personne ne peut pas être fusionnée avec une organisation." in mixed.content.decode()
    assert Entity.objects.count() == 2
    with pytest.raises(ValueError):
        entity_merge(keep=meta, absorb=meta)


def _entity_world(section, size):
    """`size` live articles, people and deals around Meta, built without revisions: the page
    reads live rows only, and publishing 200 articles one by one would take minutes."""
    from django.utils import timezone

    meta = factories.make_entity(name="Meta", slug="meta", wikidata_id="Q380", website="https://about.meta.com")
    image = factories.make_image()
    author = factories.make_author()
    others = [factories.make_entity() for _ in range(min(size, 20))]
    people = Entity.objects.bulk_create(
        [Entity(name=f"Personne {index}", slug=f"personne-{index}", kind="personne") for index in range(size)]
    )
    Role.objects.bulk_create(
        [Role(person=person, organisation=meta, kind="a_rejoint", start_date=datetime.date(2025, 6, 12)) for person in people]
    )
    Deal.objects.bulk_create(
        [
            Deal(source=meta, target=others[index % len(others)], kind="investissement", amount=1000 + index, currency="EUR")
            for index in range(size)
        ]
    )
    for index in range(size):
        article = ArticlePage(
            title=f"Article {index}",
            slug=f"article-meta-{index}",
            chapo="Chapô.",
            hero_image=image,
            hero_alt="x",
            first_published_at=timezone.now(),
        )
        section.add_child(instance=article)
        ArticleAuthor.objects.create(article=article, author=author)
        ArticleEntity.objects.bulk_create(
            [ArticleEntity(article=article, entity=meta), ArticleEntity(article=article, entity=others[index % len(others)])]
        )
    # What publishing would have made (articles/signals.py): readers never make renditions.
    image.get_renditions(*TEASER_RENDITIONS)
    return meta


@pytest.mark.parametrize("size", [1, 200])
def test_entity_page_query_count_is_flat(client, section, settings, size):
    _entity_world(section, size)
    settings.NEWSROOM_PAGE_CACHE = False  # count renders, not full-page cache hits
    cache.clear()

    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/entites/meta/")
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))

    assert counts == ENTITY_PAGE_BUDGET


# Cold (first request after a data change, cache cleared), then warm: see
# tests/articles/test_query_budget.py for what each query is. No partner here: the block costs 1. Cold includes the
# footer pages of the chrome (articles/chrome.py: legal and service pages under the home page).
# + the group links (parents and subsidiaries: one query), + every public report of the page's deals
# (one query for all of them, none without deals) and + the latest changes of its facts (one query):
# tests/entities/test_fact_history.py shows neither grows with deals, reports or changes.
ENTITY_PAGE_BUDGET = [20, 12]


def test_entity_page_shows_profile_relations_deals_articles_and_json_ld(client, section):
    meta = factories.make_entity(name="Meta", slug="meta", aliases=["Facebook"], wikidata_id="Q380", description="Groupe américain.")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai")
    wang = factories.make_entity(name="Alexandr Wang", slug="alexandr-wang", kind="personne")
    Role.objects.create(person=wang, organisation=meta, kind="a_rejoint", start_date=datetime.date(2025, 6, 12))
    Deal.objects.create(
        source=meta,
        target=scale,
        kind="investissement",
        status="conclu",
        date=datetime.date(2025, 6, 12),
        amount=14_000_000_000,
        currency="USD",
        valuation=29_000_000_000,
    )
    article = factories.make_article(section=section, title="Meta recrute", entities=[meta, scale])
    hidden = factories.make_entity(name="Brouillon", slug="brouillon", live=False)

    page = client.get("/entites/meta/").content.decode()

    assert "<h1>Meta</h1>" in page and "Facebook" in page
    assert 'href="/entites/alexandr-wang/">Alexandr Wang</a> — a rejoint' in page
    assert "14\u00a0milliards de dollars" in page and "valorisation 29\u00a0milliards de dollars" in page
    assert "jeudi 12 juin 2025" in page
    assert "Meta recrute" in page and article.url in page
    assert 'href="/entites/scale-ai/">Scale AI</a>' in page  # co-mentioned
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "Organization" and data["name"] == "Meta"
    assert "https://www.wikidata.org/wiki/Q380" in data["sameAs"]
    assert client.get(f"/entites/{hidden.slug}/").status_code == 404
    assert client.get("/entites/inconnue/").status_code == 404


def test_article_lists_its_entities_and_sources_with_json_ld(client, section, author):
    meta = factories.make_entity(name="Meta", slug="meta", wikidata_id="Q380")
    altman = factories.make_entity(name="Sam Altman", slug="sam-altman", kind="personne")
    verge = factories.make_entity(name="The Verge", slug="the-verge", kind="media")
    article = factories.make_article(
        section=section, title="Meta recrute", entities=[meta], sources=[verge], authors=[author], tags=["Recrutement"]
    )
    ArticleEntity.objects.create(article=article, entity=altman, prominence="mention")

    page = client.get(article.url).content.decode()

    assert 'href="/entites/meta/">Meta</a>' in page and 'href="/entites/sam-altman/">Sam Altman</a>' in page
    assert "Selon The Verge." in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Meta recrute"
    for field in ("datePublished", "dateModified", "author", "publisher", "url", "inLanguage", "articleSection"):
        assert data[field], field
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/logo")
    assert data["author"][0]["name"] == "Claire Dubreuil" and data["keywords"] == ["Recrutement"]
    assert [node["name"] for node in data["about"]] == ["Meta"]
    assert data["about"][0]["sameAs"] == ["https://www.wikidata.org/wiki/Q380"]
    assert [node["name"] for node in data["mentions"]] == ["Sam Altman"]
    assert data["citation"][0]["publisher"]["name"] == "The Verge"


def test_first_mention_links_to_the_entity_page_when_asked(client, section):
    meta = factories.make_entity(name="Meta", slug="meta")
    body = [
        {"type": "paragraph", "value": '<p>La métaphore de Meta. Encore Meta, et <a href="https://example.org">Meta</a>.</p>'},
        {"type": "paragraph", "value": "<p>Meta, toujours.</p>"},
    ]
    article = factories.make_article(section=section, body=body, entities=[meta], link_entities_in_body=True)

    page = client.get(article.url).content.decode()

    assert 'La métaphore de <a class="entity-link" href="/entites/meta/">Meta</a>. Encore Meta' in page
    assert page.count('class="entity-link"') == 1


def test_entity_index_filters_by_kind_and_initial(client, db):
    factories.make_entity(name="Meta", slug="meta")
    factories.make_entity(name="Mira Murati", slug="mira-murati", kind="personne")
    factories.make_entity(name="École polytechnique", slug="polytechnique", kind="institution")
    factories.make_entity(name="OpenAI", slug="openai", kind="laboratoire", live=False)

    people_m = client.get("/entites/?type=personne&lettre=M").content.decode()
    letter_e = client.get("/entites/?lettre=E").content.decode()
    everything = client.get("/entites/").content.decode()

    assert "Mira Murati" in people_m and ">Meta<" not in people_m
    assert "École polytechnique" in letter_e
    assert "OpenAI" not in everything
    assert client.get("/entites/?type=nimporte&lettre=%3Cscript%3E").status_code == 200


@pytest.mark.django_db
def test_the_merge_choosers_script_loads_before_their_inline_initialisation(client, editor):
    # Each chooser widget initialises itself inline (« new SnippetChooser(…) ») as it is parsed; with
    # the script after the form, the choosers never opened (tests/browser/test_desk_guide_walk.py).
    client.force_login(editor)
    html = client.get("/admin/entites/fusionner/").content.decode()
    assert html.index("wagtailsnippets/js/snippet-chooser.js") < html.index("new SnippetChooser(")
