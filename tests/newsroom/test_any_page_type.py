"""Any page type works by default: a page type that exists only in the tests (tests/testpages/) is
routed under a rubrique and under the home page, served to anonymous readers through the page
cache, and purged from the page cache and the edge when it is edited, unpublished or moved —
without a line of routing or purge code naming it."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import RequestFactory
from django.utils.text import slugify

from wagtail.models import PageViewRestriction

import pytest

from articles.chrome import load_chrome
from demo import factories
from tests.testpages.models import NotePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def edge(settings):
    """A real HTTP server standing for Varnish, recording the PURGE requests it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "newsroom.edge_purge.TimeoutHTTPBackend", "LOCATION": f"http://127.0.0.1:{server.server_address[1]}"}
    }
    yield received
    server.shutdown()


def make_note(parent, *, title="Mentions légales", text="Édité par Newsroom SAS.") -> NotePage:
    note = NotePage(title=title, slug=slugify(title), text=text)
    parent.add_child(instance=note)
    note.save_revision().publish()
    return NotePage.objects.get(pk=note.pk)


def cached(client, url) -> str:
    """Read `url` twice as an anonymous reader: the second answer must come from the page cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    assert first["X-Cache"] == "MISS"
    second = client.get(url)
    assert second["X-Cache"] == "HIT"
    return second.content.decode()


def test_a_new_page_type_is_served_under_a_section_through_the_page_cache(client, section):
    note = make_note(section)

    assert note.url == f"{section.url}mentions-legales/"
    assert "Édité par Newsroom SAS." in cached(client, note.url)


def test_a_new_page_type_is_served_under_the_home_page(client, home):
    note = make_note(home, title="Qui sommes-nous")

    assert note.url == "/qui-sommes-nous/"
    assert "Édité par Newsroom SAS." in cached(client, note.url)


@pytest.mark.parametrize("under_home", [False, True])
def test_routing_finds_it_specific_in_one_query_with_its_privacy(home, section, under_home, django_assert_num_queries):
    note = make_note(home if under_home else section)
    request = RequestFactory().get(note.url)
    load_chrome(request)  # the site chrome (cached for every request) knows the home page's children
    components = note.url.strip("/").split("/")

    with django_assert_num_queries(1):
        result = home.route(request, components)

    assert type(result.page) is NotePage
    assert result.page.text == "Édité par Newsroom SAS."
    assert result.page.may_be_restricted is False
    with django_assert_num_queries(0):
        assert not result.page.get_view_restrictions().exists()


def test_a_restricted_page_of_the_new_type_is_not_served_nor_cached(client, section):
    note = make_note(section)
    PageViewRestriction.objects.create(page=note, restriction_type=PageViewRestriction.LOGIN)

    for _ in range(2):
        response = client.get(note.url)
        assert response.status_code == 302  # to the login page
        assert "Édité par" not in response.content.decode()
        assert response.get("X-Cache") != "HIT"


def test_editing_purges_its_page_and_its_section_from_the_cache_and_the_edge(
    client, section, purged, edge, django_capture_on_commit_callbacks
):
    note = make_note(section)
    cached(client, note.url)
    cached(client, section.url)
    purged.clear()

    note.text = "Édité par Newsroom SA, au capital de dix mille euros."
    with django_capture_on_commit_callbacks(execute=True):
        note.save_revision().publish()

    assert purged == [{note.url, section.url}]
    assert sorted(edge) == sorted([note.url, section.url])
    response = client.get(note.url)
    assert response["X-Cache"] == "MISS"
    assert "au capital de dix mille euros" in response.content.decode()


def test_unpublishing_purges_it_and_readers_get_a_404(client, section, purged, edge, django_capture_on_commit_callbacks):
    note = make_note(section)
    cached(client, note.url)
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        note.unpublish()

    assert purged == [{note.url, section.url}]
    assert sorted(edge) == sorted([note.url, section.url])
    assert client.get(note.url).status_code == 404


def test_moving_purges_the_old_and_the_new_places(client, section, purged, edge, django_capture_on_commit_callbacks):
    note = make_note(section)
    other = factories.make_section(title="Recherche")
    old_url = note.url
    cached(client, old_url)
    purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        note.move(other, pos="last-child")

    new_url = NotePage.objects.get(pk=note.pk).url
    assert new_url == f"{other.url}mentions-legales/"
    assert purged == [{old_url, section.url, new_url, other.url}]
    # The redirect Wagtail makes from the old address purges that address too (without its slash).
    assert set(edge) - {old_url.rstrip("/")} == {old_url, section.url, new_url, other.url}
    assert client.get(old_url)["Location"] == new_url  # Wagtail's redirects app
    assert "Édité par Newsroom SAS." in cached(client, new_url)


def test_a_page_linking_to_it_is_purged_with_it(client, section, purged):
    note = make_note(section)
    picker = factories.make_article(
        section=section,
        title="Nos engagements",
        body=[{"type": "paragraph", "value": f'<p>Voir nos <a linktype="page" id="{note.pk}">mentions légales</a>.</p>'}],
    )
    cached(client, picker.url)
    purged.clear()

    note.title = "Mentions légales et crédits"
    note.save_revision().publish()

    assert purged == [{note.url, section.url, picker.url}]
    assert client.get(picker.url)["X-Cache"] == "MISS"
