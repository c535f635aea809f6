"""Builders for tests and the demo: partner logos in the « Partenaires » collection, and partners."""

import datetime
import itertools
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from demo.logos import wordmark
from partners.forms import PARTNER_COLLECTION
from partners.models import Partner, paris_today

_sequence = itertools.count(1)


def partner_collection() -> Collection:
    """The « Partenaires » collection made by the partners migration."""
    return Collection.objects.get(name=PARTNER_COLLECTION)


def make_logo(*, text: str | None = None, colour_index: int = 0):
    """A real PNG wordmark in the « Partenaires » collection."""
    number = next(_sequence)
    text = text or f"partenaire-{number}"
    image = get_image_model()(title=f"Logo {text}", collection=partner_collection())
    image.file = ImageFile(BytesIO(wordmark(text, colour_index=colour_index)), name=f"logo-{number}.png")
    image.save()
    return image


def make_partner(
    *,
    name: str | None = None,
    logo=None,
    active_from: datetime.date | None = None,
    active_until: datetime.date | None = None,
    sections=(),
    **fields,
) -> Partner:
    """A partner with a logo, live from today unless told otherwise, shown site-wide by default."""
    number = next(_sequence)
    name = name or f"Partenaire {number}"
    partner = Partner(
        name=name,
        logo=logo or make_logo(text=name),
        logo_alt=fields.pop("logo_alt", name),
        url=fields.pop("url", f"https://partenaire-{number}.example.com/"),
        active_from=active_from or paris_today(),
        active_until=active_until,
        **fields,
    )
    partner.save()
    if sections:
        partner.sections.set(sections)
        partner.save()
    return partner
