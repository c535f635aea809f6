"""The « Page simple » type, the demo's legal pages, the footer links and the French 404."""

import re
from io import StringIO

from django.core.management import call_command

import pytest
from defusedxml import ElementTree

from demo.legal_pages import LEGAL_PAGES
from pages.models import LegalInformation, SimplePage

pytestmark = pytest.mark.django_db

LEGAL_TITLES = ["Mentions légales", "Déclaration d’accessibilité", "Politique de confidentialité", "Contact"]


def _text(response) -> str:
    return response.content.decode()


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_a_new_simple_page_appears_in_the_footer_and_leaves_it_when_unpublished(client, home):
    assert "Plan du site" not in _footer(_text(client.get("/")))
    page = SimplePage(title="Plan du site", slug="plan-du-site", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()

    assert f'<a href="{page.url}">Plan du site</a>' in _footer(_text(client.get("/")))
    assert client.get(page.url).status_code == 200

    page.unpublish()
    assert "Plan du site" not in _footer(_text(client.get("/")))
    assert client.get("/plan-du-site/").status_code == 404


@pytest.mark.parametrize("debug", [False, True])
def test_page_not_found_is_french_and_responsive_with_and_without_debug(client, settings, home, debug):
    settings.DEBUG = debug
    response = client.get("/cette-page-n-existe-pas/")
    html = _text(response)
    assert response.status_code == 404
    assert "Cette page est introuvable" in html and '<html lang="fr">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "Page not found" not in html and "URLconf" not in html


def test_debug_keeps_the_technical_page_on_request(client, settings, home):
    settings.DEBUG = True
    settings.NEWSROOM_TECHNICAL_404 = True
    assert "URLconf" in _text(client.get("/cette-page-n-existe-pas/"))


def test_feeds_carry_a_browser_stylesheet_and_stay_valid_feeds(client, home):
    rss = client.get("/flux/rss/")
    assert rss.status_code == 200
    assert re.search(rb'<\?xml-stylesheet href="/static/feeds/rss.xsl"[^>]* type="text/xsl"\?>', rss.content)
    assert ElementTree.fromstring(rss.content).tag == "rss"
    atom = client.get("/flux/atom/")
    assert re.search(rb'<\?xml-stylesheet href="/static/feeds/atom.xsl"[^>]* type="text/xsl"\?>', atom.content)
    assert ElementTree.fromstring(atom.content).tag == "{http://www.w3.org/2005/Atom}feed"
    stylesheet = client.get("/static/feeds/rss.xsl")
    assert stylesheet.status_code == 200
    ElementTree.fromstring(b"".join(stylesheet.streaming_content))  # well-formed XSLT, from our origin


# The tests below share the demo, loaded once for the module (tests/conftest.py `demo_newsroom`):
# they come last so that the tests above run without it.


@pytest.fixture
def demo(db, demo_newsroom):
    """The demo's pages, loaded once for the module (tests/conftest.py)."""


def test_load_demo_creates_the_legal_pages_once(demo):
    assert sorted(SimplePage.objects.live().values_list("slug", flat=True)) == sorted(spec["slug"] for spec in LEGAL_PAGES)
    call_command("load_demo", "--no-accounts", stdout=StringIO())
    assert SimplePage.objects.count() == len(LEGAL_PAGES)


def test_every_page_links_to_the_legal_pages_from_its_footer(client, demo):
    for url in ["/", "/business/", "/recherche-ia/", "/entites/", "/recherche/?q=Meta", "/cette-page-n-existe-pas/"]:
        footer = _footer(_text(client.get(url)))
        for page in SimplePage.objects.all():
            assert f'href="{page.url}"' in footer, (url, page.slug)
        for title in LEGAL_TITLES:
            assert title in footer, (url, title)


def test_legal_notice_names_publisher_director_and_host_from_the_settings(client, demo, home):
    page = SimplePage.objects.get(slug="mentions-legales")
    html = _text(client.get(page.url))
    # The demo knows no company: each missing field is a visible placeholder, never invented.
    assert "Directeur ou directrice de la publication" in html and "Hébergeur" in html
    assert "[À compléter : nom de l’hébergeur]" in html
    assert re.search(r"Dernière mise à jour le <time datetime=\"\d{4}-\d{2}-\d{2}\">", html)

    legal = LegalInformation.for_site(home.get_site())
    legal.publisher, legal.publication_director, legal.host = "Newsroom Médias SAS", "Marc Lefèvre", "Hébergeur Exemple SAS"
    legal.save()
    page.save_revision().publish()  # purges the page (and every footer)
    html = _text(client.get(page.url))
    assert "Newsroom Médias SAS" in html and "Marc Lefèvre" in html and "Hébergeur Exemple SAS" in html
    assert "[À compléter : nom de l’hébergeur]" not in html


def test_accessibility_statement_tells_the_state_and_the_recourse(client, demo):
    html = _text(client.get(SimplePage.objects.get(slug="accessibilite").url))
    assert "partiellement conforme" in html and "Défenseur des droits" in html and "axe-core" in html
    assert '<nav class="toc"' in html  # a table of contents from its sub-headings
    assert 'href="#etat-de-conformite"' in html and 'id="etat-de-conformite"' in html


def test_every_navigation_link_opens_its_own_page(client, demo):
    """The « Recherche » rubrique opens the rubrique, not an empty search form (the old clash)."""
    html = _text(client.get("/"))
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>", html.index('<nav class="site-nav"'))]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert ("/recherche-ia/", "Recherche") in links
    for href in {href for href, _ in links} | set(re.findall(r'href="(/[^"]*)"', _footer(html))):
        response = client.get(href)
        assert response.status_code == 200, href
    rubrique = _text(client.get("/recherche-ia/"))
    assert re.search(r"<h1>\s*Recherche\s*</h1>", rubrique) and 'class="search-form"' not in rubrique
