"""The one plain-text extraction of an article body, shared by search excerpts, the reading time and
entity mention detection.

It reads the stored JSON (`body.raw_data`), never the block objects: turning image and « Lire
aussi » blocks into Python objects would cost queries per article.
"""

import html

from django.utils.html import strip_tags


def plain_text(rich_text: str) -> str:
    """The readable text of stored rich text: tags dropped, entities decoded.

    A space goes between tags, or « …fin.</p><p>Début… » would read as one word."""
    return html.unescape(strip_tags(rich_text.replace("><", "> <")))


def body_texts(raw_data, *, with_captions: bool = False) -> list[str]:
    """The prose of a body, block by block: paragraphs, headings, quotes (and image and embed
    captions with `with_captions`)."""
    texts = []
    for block in raw_data or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            texts.append(plain_text(value))
        elif not isinstance(value, dict):
            continue
        elif kind == "heading":
            texts.append(str(value.get("text") or ""))
        elif kind == "quote":
            texts.append(str(value.get("quote") or ""))
        elif with_captions and kind in ("image", "embed"):
            texts.append(str(value.get("caption") or ""))
    return texts
