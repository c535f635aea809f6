"""Identity in « Paramètres › Identité du site » and per rubrique: the logo, the rubriques' colours."""

from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from articles.models import SectionPage
from demo import factories
from newsroom.cache_purge import paths_purged
from newsroom.models import SiteIdentity

pytestmark = pytest.mark.django_db

LIGHT, DARK = "#1f5c99", "#8fd0ff"


@pytest.fixture
def purged():
    """Every path purged during the test."""
    seen = set()

    def record(sender, paths, **kwargs):
        seen.update(paths)

    paths_purged.connect(record)
    yield seen
    paths_purged.disconnect(record)


def test_a_logo_chosen_in_the_settings_replaces_the_default_in_the_header(client, editor, home):
    logo = factories.make_image(title="Logo maison", size=(320, 80))
    site = Site.objects.get(is_default_site=True)
    assert "logo.svg" in client.get("/").text

    client.force_login(editor)
    response = client.post(
        f"/admin/settings/newsroom/siteidentity/{site.pk}/",
        {"name": "Newsroom", "slogan": "Réinventez demain avec l'IA", "description": "", "logo": logo.pk},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert SiteIdentity.for_site(site).logo_id == logo.pk
    client.logout()

    header = client.get("/").text.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    rendition = logo.get_rendition("height-80")
    assert f'<img class="site-title__custom-logo" src="{rendition.url}" alt="Newsroom" width="320" height="80">' in header
    assert "logo.svg" not in header

    # Deleting the image falls back to the shipped logo at once (the chrome and pages are purged).
    get_image_model().objects.filter(pk=logo.pk).delete()
    assert "logo.svg" in client.get("/").text


def test_a_rubrique_colour_is_served_by_the_stylesheet_and_purged(client, section, purged):
    home_html = client.get("/").text
    assert '<link rel="stylesheet" href="/rubriques.css">' in home_html
    assert f"rubrique-{section.pk}" in home_html
    before = client.get("/rubriques.css")
    assert before.status_code == 200 and before["Content-Type"] == "text/css; charset=utf-8"
    assert f".rubrique-{section.pk}" not in before.text
    # Kept by the shared page cache, with an ETag.
    assert client.get("/rubriques.css", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304

    section.colour_light, section.colour_dark = LIGHT, DARK
    section.save_revision().publish()

    assert "/rubriques.css" in purged
    after = client.get("/rubriques.css")
    assert after["ETag"] != before["ETag"]
    assert f".rubrique-{section.pk} {{ --tone: {LIGHT}; }}" in after.text
    assert f':root[data-theme="dark"] .rubrique-{section.pk} {{ --tone: {DARK}; }}' in after.text
    assert f':root:not([data-theme="light"]) .rubrique-{section.pk} {{ --tone: {DARK}; }}' in after.text


@pytest.mark.parametrize(
    ("light", "dark", "field", "message"),
    [
        ("rouge", DARK, "colour_light", "Saisissez une couleur au format hexadécimal « #rrvvbb »"),
        ("#ffcc00", DARK, "colour_light", "Contraste insuffisant sur le fond du thème clair : 1,30:1"),
        (LIGHT, "#1f5c99", "colour_dark", "Contraste insuffisant sur le fond du thème sombre"),
        (LIGHT, "", "colour_dark", "Donnez une couleur pour chacun des deux thèmes, ou aucune."),
    ],
)
def test_a_bad_rubrique_colour_is_refused_in_french(client, editor, section, light, dark, field, message):
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": section.title,
            "slug": section.slug,
            "intro": "",
            "colour_light": light,
            "colour_dark": dark,
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{section.pk}/edit/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert SectionPage.objects.get(pk=section.pk).colour_light == ""
