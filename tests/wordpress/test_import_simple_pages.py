"""WordPress pages become « page simple » pages when the site has that type (the reader's `pages` app)."""

import io

from django.core.management import call_command

from wagtail import blocks
from wagtail.contrib.redirects.models import Redirect

import pytest

from tests.wordpress.wxr import SITE, Post, write_export
from wordpress.importer import simple_page_model
from wordpress.models import ImportedItem
from wordpress.writer import simple_stream

ARTICLE_BLOCKS = [
    {"type": "paragraph", "value": '<p>Le site est édité par <a href="https://exemple.fr">une société</a>, <sup>1</sup>.</p>'},
    {"type": "heading", "value": {"text": "Hébergeur", "level": "h2"}},
    {"type": "quote", "value": {"quote": "Nous répondons sous 48 heures.", "attribution": "La rédaction"}},
    {"type": "embed", "value": {"embed": "https://vimeo.com/1", "caption": ""}},
]


class PageBody(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    subheading = blocks.CharBlock()


def test_article_blocks_map_onto_another_page_types_stream():
    notes = []
    stream = simple_stream(PageBody(), ARTICLE_BLOCKS, notes)
    assert [block["type"] for block in stream] == ["text", "subheading", "text"]
    assert stream[1]["value"] == "Hébergeur"
    assert '<a href="https://exemple.fr">une société</a>' in stream[0]["value"] and "<sup>" not in stream[0]["value"]
    assert "Nous répondons sous 48 heures.\u00a0» — La rédaction" in stream[2]["value"]
    assert "Blocs sans équivalent dans une page simple supprimés : embed." in notes


def test_wordpress_page_becomes_a_simple_page_with_its_redirects(db, home, tmp_path, client):
    model = simple_page_model()
    if model is None:
        pytest.skip("le site n'a pas de type « page simple » (app pages du flux reader)")
    page = Post(
        9,
        "Qui sommes-nous",
        post_type="page",
        slug="qui-sommes-nous",
        categories=[],
        link=f"{SITE}/qui-sommes-nous/",
        content="<p>Une rédaction indépendante.</p><h2>Nous écrire</h2><p>Par courrier.</p>",
    )
    out = io.StringIO()
    call_command(
        "import_wordpress", str(write_export(tmp_path, [page])), "--report", str(tmp_path / "r.csv"), stdout=out, stderr=io.StringIO()
    )
    simple = ImportedItem.objects.get(wp_id=9).page.specific
    assert isinstance(simple, model) and simple.live and simple.get_parent().pk == home.pk
    assert "Une rédaction indépendante." in str(simple.body.raw_data)
    assert set(Redirect.objects.filter(redirect_page=simple).values_list("old_path", flat=True)) == {"/?p=9", "/?page_id=9"}
    assert client.get("/?page_id=9")["Location"] == simple.url
    assert "pages simples créées : 1" in out.getvalue().replace("\u00a0", " ")
