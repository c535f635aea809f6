"""The guides: one Markdown file per guide in docs/guides/ (adding a guide is adding a file).

Markdown files rather than Wagtail pages: a guide changes with the code it describes, so it lives
in the repository, is reviewed with that code, and is checked by the tests (every screenshot it
names must be made by a browser test: tests/guides/). A guide starts with `# Title`, then a line
`Pour : <who>`; images are written `![texte](captures/<name>.png)`, read from NEWSROOM_GUIDE_SCREENSHOTS (the
`guides/` folder the browser tests save into) or else from the copies committed in
docs/guides/captures/ (`make guide-images` refreshes them from the last test run).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from markdown_it import MarkdownIt

from newsroom.typography import french_typography

SLUG = re.compile(r"^[a-z0-9-]+$")
SCREENSHOT = re.compile(r"\]\(captures/([a-z0-9-]+\.png)\)")
# The guide each role's dashboard panel links to (« Aide » lists every guide).
ROLE_GUIDES = {
    "journaliste": "ecrire-et-publier-un-article",
    "redaction": "relire-programmer-publier",
    "commercial": "partenaires-et-contenus-sponsorises",
}


@dataclass(frozen=True)
class Guide:
    """A guide: its slug (file name), title, audience line and Markdown source."""

    slug: str
    title: str
    audience: str
    source: str

    @property
    def screenshots(self) -> list[str]:
        """The screenshot names the guide shows."""
        return SCREENSHOT.findall(self.source)

    def html(self) -> SafeString:
        """The guide as HTML: raw HTML in the Markdown is escaped, images point at the admin view."""
        base = reverse("guides_screenshot", args=["x.png"]).removesuffix("x.png")
        source = self.source.replace("](captures/", f"]({base}")
        # Our own Markdown with HTML disabled: only what CommonMark produces from text; then the
        # site's French typography (non-breaking spaces before « : ; ? ! » and inside guillemets),
        # so that a guide is written with plain spaces and still reads like the rest of the admin.
        html = MarkdownIt("commonmark", {"html": False}).render(source)
        return mark_safe(french_typography(html))  # noqa: S308


def guides_folder() -> Path:
    return Path(settings.NEWSROOM_GUIDES_DIR)


def committed_screenshots() -> Path:
    """The screenshots committed with the guides (`![…](captures/x.png)` also reads on GitHub)."""
    return guides_folder() / "captures"


def all_guides() -> list[Guide]:
    """Every guide, in file-name order."""
    return [_read(path) for path in sorted(guides_folder().glob("*.md")) if SLUG.match(path.stem)]


def guide(slug: str) -> Guide | None:
    """The guide named `slug`, or None."""
    if not SLUG.match(slug):
        return None
    path = guides_folder() / f"{slug}.md"
    return _read(path) if path.is_file() else None


def _read(path: Path) -> Guide:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    title = lines[0].removeprefix("# ").strip() if lines and lines[0].startswith("# ") else path.stem
    audience = next((line.removeprefix("Pour :").strip() for line in lines[1:5] if line.startswith("Pour :")), "")
    body = "\n".join(lines[1:])
    return Guide(slug=path.stem, title=title, audience=audience, source=body)
