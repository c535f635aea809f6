"""Public pages leave gzipped (newsroom/compression.py); admin pages and anything tied to a session
or a CSRF token stay uncompressed (BREACH)."""

import gzip

from demo import factories


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
