"""Anonymous public reads get prepared statements; the admin keeps client-side binding
(newsroom/prepared_reads.py)."""

from django.db import connection

import pytest

from demo import factories

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def uncached(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def test_an_article_read_again_runs_prepared_statements(client, section, author, uncached):
    first = factories.make_article(section=section, authors=[author], title="Mistral lève des fonds", entities=[factories.make_entity()])
    second = factories.make_article(section=section, authors=[author], title="Meta recrute")
    assert prepared_statements() == []

    for article in (first, second, first):
        response = client.get(article.url)
        assert response.status_code == 200
        assert article.title in response.content.decode()

    # The article's own queries, sent with parameters ($1…) and prepared on their second run.
    prepared = prepared_statements()
    assert any('FROM "articles_articleentity"' in statement and "$1" in statement for statement in prepared), prepared


def test_the_admin_keeps_client_side_binding_after_a_public_read(client, section, journalist, uncached):
    article = factories.make_article(section=section, title="Mistral lève des fonds")
    for _ in range(3):
        assert client.get(article.url).status_code == 200
    prepared = len(prepared_statements())

    # Wagtail's settings view runs a `SELECT DISTINCT … ORDER BY CASE …` with parameters, which
    # PostgreSQL refuses when they are bound server-side: on the same connection, it still works.
    client.force_login(journalist)
    response = client.get("/admin/settings/newsroom/siteidentity/")
    assert response.status_code == 302
    assert len(prepared_statements()) == prepared


def test_a_logged_in_reader_is_not_served_prepared_statements(client, section, journalist, uncached):
    article = factories.make_article(section=section, title="Mistral lève des fonds")
    client.force_login(journalist)
    for _ in range(3):
        assert client.get(article.url).status_code == 200
    assert prepared_statements() == []
