"""Login- and group-restricted pages never show to anonymous readers: not in search, feeds, sitemaps
or listings, and the page itself asks for a login.

tests/articles/ covers drafts, scheduled, unpublished and password-protected pages; these are the
other two kinds of Wagtail view restriction, on an article and on a whole rubrique.
"""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from demo import factories

pytestmark = pytest.mark.django_db

PUBLIC_URLS = (
    "/",
    "/recherche/?q=zorglub",
    "/flux/rss/",
    "/flux/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-articles.xml",
    "/sitemap-rubriques.xml",
    "/sitemap-auteurs.xml",
    "/sitemap-tags.xml",
)


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Rédaction en chef")])
    return restriction


@pytest.fixture
def hidden(home, section):
    """A public article, and for each restriction kind an article and a rubrique with its own article."""
    factories.make_article(section=section, title="Zorglub public", tags=["zorglub-public"])
    pages = []
    for kind in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS):
        author = factories.make_author(name=f"Plume {kind}", slug=f"plume-{kind}")
        article = factories.make_article(
            section=section, title=f"Zorglub réservé {kind}", slug=f"zorglub-{kind}", authors=[author], tags=[f"zorglub-{kind}"]
        )
        restrict(article, kind)
        closed = factories.make_section(title=f"Rubrique fermée {kind}")
        inner = factories.make_article(section=closed, title=f"Zorglub rubrique {kind}", slug=f"zorglub-rubrique-{kind}")
        restrict(closed, kind)
        pages += [article, closed, inner]
    return pages


def test_restricted_pages_never_show_to_anonymous_readers(client, section, hidden):
    seen = {url: client.get(url) for url in PUBLIC_URLS}
    seen[section.url] = client.get(section.url)

    assert {url: response.status_code for url, response in seen.items()} == dict.fromkeys(seen, 200)
    everything = "".join(response.content.decode() for response in seen.values())
    assert "Zorglub public" in everything
    for page in hidden:
        assert f"/{page.slug}/" not in everything, page.title
        assert page.title not in everything
    assert "plume-" not in everything
    assert "zorglub-login" not in everything
    assert "zorglub-groups" not in everything


def test_the_restricted_page_itself_asks_for_a_login(client, hidden):
    for page in hidden:
        response = client.get(page.url)

        assert response.status_code == 302, page.url
        assert "/admin/login/" in response["Location"] or "login" in response["Location"]
        assert page.title not in response.content.decode()


def test_their_feeds_are_not_served(client, hidden):
    # Tag, rubrique and author feeds of restricted content: empty or absent, never the restricted items.
    closed_sections = [page for page in hidden if "Rubrique fermée" in page.title]
    urls = [f"/flux/rubrique/{section.slug}/rss/" for section in closed_sections]
    for kind in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS):
        urls += [f"/flux/tag/zorglub-{kind}/rss/", f"/flux/auteur/plume-{kind}/atom/"]

    for url in urls:
        response = client.get(url)

        assert response.status_code in (200, 404), url
        assert "Zorglub" not in response.content.decode(), url
    assert len(urls) == 6
