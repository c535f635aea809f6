"""Demo partners: the six of the launch story, live site-wide and on articles, made once."""

from wagtail.images import get_image_model

import pytest

from demo.partners import DEMO_PARTNERS, ensure_partners
from partners.models import Partner, Placement

pytestmark = pytest.mark.django_db


def test_ensure_partners_creates_the_six_once():
    ensure_partners()
    ensure_partners()

    names = [name for name, _url, _tier in DEMO_PARTNERS]
    assert list(Partner.objects.active().for_placement(Placement.SITE).values_list("name", flat=True)) == names
    assert list(Partner.objects.active().for_placement(Placement.ARTICLE).values_list("name", flat=True)) == names
    logos = get_image_model().objects.filter(collection__name="Partenaires")
    assert logos.count() == 6
    assert all(logo.file.name.endswith(".png") and logo.height == 120 for logo in logos)
