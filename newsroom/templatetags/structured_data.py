"""`{% json_ld data %}`: a schema.org block that no text typed by an editor can break out of."""

import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Escaping <, > and & keeps « </script> » or « <!-- » in a headline from ending the block.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def dumps_json_ld(data) -> str:
    """Compact JSON with the characters that matter to the HTML parser escaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(_ESCAPES)


@register.simple_tag
def json_ld(data):
    """A `<script type="application/ld+json">` block; a data block, so a strict CSP allows it."""
    if not data:
        return ""
    return mark_safe(f'<script type="application/ld+json">{dumps_json_ld(data)}</script>')  # noqa: S308 - escaped above
