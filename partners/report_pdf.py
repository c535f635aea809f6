"""HTML to PDF with WeasyPrint, reading the site's stylesheets and fonts from disk, never the network.

A report's PDF is the same template as its page: `/static/…` URLs are read from the collected
static files (hashed names in production) or found by Django's static finders (the fonts shipped in
static/fonts/); any other URL is refused, so rendering a PDF makes no request, not even to our
own server.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

BASE_URL = "file:///"


def static_file(url: str) -> Path | None:
    """The file on disk behind a `file:///static/…` URL, or None."""
    prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
    if not url.startswith(prefix):
        return None
    name = url[len(prefix) :].split("?")[0].split("#")[0]
    if ".." in Path(name).parts:
        return None
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def _import_weasyprint():
    """WeasyPrint's HTML and URLFetcher, leaving Pillow's truncated-image policy as it was.

    Importing WeasyPrint sets `PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True` for the whole process:
    after one PDF report, the worker's upload checks would accept a truncated JPEG as a whole one.
    """
    from PIL import ImageFile

    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = strict
    return HTML, URLFetcher


def html_to_pdf(html: str) -> bytes:
    """The PDF bytes of `html` (root-relative `/static/…` links resolved locally)."""
    HTML, URLFetcher = _import_weasyprint()

    class LocalOnlyFetcher(URLFetcher):
        """Static files from disk, nothing else (no network, no other file)."""

        def fetch(self, url, headers=None):
            path = static_file(url)
            if path is None:
                raise ValueError(f"Ressource refusée dans un PDF : {url}")
            response = super().fetch(path.as_uri(), headers)
            # Relative URLs inside (a stylesheet's fonts) resolve against /static/, not the disk path.
            response.url = url
            return response

    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher(allowed_protocols=["file"])).write_pdf()
