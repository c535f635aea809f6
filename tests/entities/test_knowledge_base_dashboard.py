"""« Entités › Tableau de bord »: each list with real entities and articles, who may open it, and a
query count that stays the same when the base grows."""

import datetime
import re
import zoneinfo

from django.utils import timezone

import pytest

from demo import factories
from entities import dashboard
from entities.dashboard import name_keys
from entities.models import Deal

pytestmark = pytest.mark.django_db

URL = "/admin/entites/tableau-de-bord/"
MERGE_URL = "/admin/entites/fusionner/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NBSP = "\u00a0"


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def rows(html: str, list_name: str) -> list[str]:
    """The text of each row of one list of the page, tags and spaces squeezed."""
    section = html.split(f'data-dashboard-list="{list_name}"', 1)[1].split("</section>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr[ >].*?</tr>", section, re.DOTALL)[1:]]


@pytest.fixture
def base(section, author):
    """A small knowledge base with one of everything the dashboard looks for."""
    meta = factories.make_entity(name="Meta", slug="meta", kind="entreprise", aliases=["Facebook"], description="Groupe américain.")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai", kind="entreprise", description="Données.")
    mistral = factories.make_entity(name="Mistral AI", slug="mistral-ai", kind="entreprise")
    facebook = factories.make_entity(name="Facebook", slug="facebook", kind="entreprise", live=False)
    scaleai = factories.make_entity(name="ScaleAI", slug="scaleai", kind="entreprise")
    for entity in (meta, scale):
        entity.image, entity.image_alt = factories.make_image(), "Logo"
        entity.save()
    this_week = factories.make_article(section=section, authors=[author], title="Meta investit dans Scale AI", entities=[meta, scale])
    factories.make_article(section=section, authors=[author], title="Meta recrute", entities=[meta])
    factories.make_article(
        section=section,
        authors=[author],
        title="Mistral lève des fonds",
        entities=[mistral],
        published_at=timezone.now() - datetime.timedelta(days=10),
    )
    reported = factories.link_deal(
        this_week, source=meta, target=scale, kind="investissement", amount=14_300_000_000, date=datetime.date(2025, 6, 12)
    )
    unreported = Deal.objects.create(source=meta, target=mistral, kind="discussions", status="rumeur", date=datetime.date(2025, 6, 1))
    return {
        "meta": meta,
        "scale": scale,
        "mistral": mistral,
        "facebook": facebook,
        "scaleai": scaleai,
        "reported": reported,
        "unreported": unreported,
    }


def grow(section, author, count=8):
    """More of everything: entities (some duplicates, some incomplete), articles citing them, deals."""
    for number in range(count):
        entity = factories.make_entity(name=f"Startup {number}", slug=f"startup-{number}", aliases=[f"Startup {number} SAS"])
        factories.make_entity(name=f"STARTUP {number} Inc.", slug=f"startup-{number}-inc")
        article = factories.make_article(section=section, authors=[author], title=f"Article {number}", entities=[entity])
        factories.link_deal(article, source=entity, target=factories.make_entity(), kind="acquisition")
        Deal.objects.create(source=entity, target=factories.make_entity(), kind="levee")


# --- The lists ------------------------------------------------------------------------------


def test_most_cited_counts_live_articles_of_the_last_seven_paris_days(section, author):
    now = paris(2025, 6, 10, 10, 0)
    meta = factories.make_entity(name="Meta", slug="meta")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai")
    late = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    # The week starts on Wednesday 4 June at midnight in Paris (22:00 UTC the day before).
    factories.make_article(section=section, authors=[author], entities=[meta, scale], published_at=paris(2025, 6, 4, 0, 1))
    factories.make_article(section=section, authors=[author], entities=[meta], published_at=paris(2025, 6, 9, 18, 0))
    factories.make_article(section=section, authors=[author], entities=[late, scale], published_at=paris(2025, 6, 3, 23, 59))
    unpublished = factories.make_article(section=section, authors=[author], entities=[late], published_at=paris(2025, 6, 8, 9, 0))
    unpublished.unpublish()

    cited = dashboard.most_cited(now=now)

    assert dashboard.week_start(now) == paris(2025, 6, 4)
    assert [(entity.name, entity.citations) for entity in cited] == [("Meta", 2), ("Scale AI", 1)]


def test_to_complete_lists_entities_without_description_or_image_newest_first(base):
    listed = dashboard.to_complete()

    assert [entity.name for entity in listed] == ["ScaleAI", "Facebook", "Mistral AI"]
    assert all(entity.created_at is not None for entity in listed)


def test_name_keys_ignore_case_accents_punctuation_spaces_and_suffixes():
    assert name_keys("Société Générale SA") & name_keys("SOCIETE-GENERALE")
    assert name_keys("OpenAI, Inc.") & name_keys("Open AI")
    assert name_keys("Mistral AI") & name_keys("mistral")
    assert not name_keys("Apple") & name_keys("Applied Intuition")
    # A suffix alone is a name, not nothing: « AI » stays « ai ».
    assert name_keys("AI") == {"ai"}


def test_duplicates_pair_similar_names_and_a_name_that_is_another_ones_alias(base):
    person = factories.make_entity(name="Mistral", slug="mistral-personne", kind="personne")
    pairs, total = dashboard.suspected_duplicates()

    found = {(pair.keep.name, pair.absorb.name): pair.reason for pair in pairs}
    assert found == {
        ("Scale AI", "ScaleAI"): f"Noms proches{NBSP}: «{NBSP}Scale AI{NBSP}» et «{NBSP}ScaleAI{NBSP}»",
        ("Meta", "Facebook"): f"«{NBSP}Facebook{NBSP}» est aussi un alias de «{NBSP}Meta{NBSP}»",
    }
    assert total == 2
    # A person is never offered as a duplicate of an organisation: the merge tool refuses them.
    assert person.pk not in {pair.absorb.pk for pair in pairs} | {pair.keep.pk for pair in pairs}
    # Newest pair first; the live entity is kept over the draft even when the draft is older.
    assert [pair.absorb.name for pair in pairs] == ["ScaleAI", "Facebook"]


def test_a_live_entity_is_kept_over_an_older_draft(db):
    draft = factories.make_entity(name="Hugging Face", slug="hugging-face", live=False)
    live = factories.make_entity(name="HuggingFace Inc.", slug="huggingface")

    (pair,), _ = dashboard.suspected_duplicates()

    assert (pair.keep.pk, pair.absorb.pk) == (live.pk, draft.pk)
    assert pair.merge_url == f"{MERGE_URL}?keep={live.pk}&absorb={draft.pk}"


def test_an_alias_shared_by_many_entities_is_a_generic_word_not_a_duplicate(db):
    for number in range(dashboard.MAX_NAMESAKES + 1):
        factories.make_entity(name=f"Start-up {number}", slug=f"start-up-{number}", aliases=["IA"])

    assert dashboard.suspected_duplicates() == ([], 0)


def test_duplicates_list_is_limited_but_counts_every_pair(db):
    for number in range(dashboard.LIST_LIMIT + 3):
        factories.make_entity(name=f"Labo {number}", slug=f"labo-{number}")
        factories.make_entity(name=f"LABO {number} SAS", slug=f"labo-{number}-sas")

    pairs, total = dashboard.suspected_duplicates()

    assert len(pairs) == dashboard.LIST_LIMIT and total == dashboard.LIST_LIMIT + 3
    assert pairs[0].keep.name == f"Labo {dashboard.LIST_LIMIT + 2}"


def test_unreported_deals_are_those_no_live_article_reports(base, section, author):
    article = factories.make_article(section=section, authors=[author], title="Article retiré")
    withdrawn = factories.link_deal(article, source=base["scale"], target=base["mistral"], kind="acquisition")
    article.refresh_from_db()
    article.unpublish()

    listed = dashboard.unreported_deals()

    assert [deal.pk for deal in listed] == [base["unreported"].pk, withdrawn.pk]  # dated first, then undated


# --- The page ------------------------------------------------------------------------------


def test_the_page_shows_the_four_lists(client, base, editor):
    client.force_login(editor)

    html = client.get(URL).content.decode()

    assert rows(html, "most-cited") == ["Meta Entreprise 2", "Scale AI Entreprise 1"]
    assert [row.split(" ", 1)[0] for row in rows(html, "to-complete")] == ["ScaleAI", "Facebook", "Mistral"]
    assert rows(html, "to-complete")[1].endswith("la description et le logo")
    pairs = rows(html, "duplicates")
    assert pairs[0].startswith("Scale AI ScaleAI Noms proches") and pairs[0].endswith("Fusionner")
    assert pairs[1].startswith("Meta Facebook brouillon «")
    scale, scaleai = base["scale"], base["scaleai"]
    assert f'href="{MERGE_URL}?keep={scale.pk}&amp;absorb={scaleai.pk}"' in html
    assert rows(html, "unreported-deals") == ["Discussions de rachat Meta → Mistral AI Rumeur 1er juin 2025 —"]
    assert "Tableau de bord des entités" in html


def test_the_merge_link_opens_the_tool_with_both_entities_chosen(client, base, editor):
    client.force_login(editor)
    scale, scaleai = base["scale"], base["scaleai"]

    html = client.get(f"{MERGE_URL}?keep={scale.pk}&absorb={scaleai.pk}").content.decode()

    assert re.search(rf'name="keep"[^>]*value="{scale.pk}"|value="{scale.pk}"[^>]*name="keep"', html)
    assert re.search(rf'name="absorb"[^>]*value="{scaleai.pk}"|value="{scaleai.pk}"[^>]*name="absorb"', html)
    assert client.get(f"{MERGE_URL}?keep=abc&absorb=").status_code == 200


def test_journalists_see_the_pairs_without_the_merge_button(client, base, journalist):
    client.force_login(journalist)

    html = client.get(URL).content.decode()

    assert rows(html, "duplicates")[0].startswith("Scale AI ScaleAI")
    assert MERGE_URL not in html
    assert "signalez ces paires à la rédaction en chef" in html


@pytest.mark.parametrize(("who", "allowed"), [("journalist", True), ("editor", True), ("superuser", True), ("sales", False)])
def test_who_may_open_the_dashboard(client, request, who, allowed):
    client.force_login(request.getfixturevalue(who))

    response = client.get(URL)
    home = client.get("/admin/").content.decode()

    if allowed:
        assert response.status_code == 200
    else:
        # Wagtail answers a PermissionDenied in its admin with a redirect home and its message.
        assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert (URL in home) is allowed


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_the_entity_listing_links_to_the_dashboard(client, journalist):
    client.force_login(journalist)
    assert f'href="{URL}"' in client.get("/admin/snippets/entities/entity/").content.decode()


# --- Query counts ----------------------------------------------------------------------------

LIST_QUERIES = 4  # one per list


def test_the_lists_cost_one_query_each_whatever_the_size_of_the_base(base, section, author, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        small = dashboard.entity_dashboard()
    grow(section, author)
    with django_assert_num_queries(LIST_QUERIES):
        large = dashboard.entity_dashboard()

    assert len(large["duplicates"]) > len(small["duplicates"])
    assert len(large["unreported_deals"]) > len(small["unreported_deals"])
    assert len(large["most_cited"]) > len(small["most_cited"])


# Session, user, two-factor devices and policy, permissions (2), Wagtail profile; the 4 lists; then
# the admin's own furniture: locales, page, collection and site permissions, the explorer's root
# page, the user's groups (menu hooks) and the late-schedules banner.
PAGE_QUERIES = 8 + LIST_QUERIES + 7


def test_the_page_query_count_is_exact_and_flat(client, base, section, author, editor, django_assert_num_queries):
    client.force_login(editor)
    client.get(URL)  # the first request of a process fills caches (content types, site)

    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(URL).status_code == 200
    grow(section, author)
    with django_assert_num_queries(PAGE_QUERIES):
        html = client.get(URL).content.decode()

    assert len(rows(html, "duplicates")) == dashboard.LIST_LIMIT
