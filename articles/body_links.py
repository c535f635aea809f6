"""Optional per article: the first mention of each linked entity in the body links to its page."""

import re

from django.utils.safestring import mark_safe

from entities.mentions import MentionIndex

# Tags and text alternate; links are never nested and code is never touched.
_TAG = re.compile(r"(<[^>]+>)")
_OPENING = re.compile(r"<(a|code|pre)\b", re.IGNORECASE)
_CLOSING = re.compile(r"</(a|code|pre)\s*>", re.IGNORECASE)


def link_first_mentions(article, entities) -> dict[str, str]:
    """HTML of the paragraph blocks that gain a link, keyed by block id.

    Only text outside existing links, code and tags is searched; each entity is linked once,
    at its first mention in reading order. Blocks without a new link are not returned, so the
    template renders them as usual.
    """
    if not entities:
        return {}
    index = MentionIndex((entity, entity.names) for entity in entities)
    remaining = {entity.pk for entity in entities}
    overrides = {}
    for block in article.body:
        if not remaining:
            break
        if block.block_type != "paragraph":
            continue
        html, changed = _link_html(block.value.__html__(), index, remaining)
        if changed:
            # The input was trusted rich text; only slugs and slices of its own text were added.
            overrides[block.id] = mark_safe(html)  # noqa: S308
    return overrides


def _link_html(html, index, remaining):
    parts = _TAG.split(html)
    depth = 0
    changed = False
    for position, part in enumerate(parts):
        if position % 2:  # a tag
            if _OPENING.match(part):
                depth += 1
            elif _CLOSING.match(part):
                depth = max(0, depth - 1)
            continue
        if depth or not part.strip():
            continue
        out, cursor = [], 0
        for mention in index.find(part):
            if mention.entity.pk not in remaining:
                continue
            remaining.discard(mention.entity.pk)
            out.append(part[cursor : mention.start])
            out.append(f'<a class="entity-link" href="{mention.entity.get_url_path()}">{part[mention.start : mention.end]}</a>')
            cursor = mention.end
        if out:
            out.append(part[cursor:])
            parts[position] = "".join(out)
            changed = True
    return "".join(parts), changed
