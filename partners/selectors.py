"""Reads: the partners of a block, in a fixed number of queries whatever their number."""

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from wagtail.images import get_image_model

from partners.models import Partner, Placement

# Logos are drawn at 48 CSS pixels high; the rendition is twice that for sharp high-density screens.
LOGO_FILTER = "height-96"


def partners_for_block(*, placement: str, section_id: int | None = None, chosen_ids: list[int] | None = None) -> list[Partner]:
    """Active partners of `placement`, in the sales team's order, each with `.logo_rendition` set.

    Two queries (partners with their logo, then that rendition of every logo), or one when there is
    no partner: the block costs the same with 1 or 40 partners.
    """
    rendition_model = get_image_model().get_rendition_model()
    partners = Partner.objects.active().select_related("logo")
    partners = partners.filter(pk__in=chosen_ids) if chosen_ids is not None else partners.for_placement(placement, section_id=section_id)
    partners = list(
        partners.prefetch_related(
            Prefetch("logo__renditions", queryset=rendition_model.objects.filter(filter_spec=LOGO_FILTER), to_attr="logo_renditions")
        ).distinct()
    )
    for partner in partners:
        partner.logo_rendition = _logo_rendition(partner)
        partner.click_url = click_url(partner, placement)
    return partners


def _logo_rendition(partner: Partner):
    prefetched = getattr(partner.logo, "logo_renditions", None)
    if prefetched:
        return prefetched[0]
    # Made when a partner is saved (see signals), so readers only land here for a logo replaced
    # since: the rendition is made once, then found by the prefetch above.
    return partner.logo.get_rendition(LOGO_FILTER)


def click_url(partner: Partner, placement: str) -> str:
    """The counting redirect for this partner and placement; the partner's own URL if the route is not mounted."""
    try:
        return reverse("partners:click", kwargs={"partner_id": partner.pk, "placement": placement})
    except NoReverseMatch:
        return partner.url


def sponsors_of(*, section_id: int | None = None, tag_id: int | None = None) -> list[Partner]:
    """The partners sponsoring this rubrique (its page id) or this tag today, in the sales order
    (one query): what the article side asks to write « Rubrique IA en partenariat avec … »."""
    if section_id is None and tag_id is None:
        return []
    partners = Partner.objects.active()
    partners = partners.filter(sponsored_sections=section_id) if section_id is not None else partners.filter(sponsored_tags=tag_id)
    partners = list(partners.only("pk", "name", "url", "active_from", "active_until").distinct())
    for partner in partners:
        partner.click_url = click_url(partner, Placement.SPONSORSHIP)
    return partners


def impressions_url(partners, placement: str) -> str:
    """Where the block's script reports the logos it showed; "" when the route is not mounted."""
    if not partners:
        return ""
    try:
        base = reverse("partners:impressions", kwargs={"placement": placement})
    except NoReverseMatch:
        return ""
    return f"{base}?p={'.'.join(str(partner.pk) for partner in partners)}"


def placement_values() -> set[str]:
    return {value for value, _label in Placement.choices}
