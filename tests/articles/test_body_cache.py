"""The article body rendered once per version and kept in the shared cache (articles/body_cache.py):
served from it, replaced by a new revision or a renamed « Lire aussi » target, never a draft."""

from django.core.cache import cache

import pytest

from articles.body_cache import cached_body
from demo import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Renders, not full-page cache hits."""
    settings.NEWSROOM_PAGE_CACHE = False


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def render(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response.content.decode(), response.context["body_key"]


def test_second_render_comes_from_the_cache_and_a_new_revision_replaces_it(client, section):
    cache.clear()
    article = factories.make_article(section=section, title="Les puces", body=[paragraph("Premier texte : court.")])

    page, key = render(client, article)
    # Typography is part of what is stored: a no-break space before the colon.
    assert "Premier texte\u00a0: court." in page
    assert cached_body(key)[0] == "<p>Premier texte\u00a0: court.</p>"

    # A second render reads the stored HTML (tampered with here to prove it) instead of rendering.
    cache.set(key, ("<p>Depuis le cache.</p>", 2))
    assert "Depuis le cache." in render(client, article)[0]

    article.body = [paragraph("Second texte.")]
    article.save_revision().publish()
    page, new_key = render(client, article)
    assert new_key != key and "Second texte." in page and "Depuis le cache." not in page


def test_a_draft_preview_is_never_served_to_readers(client, section):
    cache.clear()
    article = factories.make_article(section=section, title="Les puces", body=[paragraph("Texte publié.")])
    render(client, article)
    article.body = [paragraph("Brouillon secret.")]
    article.save_revision()

    # Wagtail's preview renders the draft through the same get_context (and caches it, under a key
    # of its own text).
    preview = article.get_latest_revision_as_object().make_preview_request()
    assert "Brouillon secret." in preview.rendered_content

    page, _key = render(client, article)
    assert "Texte publié." in page and "Brouillon secret." not in page


def test_renaming_a_read_also_target_renders_the_body_again(client, section):
    cache.clear()
    target = factories.make_article(section=section, title="Ancien titre du lien")
    article = factories.make_article(
        section=section, title="Sujet", body=[{"type": "read_also", "value": {"article": target.pk, "label": ""}}]
    )
    assert "Ancien titre du lien" in render(client, article)[0]

    target.title = "Nouveau titre du lien"
    target.save_revision().publish()

    assert "Nouveau titre du lien" in render(client, article)[0]
