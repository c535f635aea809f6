"""The search's entity filter widened to the group (`entite=meta&groupe=tout`): the articles about
Meta or any of its current subsidiaries, offered as a link only when there are some, in one query
for the group whatever its size; never a restricted or unpublished article."""

import datetime
import html
import re

from wagtail.models import PageViewRestriction

import pytest

from demo import factories
from entities.mentions import invalidate_default_index
from entities.models import GroupLink
from tests.articles.test_search import count_queries

URL = "/recherche/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_mentions():
    # The mention index lives in the process: entities of an earlier test must not name anything.
    invalidate_default_index()
    yield
    invalidate_default_index()


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def result_titles(page):
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="search-result__title"><a [^>]*>(.*?)</a>', page)]


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def meta_group(section):
    """Meta with Instagram and WhatsApp today, Oculus until 2020, and one article about each; a
    restricted article about Instagram and an unpublished one about WhatsApp."""
    group = factories.make_meta_group()
    meta, instagram, whatsapp, oculus = group.meta, group.instagram, group.whatsapp, group.oculus
    articles = {
        "meta": factories.make_article(section=section, title="Meta et la publicité ciblée", body=paragraph("publicité"), entities=[meta]),
        "instagram": factories.make_article(
            section=section, title="Instagram change sa publicité", body=paragraph("publicité"), entities=[instagram]
        ),
        "whatsapp": factories.make_article(
            section=section, title="La publicité arrive sur WhatsApp", body=paragraph("publicité"), entities=[whatsapp]
        ),
        "oculus": factories.make_article(section=section, title="Oculus et la publicité", body=paragraph("publicité"), entities=[oculus]),
    }
    restricted = factories.make_article(
        section=section, title="Instagram réservé aux abonnés", body=paragraph("publicité"), entities=[instagram]
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    factories.make_article(section=section, title="Brouillon WhatsApp", body=paragraph("publicité"), entities=[whatsapp], publish=False)
    return meta, articles


def test_a_subsidiary_article_appears_only_with_the_whole_group(client, meta_group):
    _meta, articles = meta_group

    alone = result_titles(search(client, q="publicité", entite="meta"))
    whole = result_titles(search(client, q="publicité", entite="meta", groupe="tout"))

    assert alone == [articles["meta"].title]
    assert sorted(whole) == sorted(articles[name].title for name in ("meta", "instagram", "whatsapp"))
    # Oculus left the group in 2020; the restricted and the unpublished articles never show.
    assert articles["oculus"].title not in whole
    assert not {"Instagram réservé aux abonnés", "Brouillon WhatsApp"} & set(whole)


def test_the_page_offers_the_whole_group_and_says_which_scope_is_active(client, meta_group):
    alone = search(client, q="publicité", entite="meta")
    whole = search(client, q="publicité", entite="meta", groupe="tout", page="1")

    assert "Articles liés à <strong>Meta</strong> seulement." in alone
    assert '<a href="?q=publicit%C3%A9&entite=meta&groupe=tout">Inclure tout le groupe Meta (Instagram, WhatsApp)</a>' in alone
    assert "Articles liés à <strong>tout le groupe Meta</strong> seulement\u00a0: Meta et ses filiales (Instagram, WhatsApp)." in whole
    assert '<a href="?q=publicit%C3%A9&entite=meta">Seulement Meta</a>' in whole
    assert '<a href="?q=publicit%C3%A9">Retirer ce filtre</a>' in whole
    assert '<input type="hidden" name="groupe" value="tout">' in whole, "searching again keeps the scope"


def test_no_group_link_without_current_subsidiaries(client, section):
    alone = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    former = factories.make_entity(name="Oculus", slug="oculus")
    owner = factories.make_entity(name="Ancien Groupe", slug="ancien-groupe")
    GroupLink.objects.create(parent=owner, child=former, end_date=datetime.date(2020, 10, 1))
    hidden = factories.make_entity(name="Filiale cachée", slug="filiale-cachee", live=False)
    GroupLink.objects.create(parent=alone, child=hidden)
    factories.make_article(section=section, title="Mistral AI lève des fonds", entities=[alone])

    for slug in ("mistral-ai", "ancien-groupe"):
        page = search(client, q="fonds", entite=slug)
        assert "Inclure tout le groupe" not in page
    ignored = search(client, q="fonds", entite="mistral-ai", groupe="tout")
    assert "Mistral AI n’a pas de filiale aujourd’hui\u00a0: la recherche porte sur Mistral AI seulement." in ignored
    assert "tout le groupe Mistral AI" not in ignored and 'name="groupe"' not in ignored
    assert result_titles(ignored) == ["Mistral AI lève des fonds"]


def test_an_entity_card_offers_its_group(client, meta_group):
    page = search(client, q="Meta publicité")

    card = re.search(r'<li class="entity-card">.*?</li>', page, re.DOTALL).group(0)
    assert "Seulement les articles liés à Meta" in card
    assert '<a href="?q=Meta+publicit%C3%A9&entite=meta&groupe=tout">Inclure tout le groupe Meta (Instagram, WhatsApp)</a>' in card

    # Naming Meta with the whole group asked: the subsidiaries' articles are Meta's too.
    whole = result_titles(search(client, q="Meta", entite="meta", groupe="tout"))
    assert "Instagram change sa publicité" in whole and "La publicité arrive sur WhatsApp" in whole
    assert "Instagram réservé aux abonnés" not in whole


# Site, chrome (home page, site identity, routing, sections), the filtered entity, mention stamp,
# the group (one query, entities.groups.current_subsidiaries: the subsidiaries' ids then reach
# the search as a list), the search between its SET and RESET, one page of articles with their
# bylines, site, partner block. The same with `groupe=tout`, whatever the group's size.
FILTER_BUDGET = 15


@pytest.mark.parametrize("size", [1, 12])
def test_the_group_costs_one_query_whatever_its_size(client, section, size):
    meta = factories.make_entity(name="Meta", slug="meta")
    for number in range(size):
        member = factories.make_entity(name=f"Filiale {number}", slug=f"filiale-{number}")
        GroupLink.objects.create(parent=meta, child=member)
        factories.make_article(section=section, title=f"Hélium chez la filiale {number}", entities=[member])
    factories.make_article(section=section, title="Hélium chez Meta", entities=[meta])

    assert count_queries(client, {"q": "hélium", "entite": "meta"}) == FILTER_BUDGET
    assert count_queries(client, {"q": "hélium", "entite": "meta", "groupe": "tout"}) == FILTER_BUDGET
