"""Every body block explains itself in the block picker and renders a live preview."""

import pytest

from articles.blocks import ArticleBodyBlock
from demo import factories
from demo.partner_factories import make_partner

pytestmark = pytest.mark.django_db

BLOCKS = ArticleBodyBlock().child_blocks


@pytest.mark.parametrize("name", list(BLOCKS))
def test_block_has_a_french_description_icon_and_template(name):
    block = BLOCKS[name]
    assert block.meta.description and block.meta.icon and block.meta.template.endswith(".html")
    assert block.meta.preview_value is not None


@pytest.mark.parametrize("name", list(BLOCKS))
def test_block_preview_renders_in_the_admin(client, superuser, section, name):
    factories.make_image()
    factories.make_article(section=section, title="Un article publié")
    make_partner(name="stereance.com")
    client.force_login(superuser)

    response = client.get("/admin/block-preview/", {"id": BLOCKS[name].definition_prefix})

    assert response.status_code == 200
    html = response.content.decode()
    assert "css/site.css" in html
    expected = {
        "paragraph": "jeunes pousses",
        "heading": '<h2 id="des-acquisitions-avortees">Des acquisitions avortées</h2>',
        "quote": "<blockquote>",
        "image": "<img",
        "embed": "Une vidéo intégrée",
        "read_also": "Un article publié",
        "partner_strip": "stereance.com",
    }[name]
    assert expected in html
