"""The thumbnail of a video embed, fetched once on our server and kept as a local image.

When an editor adds a YouTube or Vimeo block, Wagtail asks the provider's oEmbed endpoint once and
stores the answer (`wagtail.embeds.models.Embed`, with its `thumbnail_url`). Right after that row
is saved, `store_thumbnail` downloads the picture, puts it through the same checks as an uploaded
image (the form of WAGTAILIMAGES_IMAGE_FORM_BASE: real decode, hidden markup, polyglots, size) and
keeps it as a Wagtail image in the « Vignettes de vidéos » collection. The facade then shows our
own rendition: the reader's browser asks the provider for nothing before the click.

The download is done by the callable named in NEWSROOM_EMBED_THUMBNAIL_FETCHER (tests point it at
a local HTTP server; the default only reaches the providers' image hosts over HTTPS).
"""

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.module_loading import import_string

from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Collection

from newsroom.models import EmbedThumbnail

logger = logging.getLogger(__name__)

COLLECTION = "Vignettes de vidéos"
# The image hosts of the providers whose player the CSP lets in (newsroom/embeds.py).
PROVIDER_IMAGE_HOSTS = {"i.ytimg.com", "img.youtube.com", "i.vimeocdn.com"}
MAX_BYTES = 2 * 1024 * 1024
TIMEOUT = 5


def download(url: str, *, max_bytes: int = MAX_BYTES, timeout: int = TIMEOUT) -> bytes | None:
    """The body of `url` (None when it fails or is larger than `max_bytes`): no redirect to elsewhere."""
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom thumbnail fetcher"})  # noqa: S310 - scheme checked by callers
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if urlsplit(response.geturl()).hostname != urlsplit(url).hostname:
                return None
            data = response.read(max_bytes + 1)
    except OSError as error:
        logger.warning("embed thumbnail not fetched", extra={"url": url, "error": str(error)})
        return None
    return data if len(data) <= max_bytes else None


def fetch_from_provider(url: str) -> bytes | None:
    """Default fetcher: HTTPS only, and only from the known providers' image hosts (no SSRF)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in PROVIDER_IMAGE_HOSTS:
        return None
    return download(url)


def _fetcher():
    return import_string(settings.NEWSROOM_EMBED_THUMBNAIL_FETCHER)


def store_thumbnail(embed: Embed) -> EmbedThumbnail | None:
    """Fetch `embed`'s thumbnail once and keep it as a checked local image (None when refused)."""
    if not embed.thumbnail_url or EmbedThumbnail.objects.filter(embed=embed).exists():
        return None
    data = _fetcher()(embed.thumbnail_url)
    if not data:
        return None
    from wagtail.images.forms import get_image_form  # admin forms: not at import time

    collection = _collection()
    name = (urlsplit(embed.thumbnail_url).path.rsplit("/", 1)[-1] or "vignette")[:60]
    form = get_image_form(get_image_model())(
        data={"title": f"Vignette : {embed.title or embed.url}"[:255], "collection": collection.pk},
        files={"file": SimpleUploadedFile(name, data)},
    )
    if not form.is_valid():
        # A file that is not a clean image is dropped: the facade keeps its drawn background.
        logger.warning("embed thumbnail refused", extra={"url": embed.thumbnail_url, "errors": form.errors.get_json_data()})
        return None
    image = form.save(commit=False)
    image.collection = collection
    image.save()
    return EmbedThumbnail.objects.create(embed=embed, image=image)


def _collection() -> Collection:
    found = Collection.objects.filter(name=COLLECTION).first()
    return found or Collection.get_first_root_node().add_child(name=COLLECTION)


def thumbnail_of(embed: Embed | None):
    """The stored image of `embed`'s thumbnail, or None."""
    if embed is None or embed.pk is None:
        return None
    # Renditions prefetched: the facade's one rendition costs no query of its own.
    found = EmbedThumbnail.objects.filter(embed=embed).select_related("image").prefetch_related("image__renditions").first()
    return found.image if found else None


def on_embed_saved(sender, instance, created=False, **kwargs):
    """post_save of Wagtail's Embed: fetch when the editor's new embed is first stored.

    Wagtail saves the row twice (update_or_create, then save): only its creation fetches, so a
    refused or unreachable thumbnail is asked for once, not at every later save.
    """
    if created:
        store_thumbnail(instance)
