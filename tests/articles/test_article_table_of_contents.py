"""Long articles get a « Sommaire » built from their intertitres (newsroom/outline.py, shared with
the simple pages): every link lands on exactly one heading, even with repeated or reserved texts."""

import re
from collections import Counter

from demo import factories


def _heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def test_long_article_has_a_table_of_contents_whose_links_all_land(client, section):
    body = [
        _heading("Des acquisitions avortées"),
        _paragraph("Trois jeunes pousses ont dit non."),
        _heading("Le cas de SSI", "h3"),
        _paragraph("Ilya Sutskever a décliné."),
        _heading("Recruter à prix d'or"),
        _paragraph("Une autre méthode."),
        _heading("Sources"),  # the id of the article's own « Sources » section is taken
        _heading("Recruter à prix d'or"),  # the same text twice
    ]
    article = factories.make_article(section=section, body=body)
    html = client.get(article.url).content.decode()

    toc = re.search(r'<nav class="toc" aria-labelledby="sommaire">(.*?)</nav>', html, re.DOTALL).group(1)
    links = re.findall(r'href="#([^"]+)"', toc)
    assert links == ["des-acquisitions-avortees", "le-cas-de-ssi", "recruter-a-prix-dor", "sources-2", "recruter-a-prix-dor-2"]
    assert '<li class="toc__sub"><a href="#le-cas-de-ssi">Le cas de SSI</a></li>' in toc
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    for anchor in links:
        assert ids[anchor] == 1, anchor
    assert '<h3 id="le-cas-de-ssi">' in html
    assert "Recruter à prix d’or" in toc  # French typography in the table too


def test_short_article_has_no_table_of_contents_but_anchored_headings(client, section):
    article = factories.make_article(section=section, body=[_heading("Un"), _paragraph("Texte."), _heading("Deux")])
    html = client.get(article.url).content.decode()
    assert 'class="toc"' not in html
    assert '<h2 id="un">Un</h2>' in html and '<h2 id="deux">Deux</h2>' in html
