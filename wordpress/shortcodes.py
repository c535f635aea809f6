"""WordPress shortcodes and the classic editor's implicit paragraphs, turned into plain HTML.

`[caption]` becomes a `<figure>` with its `<figcaption>`, `[gallery ids="…"]` a `<wp-gallery>` and
`[embed]URL[/embed]` a `<wp-embed>` element that the body converter reads; every other shortcode is
left in the text as it was (and named in the report). `paragraphs` does what WordPress's `wpautop`
does when it displays a classic post: a blank line separates two paragraphs, a single line break
is a `<br>`.
"""

import html
import re

KNOWN = {"caption", "wp_caption", "gallery", "embed"}
_ATTRIBUTES = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.IGNORECASE)
_ANY = re.compile(r"(?<!\[)\[(/?)([a-zA-Z][\w-]*)\b[^\]\n]*\](?!\])")
_MEDIA_TAG = re.compile(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", re.IGNORECASE | re.DOTALL)


def attributes(text: str) -> dict[str, str]:
    """`id="attachment_42" align="alignnone"` → {"id": "attachment_42", "align": "alignnone"}."""
    return {match[1].lower(): html.unescape(match[2] or match[3] or match[4] or "") for match in _ATTRIBUTES.finditer(text)}


def _caption(match) -> str:
    attrs = attributes(match[2])
    inner = match[3]
    image = _MEDIA_TAG.search(inner)
    if image is None:
        return inner
    caption = (inner[: image.start()] + inner[image.end() :]).strip() or attrs.get("caption", "")
    return f"<figure>{image[0]}<figcaption>{caption}</figcaption></figure>"


def expand(content: str) -> tuple[str, list[str]]:
    """The content with known shortcodes made HTML, and the names of the unknown ones kept as text."""
    content = _CAPTION.sub(_caption, content)
    content = _EMBED.sub(lambda match: f'<wp-embed data-url="{html.escape(match[1].strip())}"></wp-embed>', content)
    content = _GALLERY.sub(
        lambda match: f'<wp-gallery data-ids="{html.escape(attributes(match[1]).get("ids", ""))}"></wp-gallery>', content
    )
    unknown = []
    for match in _ANY.finditer(content):
        name = match[2].lower()
        if name not in KNOWN and name not in unknown:
            unknown.append(name)
    return content, unknown


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """`wpautop` for a run of inline content: paragraphs at blank lines, `<br>` at single breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = []
    for chunk in _PARAGRAPH_BREAK.split(text):
        chunk = chunk.strip()
        if chunk:
            result.append("<p>" + re.sub(r"\s*\n\s*", "<br>", chunk) + "</p>")
    return result
