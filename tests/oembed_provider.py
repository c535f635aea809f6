"""A local stand-in for YouTube: its oEmbed endpoint and its thumbnail host, over real HTTP.

The test network cannot reach YouTube. This server answers the same oEmbed request Wagtail's
finder sends (WAGTAILEMBEDS_FINDERS points the YouTube URL pattern at it) and serves the
thumbnail its answer names; `fetch_from_local_provider` is the thumbnail fetcher the tests name
in NEWSROOM_EMBED_THUMBNAIL_FETCHER (the default only reaches the providers' HTTPS image hosts).
"""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from newsroom.embed_thumbnails import download

VIDEO_URL = "https://www.youtube.com/watch?v=reader123"
POISONED_VIDEO_URL = "https://www.youtube.com/watch?v=poisoned1"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (480, 360), (200, 60, 40)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class Provider:
    """The running server: `url`, the paths it was asked for (`hits`), the finder settings."""

    def __init__(self):
        self.hits: list[str] = []
        self.jpeg = _jpeg()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = urlsplit(self.path).path
                provider.hits.append(path)
                if path == "/oembed":
                    video = parse_qs(urlsplit(self.path).query)["url"][0].rsplit("=", 1)[-1]
                    self._send("application/json", json.dumps(provider.answer(video)).encode())
                elif path == "/vi/reader123/hqdefault.jpg":
                    self._send("image/jpeg", provider.jpeg)
                elif path == "/vi/poisoned1/hqdefault.jpg":
                    # An « image » that is a web page: the safe-upload checks must refuse it.
                    self._send("image/jpeg", b"<html><script>alert(1)</script></html>")
                else:
                    self.send_error(404)

            def _send(self, content_type, body):
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, video: str) -> dict:
        """YouTube's oEmbed answer, with the thumbnail on this server."""
        return {
            "type": "video",
            "version": "1.0",
            "title": "Entretien avec une chercheuse",
            "provider_name": "YouTube",
            "width": 640,
            "height": 360,
            "html": f'<iframe title="Entretien" src="https://www.youtube.com/embed/{video}?feature=oembed"></iframe>',
            "thumbnail_url": f"{self.url}/vi/{video}/hqdefault.jpg",
            "thumbnail_width": 480,
            "thumbnail_height": 360,
        }

    @property
    def finders(self) -> list:
        """WAGTAILEMBEDS_FINDERS: Wagtail's own oEmbed finder, YouTube's URLs sent to this server."""
        return [
            {
                "class": "wagtail.embeds.finders.oembed",
                "providers": [{"endpoint": f"{self.url}/oembed", "urls": [r"^https://www\.youtube\.com/watch.+$"]}],
            }
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def fetch_from_local_provider(url: str) -> bytes | None:
    """The thumbnail fetcher of the tests: plain HTTP, loopback only."""
    if urlsplit(url).hostname != "127.0.0.1":
        return None
    return download(url)
