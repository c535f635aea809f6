"""`{% partner_block "site" %}` and `{{ page.sponsor|sponsor_label }}` for the public templates."""

import zlib

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from partners.charts import french_integer
from partners.models import Placement, paris_today
from partners.selectors import click_url, impressions_url, partners_for_block, sponsors_of
from partners.services import block_cache_generation

register = template.Library()

BLOCK_TEMPLATE = "partners/partner_block.html"
# A safety net only: a partner or image change bumps the generation in the cache every process
# shares (the default folder or Redis), so every worker drops its blocks at once.
BLOCK_CACHE_SECONDS = 5 * 60
DEFAULT_HEADING = "Ils nous font confiance"


@register.simple_tag
def partner_block(placement: str, page=None, heading: str = DEFAULT_HEADING):
    """The « Ils nous font confiance » block of `placement` (« rubrique »: pass the section page).

    The HTML is cached per placement, section and Paris day, under a generation number that any
    partner or image change bumps: a warm block costs no query, a cold one two. Nothing in it
    depends on the reader or on previewed content, so the cache cannot leak a draft.
    """
    if placement not in Placement.values:
        raise template.TemplateSyntaxError(f"Emplacement de partenaires inconnu : {placement!r}")
    section_id = page.pk if placement == Placement.SECTION and page is not None else None
    key = f"partners:block:{block_cache_generation()}:{placement}:{section_id or 0}:{paris_today().isoformat()}:{zlib.crc32(heading.encode())}"
    html = cache.get(key)
    if html is None:
        partners = partners_for_block(placement=placement, section_id=section_id)
        html = render_block(partners=partners, placement=placement, heading=heading)
        cache.set(key, html, BLOCK_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


def render_block(*, partners, placement: str, heading: str = DEFAULT_HEADING) -> str:
    """The block's HTML, empty when there is no partner to show (no heading over nothing)."""
    if not partners:
        return ""
    return render_to_string(BLOCK_TEMPLATE, {"partners": partners, "placement": placement, "heading": heading})


@register.filter
def sponsor_label(partner) -> str:
    """« En partenariat avec X » for a sponsor, « Contenu sponsorisé » if its name is missing, else ""."""
    if partner is None or partner == "":
        return ""
    name = getattr(partner, "name", "") or ""
    return f"En partenariat avec {name}" if name.strip() else "Contenu sponsorisé"


@register.simple_tag
def partner_click_url(partner, placement: str = Placement.ARTICLE) -> str:
    """The counting redirect to a sponsor's site, for links marked `rel="sponsored noopener"`."""
    return click_url(partner, placement)


@register.simple_tag
def partner_impressions_url(partners, placement: str) -> str:
    """The URL the block's script calls once the logos were on screen (static/js/partner-impressions.js)."""
    return impressions_url(partners, placement)


@register.filter
def svg_number(value) -> str:
    """A coordinate with a decimal point whatever the active language (French would print a comma)."""
    return format(float(value), "g") if value is not None else "0"


@register.filter
def french_int(value) -> str:
    """« 12 345 » (narrow no-break space)."""
    return french_integer(int(value or 0))


@register.filter
def french_percent(value) -> str:
    """« 12,5 % » (no-break space), « — » without impressions."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "\u00a0%"


@register.simple_tag
def sponsorship(kind: str, name: str, section=None, tag=None):
    """« Rubrique IA en partenariat avec X » (or « Sujet … ») when a partner sponsors it today; nothing otherwise.

    `kind` is the word shown (« Rubrique », « Sujet »); pass `section=page` or `tag=tag`. Cached
    like the partner block (same generation, bumped by any partner change): a warm page pays no query.
    """
    section_id, tag_id = getattr(section, "pk", None), getattr(tag, "pk", None)
    key = f"partners:sponsorship:{block_cache_generation()}:{section_id or 0}:{tag_id or 0}:{paris_today().isoformat()}:{zlib.crc32(f'{kind}|{name}'.encode())}"
    html = cache.get(key)
    if html is None:
        partners = sponsors_of(section_id=section_id, tag_id=tag_id)
        context = {"kind": kind, "name": name, "partners": partners, "seen_url": impressions_url(partners, Placement.SPONSORSHIP)}
        html = render_to_string("partners/sponsorship.html", context)
        cache.set(key, html, BLOCK_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template
