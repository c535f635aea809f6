"""After the import, the old WordPress addresses answer a 301 to the new ones, through the real
middleware stack (page cache included), and the new URLs are in the feeds and the sitemap."""

import io

from django.core.management import call_command

import pytest

from tests.wordpress.wxr import SITE, Post, write_export
from wordpress.models import ImportedItem

POSTS = [
    Post(41, "Meta recrute le fondateur de Scale AI", slug="meta-scale-ai", link=f"{SITE}/2025/06/12/meta-scale-ai/"),
    Post(42, "Un brouillon", slug="brouillon", status="draft"),
    Post(44, "Note interne réservée", slug="note-interne", status="private"),
    Post(43, "Été : l'IA à la plage", slug="%c3%a9t%c3%a9-ia", link=f"{SITE}/2025/07/01/%c3%a9t%c3%a9-ia/"),
]


def import_posts(tmp_path):
    """`import_wordpress` of POSTS, quietly."""
    call_command(
        "import_wordpress",
        str(write_export(tmp_path, POSTS)),
        "--report",
        str(tmp_path / "r.csv"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


@pytest.fixture
def imported_site(db, home, tmp_path):
    import_posts(tmp_path)
    return {item.wp_id: item.page.specific for item in ImportedItem.objects.select_related("page")}


def test_old_permalink_answers_a_301_to_the_new_article(client, imported_site):
    article = imported_site[41]
    response = client.get("/2025/06/12/meta-scale-ai/")
    assert response.status_code == 301
    assert response["Location"] == article.url == "/actualites/meta-scale-ai/"
    assert client.get(response["Location"]).status_code == 200


def test_percent_encoded_permalink_redirects_too(client, imported_site):
    article = imported_site[43]
    assert article.slug == "ete-ia"
    response = client.get("/2025/07/01/%c3%a9t%c3%a9-ia/")
    assert (response.status_code, response["Location"]) == (301, "/actualites/ete-ia/")


def test_question_mark_p_id_answers_a_301_although_the_home_page_is_at_that_path(client, imported_site):
    response = client.get("/?p=41")
    assert (response.status_code, response["Location"]) == (301, "/actualites/meta-scale-ai/")
    # Unknown ids, drafts and other parameters leave the home page alone.
    assert client.get("/?p=999").status_code == 200
    assert client.get("/?p=42").status_code == 200
    assert client.get("/?page=2").status_code in (200, 404)


def test_a_cached_home_page_at_question_mark_p_gives_way_to_the_redirect(client, db, home, tmp_path):
    """A reader (or a crawler) asked for /?p=41 before the import: the page cache kept the home page.
    Creating the redirect purges it, so the next request gets the 301."""
    assert client.get("/?p=41").status_code == 200
    assert client.get("/?p=41")["X-Cache"] == "HIT"
    import_posts(tmp_path)
    response = client.get("/?p=41")
    assert (response.status_code, response["Location"]) == (301, "/actualites/meta-scale-ai/")


def test_new_urls_are_in_the_feed_and_the_sitemap(client, imported_site):
    feed = client.get("/flux/rss/").content.decode()
    sitemap_index = client.get("/sitemap.xml").content.decode()
    assert "/actualites/meta-scale-ai/" in feed and "Un brouillon" not in feed and "note-interne" not in feed
    sitemaps = [part.split("</loc>")[0] for part in sitemap_index.split("<loc>")[1:]]
    pages = "".join(client.get(url.replace("http://testserver", "")).content.decode() for url in sitemaps)
    assert "/actualites/meta-scale-ai/" in pages and "/actualites/brouillon/" not in pages and "note-interne" not in pages


def test_imported_articles_are_in_search_and_drafts_are_not(client, imported_site):
    """Indexing is done once per imported page (wordpress/indexing.py): the public search finds them."""
    results = client.get("/recherche/?q=fondateur").content.decode()
    assert "/actualites/meta-scale-ai/" in results
    assert "Un brouillon" not in client.get("/recherche/?q=brouillon").content.decode()
    assert "note-interne" not in client.get("/recherche/?q=interne").content.decode()
    # The private post's old address leads to its page, which asks readers to log in.
    response = client.get("/?p=44")
    assert (response.status_code, response["Location"]) == (301, "/actualites/note-interne/")
    restricted = client.get("/actualites/note-interne/")
    assert restricted.status_code == 302 and "login" in restricted["Location"]
