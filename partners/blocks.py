"""`PartnerStripBlock`: the « Ils nous font confiance » strip a journalist drops into a page body."""

from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from partners.models import Placement
from partners.selectors import partners_for_block
from partners.templatetags.partner_tags import DEFAULT_HEADING


class PartnerStripValue(blocks.StructValue):
    """The partners to show (`shown_partners`: `partners` is the chosen list), decided here rather than in the template."""

    @cached_property
    def shown_partners(self):
        if self.get("mode") == PartnerStripBlock.ALL:
            return partners_for_block(placement=Placement.CONTENT)
        chosen = [partner for partner in self.get("partners") or [] if partner is not None]
        # Only partners live today, in the order the journalist chose them: an expired or
        # archived partner silently leaves the page, as it leaves the site-wide block.
        live = {partner.pk: partner for partner in partners_for_block(placement=Placement.CONTENT, chosen_ids=[p.pk for p in chosen])}
        return [live[partner.pk] for partner in chosen if partner.pk in live]


class PartnerStripBlock(blocks.StructBlock):
    """Chosen partners, or every active partner, as a row of logos."""

    ALL = "tous"
    CHOSEN = "choisis"

    heading = blocks.CharBlock(label="Titre", default=DEFAULT_HEADING, max_length=80)
    mode = blocks.ChoiceBlock(
        label="Partenaires affichés",
        choices=[(ALL, "Tous les partenaires actifs"), (CHOSEN, "Partenaires choisis")],
        default=ALL,
    )
    partners = blocks.ListBlock(
        SnippetChooserBlock("partners.Partner"),
        label="Partenaires choisis",
        required=False,
        help_text="Seulement si « Partenaires choisis » : dans l’ordre voulu. Un partenaire hors de ses dates ne s’affiche pas.",
    )

    class Meta:
        icon = "pick"
        label = "Bandeau partenaires"
        template = "partners/blocks/partner_strip.html"
        value_class = PartnerStripValue
        description = "Les logos des partenaires (« Ils nous font confiance ») : tous ceux qui sont actifs, ou ceux que vous choisissez."
        preview_value = {"heading": DEFAULT_HEADING, "mode": "tous", "partners": []}
