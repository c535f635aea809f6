"""Every JSON-LD block parses, and the home and article pages describe themselves to search engines."""

import json
import re

import pytest

from demo import factories

pytestmark = pytest.mark.django_db


def json_ld_blocks(html):
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]


def test_home_declares_the_website_and_its_search_action(client, section):
    factories.make_article(section=section)

    blocks = json_ld_blocks(client.get("/").content.decode())

    website = next(block for block in blocks if block["@type"] == "WebSite")
    assert website["inLanguage"] == "fr"
    assert website["potentialAction"]["target"]["urlTemplate"] == "http://testserver/recherche/?q={search_term_string}"


def test_article_has_a_breadcrumb_home_section_article(client, section):
    article = factories.make_article(section=section, title='L\'IA : le "pari" </script><b>')

    blocks = json_ld_blocks(client.get(article.url).content.decode())

    breadcrumb = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    names = [item["name"] for item in breadcrumb["itemListElement"]]
    assert names == ["Accueil", "Business", 'L\'IA : le "pari" </script><b>']
    assert breadcrumb["itemListElement"][2]["item"] == "http://testserver" + article.url


def test_every_page_has_the_search_form_and_open_graph_basics(client, section, author):
    article = factories.make_article(section=section, authors=[author], tags=["IA"])

    for url in ("/", section.url, article.url, f"/auteurs/{author.slug}/", "/tags/ia/", "/entites/"):
        html = client.get(url).content.decode()
        assert '<form class="site-search" role="search" action="/recherche/" method="get">' in html, url
        assert html.count('property="og:site_name"') == 1 and 'content="fr_FR"' in html, url
        for block in json_ld_blocks(html):
            assert block["@context"] == "https://schema.org"


def test_every_page_type_has_one_set_of_social_tags_and_its_own_title_and_description(client, section, author):
    article = factories.make_article(section=section, title="Un titre d'article", chapo="Un chapô : précis.", authors=[author], tags=["IA"])
    factories.make_entity(name="Meta", slug="meta", description="Groupe américain.")
    urls = ["/", section.url, article.url, f"/auteurs/{author.slug}/", "/tags/ia/", "/entites/", "/entites/meta/"]
    titles, descriptions = set(), set()
    for url in urls:
        html = client.get(url).content.decode()
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:image"', 'property="og:url"', 'name="twitter:card"'):
            assert html.count(tag) == 1, (url, tag)
        image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
        assert image.startswith("http://testserver/"), url
        titles.add(re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1).strip())
        descriptions.add(re.search(r'<meta name="description" content="([^"]*)"', html).group(1))
    assert len(titles) == len(urls)
    assert len(descriptions) == len(urls)
