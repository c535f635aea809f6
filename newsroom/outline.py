"""The table of contents of a StreamField body, shared by every page type that has sub-headings.

A block type feeds the table by defining `toc_entry(raw_value) -> (text, level) | None` (the
article's « Intertitre », the simple page's sub-heading). The table is read from the stored JSON
(no query, no block conversion) and gives each heading an anchor that is unique on the page: the
heading templates (`{% heading_anchor %}`) and the « Sommaire » list read the same table, so a link
always lands on its heading, even when two headings share a text.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

# Shown from this many sub-headings: below it a table adds length and nothing to find.
MIN_HEADINGS = 3
# Ids the page templates already use (the « Sommaire » itself, the skip link target, the article's
# own sections): a heading named « Sources » must not take them.
TEMPLATE_IDS = {"contenu", "sommaire", "partager", "sources", "historique", "entites", "mots-cles", "auteurs", "a-lire-aussi"}


@dataclass(frozen=True)
class Heading:
    """One entry: its anchor (the id of the heading), its text, its level (2 or 3)."""

    anchor: str
    text: str
    level: int


@dataclass(frozen=True)
class TableOfContents:
    """The headings of a body, and the anchor of each heading block by its block id."""

    headings: tuple[Heading, ...] = ()
    anchors: dict = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        """Whether the page shows it (from MIN_HEADINGS sub-headings)."""
        return len(self.headings) >= MIN_HEADINGS

    def anchor_for(self, block_id, text: str) -> str:
        """The id of the heading block `block_id` (its slug when the block is not in this table)."""
        return self.anchors.get(block_id) or slugify(text) or "partie"


def table_of_contents(stream) -> TableOfContents:
    """The table of contents of a StreamValue (empty for None or a body without headings)."""
    if not stream:
        return TableOfContents()
    child_blocks = stream.stream_block.child_blocks
    taken = set(TEMPLATE_IDS)
    headings, anchors = [], {}
    for item in stream.raw_data:
        block = child_blocks.get(item["type"])
        entry = block.toc_entry(item.get("value")) if hasattr(block, "toc_entry") else None
        if not entry or not entry[0].strip():
            continue
        text, level = entry
        anchor = base = slugify(text) or "partie"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        headings.append(Heading(anchor=anchor, text=text, level=level))
        if item.get("id"):
            anchors[item["id"]] = anchor
    return TableOfContents(headings=tuple(headings), anchors=anchors)
