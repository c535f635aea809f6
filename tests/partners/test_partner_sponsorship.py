"""A partner sponsors a rubrique or a tag: « Rubrique IA en partenariat avec … », rel="sponsored",
within the partner's dates, counted like the block (click redirect, impressions)."""

import datetime

import pytest
from taggit.models import Tag

from demo import factories
from demo.partner_factories import make_partner
from partners.models import paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


def test_a_sponsored_rubrique_names_its_partner_within_its_dates(client, section, author):
    partner = make_partner(name="pricefactory.fr", on_site=False, active_until=paris_today() + datetime.timedelta(days=10))
    partner.sponsored_sections.add(section)
    partner.save()
    ended = make_partner(
        name="Fini",
        on_site=False,
        active_from=paris_today() - datetime.timedelta(days=9),
        active_until=paris_today() - datetime.timedelta(days=1),
    )
    ended.sponsored_sections.add(section)
    ended.save()

    html = client.get(section.url).content.decode()

    assert f"Rubrique {section.title} en partenariat avec" in html
    assert f'<a href="/partenaires/{partner.pk}/parrainage/" rel="sponsored noopener">pricefactory.fr</a>' in html
    assert "Fini</a>" not in html
    assert 'data-impressions-url="/partenaires/vu/parrainage/' in html


def test_a_sponsored_tag_names_its_partner_and_an_archived_one_disappears(client, section, author):
    factories.make_article(section=section, authors=[author], title="Un article sur l'IA", tags=["IA"])
    tag = Tag.objects.get(name="IA")
    partner = make_partner(name="stereance.com", on_site=False)
    partner.sponsored_tags.add(tag)
    partner.save()

    assert "Sujet IA en partenariat avec" in client.get(f"/tags/{tag.slug}/").content.decode()

    partner.archived = True
    partner.save()
    assert "en partenariat avec" not in client.get(f"/tags/{tag.slug}/").content.decode()
