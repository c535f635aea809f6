"""Demo partners: the six of the launch story, with generated wordmark logos (see demo-facts.md)."""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from demo.logos import wordmark
from demo.partner_factories import partner_collection
from partners.models import Partner, Tier

DEMO_PARTNERS = [
    ("animauxpro.fr", "https://animauxpro.fr/", Tier.PREMIUM),
    ("stereance.com", "https://stereance.com/", Tier.PREMIUM),
    ("brandsluxe.com", "https://brandsluxe.com/", Tier.STANDARD),
    ("pricefactory.fr", "https://pricefactory.fr/", Tier.STANDARD),
    ("stamp-diffusion.com", "https://stamp-diffusion.com/", Tier.STANDARD),
    ("ma-deco-feline.fr", "https://ma-deco-feline.fr/", Tier.COMMUNITY),
]
# Far enough in the past that the demo partners are live whatever day the demo is loaded.
DEMO_START = datetime.date(2025, 1, 1)


def ensure_partners() -> list[Partner]:
    """Create the six demo partners once (matched by name); a second call changes nothing."""
    Image = get_image_model()
    collection = partner_collection()
    partners = []
    for order, (name, url, tier) in enumerate(DEMO_PARTNERS, start=1):
        partner = Partner.objects.filter(name=name).first()
        if partner is None:
            title = f"Logo {name}"
            logo = Image.objects.filter(title=title, collection=collection).first()
            if logo is None:
                logo = Image(title=title, collection=collection)
                logo.file = ImageFile(BytesIO(wordmark(name, colour_index=order - 1)), name=f"logo-{name.replace('.', '-')}.png")
                logo.save()
            partner = Partner(
                name=name,
                logo=logo,
                logo_alt=name,
                url=url,
                tier=tier,
                sort_order=order,
                active_from=DEMO_START,
                on_site=True,
                on_articles=True,
                note="Partenaire de démonstration (logo généré).",
            )
            partner.save()
        partners.append(partner)
    return partners
