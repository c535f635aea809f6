"""The reader's site in Chromium: consent before embeds, dark mode, and a walk of every page type
at desktop and phone widths in both themes (screenshots in test-artifacts/screenshots/reader/)."""

from django.core.management import call_command
from django.test import override_settings

from wagtail.embeds.embeds import get_embed

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage, SectionPage
from demo import factories
from live.models import LivePage
from newsroom.models import EmbedThumbnail
from pages.models import SimplePage
from tests.checkers import axe_violations
from tests.oembed_provider import VIDEO_URL

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LIGHT_PAPER, DARK_PAPER = "rgb(251, 250, 247)", "rgb(17, 19, 24)"


@pytest.fixture
def youtube_embed(local_oembed_provider):
    """The video as the editor adds it: Wagtail's oEmbed finder asks the (local) provider once, and
    our server copies the thumbnail it names (tests/oembed_provider.py)."""
    embed = get_embed(VIDEO_URL)
    assert EmbedThumbnail.objects.filter(embed=embed).exists()
    return embed


def _third_party(requests, base):
    return [url for url in requests if not url.startswith((base, "data:", "blob:"))]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_embed_loads_nothing_from_the_provider_before_the_readers_click(live_server, new_context, screenshot, youtube_embed):
    section = factories.make_section(title="Vidéos")
    body = [
        {"type": "paragraph", "value": "<p>Avant la vidéo.</p>"},
        {"type": "embed", "value": {"embed": VIDEO_URL, "caption": "Notre entretien"}},
    ]
    article = factories.make_article(section=section, title="Un entretien filmé", body=body)
    page = new_context().new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    button = page.get_by_role("button", name="Charger la vidéo (YouTube dépose des cookies)")
    expect(button).to_be_visible()
    assert page.locator("iframe").count() == 0
    # The thumbnail is shown, from our own server (the copy made when the editor added the video).
    thumbnail = page.locator(".embed__thumbnail")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    assert thumbnail.evaluate("img => img.currentSrc").startswith(live_server.url + "/media/images/")
    assert _third_party(requests, live_server.url) == []
    screenshot(page, "reader/embed-facade.png")

    # Offline machine: the player's request fails, but it is made, and only now.
    with page.expect_request(lambda request: "youtube-nocookie.com/embed/reader123" in request.url):
        button.click()
    frame = page.locator(".embed__frame iframe")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/reader123?feature=oembed&autoplay=1")
    assert all("youtube-nocookie.com" in url for url in _third_party(requests, live_server.url))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_embed_without_javascript_keeps_a_plain_link(live_server, new_context, youtube_embed):
    section = factories.make_section(title="Vidéos")
    article = factories.make_article(section=section, body=[{"type": "embed", "value": {"embed": VIDEO_URL, "caption": ""}}])
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + article.url)
    expect(page.get_by_role("link", name="Voir sur YouTube : Entretien avec une chercheuse")).to_have_attribute("href", VIDEO_URL)
    expect(page.locator(".embed__load")).to_be_hidden()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_dark_mode_follows_the_system_and_the_toggle_is_remembered_without_cookie(live_server, new_context, home):
    context = new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(live_server.url + "/")
    body = page.locator("body")
    expect(body).to_have_css("background-color", DARK_PAPER)

    page.get_by_role("button", name="Passer au thème clair").click()
    expect(body).to_have_css("background-color", LIGHT_PAPER)
    page.reload()
    # The choice applies before the first paint: set on <html> by the blocking head script.
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    expect(body).to_have_css("background-color", LIGHT_PAPER)
    expect(page.get_by_role("button", name="Passer au thème sombre")).to_be_visible()
    assert page.evaluate("localStorage.getItem('newsroom-theme')") == "light"
    assert context.cookies() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_reader_pages_in_both_themes_and_widths(live_server, new_context, screenshot):
    """Home, rubrique, article, live page, entity, search, legal page and 404: screenshots at 1280 and 390 px,
    light and dark; no horizontal scrolling on a phone; axe finds nothing serious in either theme."""
    call_command("load_demo", "--no-accounts", verbosity=0)
    story = ArticlePage.objects.get(slug="meta-superintelligence-acquisitions-recrutements")
    section = SectionPage.objects.get(slug="recherche-ia")
    legal = SimplePage.objects.get(slug="mentions-legales")
    urls = {
        "home": "/",
        "rubrique": section.url,
        "article": story.url,
        # The demo's keynote (demo/live_data.py): a finished direct with its updates.
        "live": LivePage.objects.live().get().url,
        "entity": "/entites/meta/",
        "search": "/recherche/?q=superintelligence",
        "legal": legal.url,
        "accessibility": SimplePage.objects.get(slug="accessibilite").url,
        "404": "/cette-page-n-existe-pas/",
    }
    problems, overflow = {}, {}
    for theme in ("light", "dark"):
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            # axe is injected as a script: the test browser lifts the CSP that would (rightly) block it.
            page = new_context(color_scheme=theme, viewport=viewport, bypass_csp=True).new_page()
            for name, url in urls.items():
                page.goto(live_server.url + url)
                expect(page.locator("body")).to_have_css("background-color", DARK_PAPER if theme == "dark" else LIGHT_PAPER)
                screenshot(page, f"reader/{name}-{width}-{theme}.png")
                if width == "phone" and page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
                    overflow[(name, theme)] = page.evaluate("document.documentElement.scrollWidth")
                if width == "desktop":
                    violations = axe_violations(page)
                    if violations:
                        problems[(name, theme)] = violations
    assert not overflow, overflow
    assert not problems, problems


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_identity_logo_and_rubrique_colours_apply_under_the_strict_csp(live_server, new_context, screenshot):
    """The logo chosen in « Identité du site » and a rubrique's own colours, read back from the
    page as Chromium renders it (CSP enforced: the colours come from /rubriques.css), both themes."""
    from newsroom.models import SiteIdentity

    section = factories.make_section(title="Robotique")
    factories.make_article(section=section, title="Un bras articulé apprend à plier le linge")
    section.colour_light, section.colour_dark = "#1f5c99", "#8fd0ff"
    section.save_revision().publish()
    identity = SiteIdentity.objects.get()
    identity.logo = factories.make_image(title="Logo maison", size=(320, 80))
    identity.save()
    for theme, colour in (("light", "#1f5c99"), ("dark", "#8fd0ff")):
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = new_context(color_scheme=theme, viewport=viewport).new_page()
            page.goto(live_server.url + "/")
            logo = page.locator("img.site-title__custom-logo")
            expect(logo).to_have_attribute("alt", identity.name)
            assert logo.evaluate("img => img.complete && img.naturalWidth") == 320
            tone = page.locator(f".site-nav li.rubrique-{section.pk}").evaluate(
                "li => getComputedStyle(li).getPropertyValue('--tone').trim()"
            )
            assert tone == colour
            screenshot(page, f"reader/identity-{width}-{theme}.png")
