"""What the query budgets rest on stays right: cached chrome invalidated at once, privacy decided in
the routing query, renditions made at publication rather than by readers."""

from django.core.cache import cache

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

import pytest

from demo import factories
from newsroom.models import SiteIdentity
from newsroom.restrictions import view_restrictions_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.NEWSROOM_PAGE_CACHE = False


def nav(client, url="/"):
    """The header navigation's HTML ("" when there is no section to show)."""
    html = client.get(url).content.decode()
    start = html.find('aria-label="Rubriques"')
    return html[start : html.index("</nav>", start)] if start >= 0 else ""


def test_a_new_section_and_a_new_identity_show_at_once_despite_the_cached_chrome(client, home, section):
    assert "Business" in nav(client)  # the chrome is now cached
    factories.make_section(title="Robotique")
    identity = SiteIdentity.for_site(home.get_site())
    identity.name = "La Gazette de l'IA"
    identity.save()

    html = client.get("/").content.decode()
    assert "Robotique" in nav(client)
    assert "La Gazette de l" in html


def test_unpublished_and_private_sections_leave_the_navigation(client, home, section):
    other = factories.make_section(title="Robotique")
    assert "Robotique" in nav(client)

    other.unpublish()
    assert "Robotique" not in nav(client)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert "Business" not in nav(client)


def test_articles_of_a_private_section_still_ask_for_a_login(client, section):
    article = factories.make_article(section=section)
    assert client.get(article.url).status_code == 200
    assert client.get(section.url).status_code == 200

    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    for url in (article.url, section.url):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"] or "login" in response["Location"]


def test_password_restriction_on_the_home_page_covers_everything(client, home, section):
    article = factories.make_article(section=section)
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.PASSWORD, password="secret-de-test")

    for url in ("/", section.url, article.url, "/tags/inconnu/"):
        response = client.get(url)
        assert response.status_code == 200
        assert b'name="password"' in response.content


def test_view_restrictions_in_one_query_match_wagtails_own_for_aliases(home, section):
    article = factories.make_article(section=section)
    private = factories.make_section(title="Abonnés")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    alias_of_private = private.create_alias(update_slug="abonnes-alias")
    alias_of_article = article.create_alias(parent=private, update_slug="article-alias")

    for page in Page.objects.all():
        page = page.specific
        assert set(view_restrictions_of(page)) == set(Page.get_view_restrictions(page)), page.url_path
    assert list(view_restrictions_of(alias_of_private)) == [restriction]
    assert list(view_restrictions_of(alias_of_article)) == [restriction]
    assert list(view_restrictions_of(article)) == []


def test_unknown_and_unpublished_paths_are_not_found(client, section):
    draft = factories.make_article(section=section, publish=False)
    article = factories.make_article(section=section)

    assert client.get(article.url).status_code == 200
    assert client.get(f"/{section.slug}/{draft.slug}/").status_code == 404
    assert client.get(f"/{section.slug}/inconnu/").status_code == 404
    assert client.get("/inconnu/").status_code == 404
    assert client.get(f"/inconnu/{article.slug}/").status_code == 404


def test_readers_never_make_renditions(client, section):
    image = factories.make_image()
    author = factories.make_author(slug="signataire", photo=image)
    entity = factories.make_entity(slug="mistral-ai", image=image, image_alt="Logo")
    body = [{"type": "image", "value": {"image": image.pk, "alt": "Illustration", "caption": "", "credit": ""}}]
    article = factories.make_article(section=section, authors=[author], entities=[entity], body=body, hero_image=image, hero_alt="x")
    factories.make_article(section=section, hero_image=image, hero_alt="x", related=[article])
    renditions = get_image_model().get_rendition_model().objects
    made_at_publication = renditions.count()
    cache.clear()

    for url in ("/", section.url, article.url, "/auteurs/signataire/", "/entites/mistral-ai/", "/flux/rss/"):
        assert client.get(url).status_code == 200, url
    assert renditions.count() == made_at_publication


def test_the_home_title_names_the_site_once_and_other_pages_end_with_it(client, home, section):
    identity = SiteIdentity.for_site(home.get_site())
    identity.name, identity.slogan = "La Gazette", "L'IA au quotidien"
    identity.save()

    def title(url):
        html = client.get(url).content.decode()
        return html[html.index("<title>") + 7 : html.index("</title>")]

    assert title("/") == "La Gazette – L’IA au quotidien"
    assert title(section.url).endswith(" – La Gazette") and title(section.url).count("La Gazette") == 1
