"""Public pages leave gzipped (newsroom/compression.py); admin pages and anything tied to a session
or a CSRF token stay uncompressed (BREACH)."""

import gzip

from django.core.cache import cache

from demo import factories
from newsroom.page_cache import entry_key


def test_public_article_is_gzipped_from_the_cache_too_and_revalidates(client, section):
    article = factories.make_article(section=section, body=[{"type": "paragraph", "value": "<p>Texte. </p>" * 200}])
    plain = client.get(article.url)
    assert "Content-Encoding" not in plain

    for _ in range(2):  # the render, then the page-cache hit
        response = client.get(article.url, headers={"Accept-Encoding": "gzip, br"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 3

    not_modified = client.get(article.url, headers={"Accept-Encoding": "gzip", "If-None-Match": response["ETag"]})
    assert not_modified.status_code == 304


def test_admin_and_session_requests_are_not_compressed(client, editor, section):
    article = factories.make_article(section=section)
    client.force_login(editor)
    admin = client.get("/admin/", headers={"Accept-Encoding": "gzip"})
    assert admin.status_code == 200 and "Content-Encoding" not in admin
    with_session = client.get(article.url, headers={"Accept-Encoding": "gzip"})
    assert with_session.status_code == 200 and "Content-Encoding" not in with_session


def test_a_hit_serves_the_gzip_stored_with_its_entry(client, section):
    """Compressing on every hit cost a hit four times its plain cost: the entry keeps its gzip."""
    article = factories.make_article(section=section, body=[{"type": "paragraph", "value": "<p>Texte. </p>" * 200}])
    miss = client.get(article.url, headers={"Accept-Encoding": "gzip"})
    entry = cache.get(entry_key("http", "testserver", article.url, ""))
    stored_plain, stored_gzip = entry[3], entry[5]
    assert gzip.decompress(stored_gzip) == stored_plain
    assert miss.content == stored_gzip

    hits = [client.get(article.url, headers={"Accept-Encoding": "gzip, deflate, br"}) for _ in range(2)]
    assert [hit["X-Cache"] for hit in hits] == ["HIT", "HIT"]
    assert all(hit.content == stored_gzip and hit["Content-Length"] == str(len(stored_gzip)) for hit in hits)
    assert hits[0]["ETag"].startswith('W/"')
    plain = client.get(article.url)
    assert plain.content == stored_plain and "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]


def test_an_entry_stored_without_its_gzip_is_compressed_on_the_way_out(client, section):
    article = factories.make_article(section=section, body=[{"type": "paragraph", "value": "<p>Texte. </p>" * 200}])
    client.get(article.url)
    key = entry_key("http", "testserver", article.url, "")
    cache.set(key, cache.get(key)[:5])  # the entry format of the previous release

    hit = client.get(article.url, headers={"Accept-Encoding": "gzip"})
    assert hit["X-Cache"] == "HIT" and hit["Content-Encoding"] == "gzip"
    assert gzip.decompress(hit.content) == client.get(article.url).content
