"""« En direct »: the reader's page, its fragment and feed, the desk, permissions, caches."""

import json
import re
import xml.etree.ElementTree as ET

from django.core.cache import cache

import pytest

from demo.live_factories import add_updates, make_live
from live import services
from live.models import LivePage, LiveUpdate, LiveUpdateVersion

pytestmark = pytest.mark.django_db


def draftail(text: str) -> str:
    """The editor's POST value for a one-paragraph rich text (what Draftail sends)."""
    block = {"key": "a1b2c", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": [], "data": {}}
    return json.dumps({"blocks": [block], "entityMap": {}})


def json_ld_nodes(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


@pytest.fixture
def live(section, author):
    return make_live(section=section, title="Keynote : l'IA s'invite partout", authors=[author])


def test_reader_page_lists_updates_newest_first_with_anchors_and_live_blog_posting(client, live):
    first, _second = add_updates(live, 2, author_name="Léa Martin")
    add_updates(live, 1, author_name="Hugo Bernard", important=True, body="<p>Annonce majeure.</p>")
    html = client.get(live.url).content.decode()

    positions = [html.index(f'id="maj-{update.pk}"') for update in LiveUpdate.objects.filter(page=live).order_by("-posted_at")]
    assert positions == sorted(positions)
    assert f'href="#maj-{first.pk}"' in html
    assert "live-update--important" in html
    assert "En direct" in html and 'data-live-url="' in html
    assert re.search(r"\d{1,2}\u00a0h\u00a0\d{2}", html), "French time « 19 h 42 »"
    node = next(node for node in json_ld_nodes(html) if node["@type"] == "LiveBlogPosting")
    assert node["headline"] == "Keynote : l'IA s'invite partout"
    assert node["coverageStartTime"].startswith(str(live.starts_at.year))
    assert "coverageEndTime" not in node
    assert [item["@type"] for item in node["liveBlogUpdate"]] == ["BlogPosting"] * 3
    assert node["liveBlogUpdate"][0]["headline"] == "Annonce majeure."
    assert node["liveBlogUpdate"][0]["author"] == {"@type": "Person", "name": "Hugo Bernard"}
    assert node["liveBlogUpdate"][-1]["url"].endswith(f"#maj-{first.pk}")


def test_ended_live_stops_refreshing_and_keeps_its_summary_on_top(client, section):
    live = make_live(section=section, state=LivePage.State.ENDED, summary="<p>Trois annonces à retenir.</p>")
    add_updates(live, 2)
    html = client.get(live.url).content.decode()

    assert "data-live-url" not in html and "js/live.js" not in html
    assert html.index("Trois annonces à retenir") < html.index("live-updates")
    node = next(node for node in json_ld_nodes(html) if node["@type"] == "LiveBlogPosting")
    assert node["coverageEndTime"]


def test_posting_is_for_journalists_on_a_running_live_only(client, section, journalist, sales):
    upcoming = make_live(section=section, state=LivePage.State.UPCOMING)
    with pytest.raises(services.NotAllowed):
        services.update_post(page=upcoming, user=journalist, body="<p>Trop tôt.</p>")
    running = make_live(section=section)
    with pytest.raises(services.NotAllowed):
        services.update_post(page=running, user=sales, body="<p>Pas mon rôle.</p>")

    client.force_login(sales)
    response = client.post(f"/admin/direct/{running.pk}/", {"body": draftail("Intrus")})
    assert response.status_code in (302, 403) and not LiveUpdate.objects.exists()
    client.force_login(journalist)
    response = client.post(f"/admin/direct/{upcoming.pk}/", {"body": draftail("Trop tôt")}, follow=True)
    assert "n’est pas ouvert" in response.content.decode().replace("&#x27;", "'") and not LiveUpdate.objects.exists()

    response = client.post(f"/admin/direct/{running.pk}/", {"body": draftail("Le rideau se lève."), "important": "on"})
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.author == journalist and update.important and "Le rideau se lève." in update.body


def test_empty_update_gets_a_french_error_and_saves_nothing(client, live, journalist):
    client.force_login(journalist)
    response = client.post(f"/admin/direct/{live.pk}/", {"body": draftail("   ")})

    assert response.status_code == 200
    assert "Écrivez le texte de la mise à jour." in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_a_post_reaches_the_cached_page_and_fragment_at_once(client, settings, live, journalist):
    settings.NEWSROOM_PAGE_CACHE = True
    add_updates(live, 1)
    seq = LivePage.objects.get(pk=live.pk).update_seq
    fragment = f"/direct/{live.pk}/maj/?depuis={seq}"
    client.get(live.url), client.get(fragment)
    assert client.get(live.url)["X-Cache"] == "HIT"
    cached = client.get(fragment)
    assert cached["X-Cache"] == "HIT" and "live-update" not in cached.content.decode().split("data-since", 1)[1]
    assert client.get(fragment, HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 304

    update = services.update_post(page=LivePage.objects.get(pk=live.pk), user=journalist, body="<p>Nouveau modèle annoncé.</p>")

    page = client.get(live.url)
    assert page["X-Cache"] == "MISS" and "Nouveau modèle annoncé." in page.content.decode()
    fresh = client.get(fragment)
    assert fresh["X-Cache"] == "MISS" and f'id="maj-{update.pk}"' in fresh.content.decode()
    assert f'data-seq="{seq + 1}"' in fresh.content.decode()


def test_correction_replaces_and_deletion_hides_keeping_the_history(client, live, journalist, editor):
    update = services.update_post(page=live, user=journalist, body="<p>Prix : 999 euros.</p>")
    seq = LivePage.objects.get(pk=live.pk).update_seq

    client.force_login(journalist)
    response = client.post(f"/admin/direct/maj/{update.pk}/corriger/", {"body": draftail("Prix : 1 099 euros.")})
    assert response.status_code == 302
    client.logout()
    html = client.get(live.url).content.decode()
    assert "1 099 euros" in html and "999 euros" not in html and "Corrigée à" in html
    fragment = client.get(f"/direct/{live.pk}/maj/?depuis={seq}").content.decode()
    assert f'id="maj-{update.pk}"' in fragment and "1 099 euros" in fragment

    other = services.update_post(page=live, user=editor, body="<p>Du rédacteur en chef.</p>")
    with pytest.raises(services.NotAllowed):
        services.update_delete(update=other, user=journalist)
    services.update_delete(update=LiveUpdate.objects.get(pk=update.pk), user=editor)
    html = client.get(live.url).content.decode()
    assert "1 099 euros" not in html and "Du rédacteur en chef." in html
    assert list(LiveUpdateVersion.objects.filter(update=update).values_list("action", flat=True)) == ["suppression", "correction"]
    assert "999 euros" in LiveUpdateVersion.objects.get(update=update, action="correction").body


def test_running_live_is_on_the_home_page_and_its_rubrique_with_a_badge_then_leaves(client, section, live):
    for url in ("/", section.url):
        html = client.get(url).content.decode()
        assert 'class="live-strip"' in html and f'href="{live.url}"' in html, url

    live.state = LivePage.State.ENDED
    live.save_revision().publish()
    for url in ("/", section.url):
        assert 'class="live-strip"' not in client.get(url).content.decode(), url


def test_feed_and_google_news_sitemap(client, live):
    add_updates(live, 3, author_name="Léa Martin")
    feed = ET.fromstring(client.get(f"/direct/{live.pk}/flux/").content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 3 and entries[0].find(f"{atom}title").text == "Mise à jour numéro 3."
    assert entries[0].find(f"{atom}author/{atom}name").text == "Léa Martin"

    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert f"{live.url}</loc>" in sitemap and "Keynote : l&#x27;IA s&#x27;invite partout" in sitemap


@pytest.mark.parametrize("count", [1, 30])
def test_query_counts_are_flat_in_the_number_of_updates(client, settings, django_assert_num_queries, live, count):
    settings.NEWSROOM_PAGE_CACHE = False
    add_updates(live, count)
    client.get(live.url), client.get(f"/direct/{live.pk}/maj/?depuis=0")
    with django_assert_num_queries(PAGE_WARM):
        assert client.get(live.url).status_code == 200
    with django_assert_num_queries(FRAGMENT_WARM):
        assert client.get(f"/direct/{live.pk}/maj/?depuis=0").status_code == 200


# Warm, without images: the live page with its restriction state (routing; the site and its home
# page come from memory and the chrome), updates, bylines, tags, entities, site identity (JSON-LD
# publisher): 6. The
# fragment: the live page (by id, privacy in the query) and the updates changed since: 2.
PAGE_WARM = 6
FRAGMENT_WARM = 2


def test_cache_is_fresh_for_each_test():
    assert cache.get("newsroom:live:running:v1") is None
