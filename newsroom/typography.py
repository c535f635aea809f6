"""French typography for rendered headlines, kickers, chapôs and rich-text bodies.

Public API: :func:`french_typography`. Pure Python, no Django import, so it can be unit
tested without settings and wrapped by a template filter elsewhere.

The heavy lifting is done by polytypo (``locale="fr"``, ``mode="html"``). This module adds
what polytypo does not do for us:

* quote characters written as entities (``&quot;``, ``&#x27;``, what Django's ``escape()``
  emits) are decoded so polytypo can see them, and put back exactly as written when they are
  left straight, so escaped input stays attribute-safe;
* bare URLs (and ``::`` between word characters) are shielded from the rules;
* U+202F instead of polytypo's U+00A0 inside « »;
* no-break spaces that polytypo refuses to insert at an inline-tag boundary
  (``"<em>mot</em>"``, ``<strong>Note</strong>: …``);
* a cheap fast path, and a self-check that falls back to the untouched input.
"""

from __future__ import annotations

import bisect
import html as html_lib
import logging
import re
from html.parser import HTMLParser

import polytypo
from polytypo.errors import PolytypoError

__all__ = ["french_typography"]

logger = logging.getLogger(__name__)

NBSP = "\u00a0"
NNBSP = "\u202f"

# Only spaces, quotes, apostrophes and no-break spaces may change: every rule that rewrites
# other characters (… — ‑ × © and range dashes) is turned off.
_RULES = {
    "ellipsis": False,
    "ranges": False,
    "dashes": False,
    "hyphen": False,
    "symbols": False,
}

# Same list as polytypo's HTML mode, so that this module and polytypo agree on which text is
# prose; keeping our own copy avoids importing polytypo's private modules.
_SKIPPED_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math"})
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
# A no-break space is only carried across a tag boundary when every tag in between is phrasing
# content: across a <br>, <p> or an unknown element, the glyphs are not on the same line or the
# same run of text, and inserting a space there would be a guess.
_INLINE_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)

# Anything one of the enabled rules (or our own post-processing) can act on. The fast path must
# return exactly what the slow path would, so this is deliberately wider than "quotes and
# punctuation": polytypo also collapses double spaces, strips a space before , . ) and binds
# "50 %", "M. Dupont", "Mme Dupont", "n° 5", "§ 3" and initials with U+00A0.
_TRIGGER = re.compile("[\"'«»“”„‟〝〞〟‘’‚‛‹›:;!?&§]| {2}| [,.)\\]}]|[(\\[{] |[.°\\d][ \u202f]|\\bM(?:me|lle)s? ")

# Django's escape() writes &quot; and &#x27;; other tools write the decimal or HTML5 forms.
_QUOTE_REFERENCE = re.compile(r"&(?:quot|QUOT|apos|#0*(?:34|39)|#[xX]0*(?:22|27));")

# A bare URL (the only reference it may contain is "&amp;", so a shield never splits one):
# polytypo would curl an apostrophe inside it and would put a no-break space before
# a "?" or "!" that is followed by a space or closing bracket. Trailing punctuation is trimmed
# below, so a colon or question mark after a URL is still typographed as sentence punctuation.
# "::" between word characters (std::vector, Foo::bar) would otherwise get U+00A0 before it.
# Text that reads as a character reference ("&amp;quot;" renders as "&quot;") would get U+202F
# before its ";": polytypo's own guard for that looks for the "&" in the same text node, but
# here the "&" is itself a reference, which polytypo does not see.
_PROTECTED = re.compile(
    '(?:\\b(?:https?|ftp)://|\\bwww\\.)(?:[^\\s<>"«»“”&]|&amp;)+|(?<=\\w)::(?=\\w)|&amp;#?[a-z0-9]{1,32};',
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?'’)]}"
_SHIELD_OPEN = "<code>"
_SHIELD_CLOSE = "</code>"

_LINE_TERMINATORS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_SPACES = " \t\u00a0\u202f\u2007\u2009\u200a"
_QUOTES = "\"'«»“”„‟〝〞〟‘’‚‛‹›"
# The self-check compares input and output with every space dropped and every quote glyph
# folded to one character: that is precisely the set of changes this function is allowed to
# make.
_SKELETON = str.maketrans({**dict.fromkeys(_SPACES), **dict.fromkeys(_QUOTES, "'")})

_NBSP_BEFORE = ":"
_NNBSP_BEFORE = ";!?"
_PUNCTUATION = _NBSP_BEFORE + _NNBSP_BEFORE
# polytypo only spaces punctuation that ends a word: what may follow it (nbsp.md right-context).
_AFTER_PUNCTUATION = frozenset(_SPACES + "\n\r)]}»”…" + _PUNCTUATION)
_OPENING = frozenset("([{«“")

_TEXT, _REF, _TAG, _OTHER = range(4)


class _Event:
    __slots__ = ("end", "kind", "name", "skipped", "start")

    def __init__(self, kind: int, start: int = 0, end: int = 0, name: str = "", skipped: bool = False) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.name = name
        self.skipped = skipped


class _Scanner(HTMLParser):
    """Locates text, character references and tags, with offsets into the source.

    Same parser and settings as polytypo's HTML mode (``convert_charrefs=False``), so a
    reference is its own event and positions line up with what polytypo treats as prose.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.events: list[_Event] = []
        self._line_starts = [0]
        for match in re.finditer("\n", source):
            self._line_starts.append(match.end())
        self._stack: list[str] = []
        self._skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(_Event(_TAG, name=tag))
        if tag in _VOID_ELEMENTS:
            return
        self._stack.append(tag)
        if tag in _SKIPPED_ELEMENTS:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.events.append(_Event(_TAG, name=tag))
        if tag not in self._stack:
            return
        index = len(self._stack) - 1 - self._stack[::-1].index(tag)
        popped = self._stack[index:]
        del self._stack[index:]
        self._skip_depth -= sum(1 for name in popped if name in _SKIPPED_ELEMENTS)

    def handle_data(self, data: str) -> None:
        if data:
            start = self._offset()
            self.events.append(_Event(_TEXT, start, start + len(data), skipped=self._skip_depth > 0))

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def _reference(self, length: int) -> None:
        start = self._offset()
        end = start + length
        if self.source.startswith(";", end):
            end += 1
        self.events.append(_Event(_REF, start, end, skipped=self._skip_depth > 0))

    def handle_comment(self, data: str) -> None:
        self.events.append(_Event(_OTHER))

    def handle_decl(self, decl: str) -> None:
        self.events.append(_Event(_OTHER))

    def handle_pi(self, data: str) -> None:
        self.events.append(_Event(_OTHER))

    def unknown_decl(self, data: str) -> None:
        self.events.append(_Event(_OTHER))


def _scan(source: str) -> list[_Event]:
    scanner = _Scanner(source)
    scanner.feed(source)
    scanner.close()
    return scanner.events


class _UnsafeResult(Exception):
    """The pipeline produced something other than a spacing/quote change of its input."""


def french_typography(html: str | None) -> str:
    """Apply French typography to an HTML fragment or to already-escaped plain text.

    * U+00A0 before ``:``; U+202F before ``; ! ?`` and inside guillemets (``«\u202fmot\u202f»``);
    * straight (and English curly) double quotes around a word or phrase become « … »,
      nested ones “ … ”; straight apostrophes become ’ (l’, d’, qu’, aujourd’hui);
    * text inside tags, attributes, ``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``, ``<var>``,
      ``<script>``, ``<style>`` (and textarea/svg/math), bare URLs and ``a::b`` is left alone;
    * markup and every character other than spaces, quotes and apostrophes are unchanged;
      ``&lt; &gt; &amp;`` and every other reference keep their exact spelling. ``&quot;`` and
      ``&#x27;`` (Django's ``escape()``) are typographed as the characters they stand for, and
      stay escaped when they remain straight, so escaped input stays safe to use in attributes;
    * idempotent: ``french_typography(french_typography(x)) == french_typography(x)``.

    Returns ``""`` for ``None`` or an empty string. Never raises on odd input: if anything goes
    wrong the input is returned unchanged, since this runs at render time.
    """
    if not html:
        return ""
    if not _TRIGGER.search(html):
        return html
    try:
        return _french_typography_strict(html)
    except (_UnsafeResult, PolytypoError, AssertionError, ValueError, IndexError):
        # A headline rendered without typography is a far smaller problem than a 500 on the
        # front page; the log line is what tells us polytypo or this wrapper needs fixing.
        logger.warning("french_typography fell back to the untouched input", exc_info=True)
        return html


def _french_typography_strict(html: str) -> str:
    """The pipeline without the safety net, for tests: raises instead of falling back."""
    decoded, originals = _decode_and_shield(html)
    spaced = polytypo.transform(decoded, locale="fr", mode="html", rules=_RULES)
    spaced = _fix_spaces(spaced)
    if decoded.translate(_SKELETON) != spaced.translate(_SKELETON):
        raise _UnsafeResult(html)
    if not originals:
        return spaced
    return _restore(decoded, spaced, originals)


def _decode_and_shield(source: str) -> tuple[str, dict[int, str]]:
    """Make quote references visible to polytypo and hide URLs from it.

    polytypo leaves every character reference untouched and treats it as an opaque gap, so
    ``&quot;mot&quot;`` and ``l&#x27;IA`` would never be typographed. Only the quote references
    are decoded: decoding ``&lt;`` or ``&amp;`` would change what the document parses to.

    URLs are wrapped in ``<code>``, an element polytypo skips; ``protect=`` exists only in
    polytypo's text mode.

    Returns the new document and, for every character that must not reach the output as is,
    its original spelling: the reference it was decoded from, or ``""`` for shield markup.
    """
    pieces: list[str] = []
    originals: dict[int, str] = {}
    length = 0
    cursor = 0
    run: list[tuple[str, str | None]] = []

    def flush_run() -> None:
        nonlocal length
        text = "".join(decoded for decoded, _ in run)
        origin_at: dict[int, str] = {}
        offset = 0
        for decoded, original in run:
            if original is not None:
                origin_at[offset] = original
            offset += len(decoded)
        position = 0
        for match in _PROTECTED.finditer(text):
            start, end = match.span()
            if match.group()[0] not in ":&":
                end = start + len(_trim_url(match.group()))
            if end <= start:
                continue
            length = _append(pieces, originals, text[position:start], origin_at, position, length)
            length = _append_shield(pieces, originals, _SHIELD_OPEN, length)
            length = _append(pieces, originals, text[start:end], origin_at, start, length)
            length = _append_shield(pieces, originals, _SHIELD_CLOSE, length)
            position = end
        length = _append(pieces, originals, text[position:], origin_at, position, length)
        run.clear()

    run_end = -1
    for event in _scan(source):
        if event.kind not in (_TEXT, _REF) or event.skipped:
            continue
        if run and event.start != run_end:
            flush_run()
        if not run:
            length = _append_plain(pieces, source[cursor : event.start], length)
        raw = source[event.start : event.end]
        if event.kind == _REF and _QUOTE_REFERENCE.fullmatch(raw):
            run.append((html_lib.unescape(raw), raw))
        else:
            run.append((raw, None))
        cursor = run_end = event.end
    if run:
        flush_run()
    _append_plain(pieces, source[cursor:], length)
    return "".join(pieces), originals


def _append_plain(pieces: list[str], text: str, length: int) -> int:
    pieces.append(text)
    return length + len(text)


def _append(pieces: list[str], originals: dict[int, str], text: str, origin_at: dict[int, str], base: int, length: int) -> int:
    for offset in range(len(text)):
        original = origin_at.get(base + offset)
        if original is not None:
            originals[length + offset] = original
    pieces.append(text)
    return length + len(text)


def _append_shield(pieces: list[str], originals: dict[int, str], markup: str, length: int) -> int:
    for offset in range(len(markup)):
        originals[length + offset] = ""
    pieces.append(markup)
    return length + len(markup)


def _trim_url(url: str) -> str:
    """Sentence punctuation after a URL is not part of it (the same heuristic as urlize)."""
    while url and url[-1] in _URL_TRAILING and not url.endswith("&amp;"):
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _fix_spaces(document: str) -> str:
    """U+202F inside guillemets, and the no-break spaces polytypo will not put at a tag edge.

    polytypo never grows a text node at its edges (modes.md 3.4, so that it cannot manufacture
    a space at a block boundary it cannot see), which leaves ``«<em>mot</em>»`` and
    ``<strong>Note</strong>:`` unspaced. Here the space is added when only inline tags separate
    the two characters.
    """
    events = _scan(document)
    content = [i for i, event in enumerate(events) if event.kind != _TAG and event.kind != _OTHER]
    edits: list[tuple[int, int, str]] = []
    for rank, index in enumerate(content):
        event = events[index]
        if event.kind != _TEXT or event.skipped:
            continue
        text = document[event.start : event.end]
        new = text.replace("«" + NBSP, "«" + NNBSP).replace(NBSP + "»", NNBSP + "»")
        first, last = text[0], text[-1]
        if last == "«":
            following = _neighbour(document, events, content, rank, +1)
            if following is not None and not following[0].isspace():
                new = new + NNBSP
        if first == "»" or (first in _PUNCTUATION and (len(text) == 1 or text[1] in _AFTER_PUNCTUATION)):
            preceding = _neighbour(document, events, content, rank, -1)
            if preceding is not None:
                before = preceding[-1]
                if first == "»":
                    wanted = not before.isspace()
                else:
                    wanted = not before.isspace() and before not in _PUNCTUATION and before not in _OPENING
                if wanted:
                    new = (NBSP if first in _NBSP_BEFORE else NNBSP) + new
        if new != text:
            edits.append((event.start, event.end, new))
    if not edits:
        return document
    pieces: list[str] = []
    cursor = 0
    for start, end, new in edits:
        pieces.append(document[cursor:start])
        pieces.append(new)
        cursor = end
    pieces.append(document[cursor:])
    return "".join(pieces)


def _neighbour(document: str, events: list[_Event], content: list[int], rank: int, step: int) -> str | None:
    """The rendered text of the next (step=1) or previous (step=-1) text or reference, if only
    inline tags and comments on a single line separate it from content[rank]."""
    other_rank = rank + step
    if not 0 <= other_rank < len(content):
        return None
    here, there = content[rank], content[other_rank]
    low, high = min(here, there), max(here, there)
    if any(events[i].kind == _TAG and events[i].name not in _INLINE_ELEMENTS for i in range(low + 1, high)):
        return None
    gap = document[events[low].end : events[high].start]
    if _LINE_TERMINATORS.search(gap):
        return None
    event = events[there]
    raw = document[event.start : event.end]
    return html_lib.unescape(raw) if event.kind == _REF else raw


def _restore(decoded: str, spaced: str, originals: dict[int, str]) -> str:
    """Put decoded references back and drop the URL shields.

    The self-check has established that ``spaced`` is ``decoded`` with spaces added, removed or
    swapped and quote glyphs swapped, so the n-th non-space character of one is the n-th of the
    other. A quote that is still the character it was decoded to gets its reference back; one
    polytypo curled is emitted as the glyph.
    """
    kept_decoded = [i for i, char in enumerate(decoded) if char not in _SPACES]
    kept_spaced = [i for i, char in enumerate(spaced) if char not in _SPACES]
    replacements: dict[int, str] = {}
    for position, original in originals.items():
        target = kept_spaced[bisect.bisect_left(kept_decoded, position)]
        if original == "" or spaced[target] == decoded[position]:
            replacements[target] = original
    pieces: list[str] = []
    cursor = 0
    for target in sorted(replacements):
        pieces.append(spaced[cursor:target])
        pieces.append(replacements[target])
        cursor = target + 1
    pieces.append(spaced[cursor:])
    return "".join(pieces)
