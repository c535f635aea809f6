"""An embed's thumbnail is fetched once, on our server, when the editor adds the block, checked
like an upload, kept as a local image and shown in the facade (a real oEmbed finder and image host
on a local HTTP server: tests/oembed_provider.py)."""

from wagtail.embeds.embeds import get_embed
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import streamfield

from PIL import Image as PILImage

from articles.models import ArticlePage
from demo import factories
from newsroom.embed_thumbnails import COLLECTION, fetch_from_provider
from newsroom.models import EmbedThumbnail
from tests.admin_forms import article_form
from tests.oembed_provider import POISONED_VIDEO_URL, VIDEO_URL


def test_thumbnail_is_fetched_once_when_the_journalist_saves_and_shown_from_our_server(
    client, journalist, section, author, local_oembed_provider
):
    client.force_login(journalist)
    body = streamfield([("embed", {"embed": VIDEO_URL, "caption": "Notre entretien"})])
    response = client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", article_form(author, body=body))
    assert response.status_code == 302, response.content.decode()[:2000]

    stored = EmbedThumbnail.objects.select_related("image__collection", "embed").get()
    assert stored.embed.url == VIDEO_URL
    assert stored.image.collection.name == COLLECTION
    with stored.image.file.open() as file, PILImage.open(file) as picture:
        assert picture.size == (480, 360)
    assert local_oembed_provider.hits.count("/vi/reader123/hqdefault.jpg") == 1

    # A second article with the same video reuses Wagtail's stored answer and our copy.
    get_embed(VIDEO_URL)
    factories.make_article(section=section, body=[{"type": "embed", "value": {"embed": VIDEO_URL, "caption": ""}}])
    assert local_oembed_provider.hits.count("/vi/reader123/hqdefault.jpg") == 1
    assert EmbedThumbnail.objects.count() == 1

    article = ArticlePage.objects.get(slug="pari-de-meta")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert 'class="embed__thumbnail" src="/media/images/' in html
    assert local_oembed_provider.url not in html and "ytimg" not in html


def test_a_thumbnail_that_is_not_an_image_is_refused_and_the_facade_stays_drawn(client, section, local_oembed_provider):
    images_before = get_image_model().objects.count()
    article = factories.make_article(section=section, body=[{"type": "embed", "value": {"embed": POISONED_VIDEO_URL, "caption": ""}}])
    get_embed(POISONED_VIDEO_URL)

    assert local_oembed_provider.hits.count("/vi/poisoned1/hqdefault.jpg") == 1
    assert not EmbedThumbnail.objects.exists()
    assert get_image_model().objects.count() == images_before
    html = client.get(article.url).content.decode()
    assert "Charger la vidéo (YouTube dépose des cookies)" in html
    assert "embed__thumbnail" not in html


def test_default_fetcher_reaches_only_the_providers_image_hosts_over_https(oembed_provider):
    provider = oembed_provider
    provider.hits.clear()
    assert fetch_from_provider(f"{provider.url}/vi/reader123/hqdefault.jpg") is None
    assert fetch_from_provider("https://127.0.0.1/vi/reader123/hqdefault.jpg") is None
    assert fetch_from_provider("http://i.ytimg.com/vi/reader123/hqdefault.jpg") is None
    assert provider.hits == []
