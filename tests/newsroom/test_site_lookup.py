"""The request's Wagtail site from each process's memory (newsroom/site_lookup.py), and routing from
the chrome's home page (articles/chrome.py): no query for either, and never an outdated answer."""

from django.core.cache import cache
from django.test import RequestFactory

from wagtail.models import Site

import pytest

from demo import factories
from newsroom import site_lookup

pytestmark = pytest.mark.django_db


def request_for(host: str):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_the_site_is_asked_once_then_remembered(home, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = site_lookup.site_for_request(request_for("localhost"))
    with django_assert_num_queries(0):
        again = site_lookup.site_for_request(request_for("localhost"))
    assert first.pk == again.pk == Site.objects.get(is_default_site=True).pk
    assert again.root_page_id == home.pk
    # Each request gets its own instance: what one attaches to it never reaches the next.
    assert again is not first


def test_a_saved_site_is_asked_again(home, section):
    assert site_lookup.site_for_request(request_for("rubrique.example.com")).root_page_id == home.pk
    Site.objects.create(hostname="rubrique.example.com", port=80, root_page=section, site_name="Rubrique")
    assert site_lookup.site_for_request(request_for("rubrique.example.com")).root_page_id == section.pk
    Site.objects.filter(hostname="rubrique.example.com").delete()  # a queryset delete sends post_delete too
    assert site_lookup.site_for_request(request_for("rubrique.example.com")).root_page_id == home.pk


def test_a_version_written_by_another_process_is_followed(home, django_assert_num_queries):
    site_lookup.site_for_request(request_for("localhost"))
    # What another process writes in the shared cache when it saves a Site (the gunicorn test of
    # tests/newsroom/test_stale_pages_across_processes.py does it from `manage.py shell`).
    cache.set(site_lookup.VERSION_KEY, 1, None)
    with django_assert_num_queries(1):
        site_lookup.site_for_request(request_for("localhost"))


def test_another_site_is_served_from_its_own_root(client, section, settings):
    settings.ALLOWED_HOSTS = ["*"]
    factories.make_article(section=section, title="Le modèle ouvert")
    Site.objects.create(hostname="business.example.com", port=80, root_page=section, site_name="Business")
    response = client.get("/", HTTP_HOST="business.example.com")
    assert response.status_code == 200
    assert "<title>Business" in response.content.decode()


def test_pages_route_from_the_chromes_home_page_and_a_site_change_purges_them(client, section, settings):
    settings.NEWSROOM_PAGE_CACHE = True
    article = factories.make_article(section=section, title="Le modèle ouvert")
    assert client.get(article.url)["X-Cache"] == "MISS"
    assert client.get(article.url)["X-Cache"] == "HIT"

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Nouveau nom"
    site.save()
    response = client.get(article.url)
    assert response.status_code == 200
    assert response["X-Cache"] == "MISS"
    assert "Le modèle ouvert" in response.content.decode()
