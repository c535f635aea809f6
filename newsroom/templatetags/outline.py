"""`{% table_of_contents page.body as toc %}` and, in heading block templates, `{% heading_anchor text %}`.

Both read newsroom/outline.py, so the « Sommaire » links and the heading ids always agree.
"""

from django import template

from newsroom.outline import TableOfContents, table_of_contents

register = template.Library()
register.simple_tag(table_of_contents, name="table_of_contents")


@register.simple_tag(takes_context=True)
def heading_anchor(context, text):
    """The id of the heading block being rendered (`id` is its block id, set by Wagtail)."""
    toc = context.get("toc") or TableOfContents()
    return toc.anchor_for(context.get("id"), text or "")
