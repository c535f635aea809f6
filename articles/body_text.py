"""The one plain-text extraction of an article body, shared by search excerpts, the reading time and
entity mention detection.

It reads the stored JSON (`body.raw_data`), never the block objects: turning image and « Lire
aussi » blocks into Python objects would cost queries per article.
"""

import html
import re
from collections.abc import Iterator

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A tag, its quoted attribute values may hold a `>`.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(rich_text: str) -> str:
    """The readable text of stored rich text: tags dropped, entities decoded.

    A space goes between tags, or « …fin.</p><p>Début… » would read as one word. Stored rich text
    is HTML that Wagtail's editor or the WordPress import wrote: a `<` in its text is always `&lt;`,
    so a pattern finds every tag, fifteen times faster than Django's `strip_tags` (an HTML parser,
    which was most of the time of a page of search excerpts). The result is escaped wherever shown.
    """
    return html.unescape(_TAG.sub("", _COMMENT.sub("", rich_text.replace("><", "> <"))))


def body_texts(raw_data, *, with_captions: bool = False) -> list[str]:
    """The prose of a body, block by block: paragraphs, headings, quotes (and image and embed
    captions with `with_captions`)."""
    return list(iter_body_texts(raw_data, with_captions=with_captions))


def iter_body_texts(raw_data, *, with_captions: bool = False) -> Iterator[str]:
    """`body_texts`, one block at a time: a reader that stops at the first match (a search excerpt)
    leaves the rest of the body's tags unparsed."""
    for block in raw_data or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            yield plain_text(value)
        elif not isinstance(value, dict):
            continue
        elif kind == "heading":
            yield str(value.get("text") or "")
        elif kind == "quote":
            yield str(value.get("quote") or "")
        elif with_captions and kind in ("image", "embed"):
            yield str(value.get("caption") or "")
