"""Consent before third-party embeds: what the facade shows, and the player address to load.

A video block never renders the provider's iframe. It renders a facade (provider, title, a
button naming who sets cookies, and a plain link for readers without JavaScript); the player is
created by static/js/embeds.js only when the reader clicks. Until then the page makes no request
to the provider: no iframe, no thumbnail from its servers (ours is a local copy made when the
editor added the block: newsroom/embed_thumbnails.py), no script.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Players the public CSP lets into a frame (newsroom/security.py, frame-src). Any other embed
# keeps only its link: we never frame an address the policy would refuse anyway.
PLAYER_HOSTS = {"www.youtube-nocookie.com", "www.youtube.com", "youtube.com", "player.vimeo.com"}
# YouTube's cookie-less player sets no cookie until the video plays.
NOCOOKIE_HOSTS = {"www.youtube.com": "www.youtube-nocookie.com", "youtube.com": "www.youtube-nocookie.com"}


class _IframeSource(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src = None
        self.title = None

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and self.src is None:
            values = dict(attrs)
            self.src, self.title = values.get("src"), values.get("title")


@dataclass(frozen=True)
class Facade:
    """What the reader sees before agreeing: who provides the content, its title, where it lives."""

    provider: str
    title: str
    url: str
    player_src: str | None
    is_video: bool
    thumbnail: object = None  # the local copy of the provider's thumbnail (a Wagtail image), if any

    @property
    def button_label(self) -> str:
        """« Charger la vidéo (YouTube dépose des cookies) »: the cost said before the click."""
        what = "la vidéo" if self.is_video else "le contenu"
        return f"Charger {what} ({self.provider} dépose des cookies)"


def player_src(html: str) -> tuple[str | None, str | None]:
    """The iframe address of an oEmbed answer (cookie-less host, autoplay on load), and its title."""
    parser = _IframeSource()
    parser.feed(html or "")
    if not parser.src:
        return None, parser.title
    parts = urlsplit(parser.src)
    if parts.scheme != "https" or parts.hostname not in PLAYER_HOSTS:
        return None, parser.title
    host = NOCOOKIE_HOSTS.get(parts.hostname, parts.hostname)
    # The reader clicked « Charger »: start playing, rather than ask for a second click.
    query = urlencode([*parse_qsl(parts.query), ("autoplay", "1")])
    return urlunsplit(("https", host, parts.path, query, "")), parser.title


def facade_for(embed_value) -> Facade | None:
    """The facade of an EmbedBlock value (None for an empty block)."""
    if not embed_value:
        return None
    from wagtail.embeds.embeds import get_embed
    from wagtail.embeds.exceptions import EmbedException

    url = getattr(embed_value, "url", "") or ""
    try:
        # Wagtail's stored copy of the provider's oEmbed answer (fetched once, when the editor
        # added the block): rendering reads the database, never the provider.
        embed = get_embed(url, getattr(embed_value, "max_width", None), getattr(embed_value, "max_height", None))
    except EmbedException:
        embed = None
    html = getattr(embed, "html", "") or ""
    src, iframe_title = player_src(html)
    provider = getattr(embed, "provider_name", "") or (urlsplit(url).hostname or "un site tiers").removeprefix("www.")
    title = getattr(embed, "title", "") or iframe_title or "Contenu intégré"
    from newsroom.embed_thumbnails import thumbnail_of

    return Facade(
        provider=provider,
        title=title,
        url=url,
        player_src=src,
        is_video=getattr(embed, "type", "video") == "video",
        thumbnail=thumbnail_of(embed),
    )
