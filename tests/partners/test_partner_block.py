"""The « Ils nous font confiance » block: markup, hidden when empty, flat query count, cache invalidation."""

import re

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

import pytest

from demo.partner_factories import make_logo, make_partner
from partners.blocks import PartnerStripBlock
from partners.models import Partner

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


def render(placement="site", page=None):
    template = Template("{% load partner_tags %}{% partner_block placement page=page %}")
    return template.render(Context({"placement": placement, "page": page}))


def test_block_shows_logos_with_sized_lazy_images_and_sponsored_links():
    partner = make_partner(name="animauxpro.fr", logo_alt="Logo d'animauxpro.fr")

    html = render()

    assert "Ils nous font confiance" in html
    assert f'href="/partenaires/{partner.pk}/site/"' in html
    assert 'rel="sponsored noopener"' in html
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'loading="lazy"' in img
    assert 'alt="Logo d&#x27;animauxpro.fr"' in img
    assert re.search(r'width="\d+"', img) and 'height="96"' in img


def test_block_is_hidden_when_no_partner_is_live():
    make_partner(name="Archivé", archived=True)

    assert render().strip() == ""


def test_block_keeps_the_sales_order():
    make_partner(name="Zèbre")
    make_partner(name="Alpaga")

    html = render()

    assert html.index("Zèbre") < html.index("Alpaga")


def cold_queries(placement="site"):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        html = render(placement)
    return len(context.captured_queries), html


@pytest.mark.parametrize("count", [1, 40])
def test_query_count_is_the_same_with_1_or_40_partners(count):
    logo = make_logo(text="logo")
    for number in range(count):
        make_partner(name=f"Partenaire {number:02d}", logo=logo if number % 2 else None)

    queries, html = cold_queries()

    assert html.count("<li") == count
    assert queries == 2  # the partners with their logos, then the logos' renditions


def test_warm_block_costs_no_query_and_a_partner_change_shows_at_once():
    partner = make_partner(name="Avant")
    render()
    with CaptureQueriesContext(connection) as context:
        assert "Avant" in render()
    assert len(context.captured_queries) == 0

    partner.name = "Après"
    partner.logo_alt = "Après"
    partner.save()

    assert "Après" in render()


def test_archiving_removes_the_partner_from_the_cached_block():
    partner = make_partner(name="Bientôt archivé")
    assert "Bientôt archivé" in render()

    partner.archived = True
    partner.save()

    assert render().strip() == ""


def test_section_placement_needs_the_section(home):
    from demo import factories

    section = factories.make_section(title="IA")
    make_partner(name="Rubrique", on_site=False, sections=[section])

    assert "Rubrique" in render("rubrique", page=section)
    assert render("rubrique").strip() == ""
    assert render("site").strip() == ""


def test_streamfield_block_all_or_chosen_partners():
    first = make_partner(name="Premier")
    second = make_partner(name="Second")
    make_partner(name="Expiré", archived=True)
    block = PartnerStripBlock()

    everyone = block.render(block.to_python({"heading": "Ils nous font confiance", "mode": "tous", "partners": []}))
    chosen = block.render(block.to_python({"heading": "Nos partenaires", "mode": "choisis", "partners": [second.pk, first.pk]}))

    assert "Premier" in everyone and "Second" in everyone and "Expiré" not in everyone
    assert chosen.index("Second") < chosen.index("Premier")
    assert "Nos partenaires" in chosen
    assert f"/partenaires/{second.pk}/contenu/" in chosen


def test_streamfield_block_declares_its_admin_preview():
    block = PartnerStripBlock()

    assert block.meta.icon and block.meta.template and block.meta.description
    assert block.meta.preview_value["mode"] == "tous"
    assert Partner.objects.count() == 0
    assert block.render(block.to_python(block.meta.preview_value)).strip() == ""


def test_sponsor_label():
    template = Template("{% load partner_tags %}{{ sponsor|sponsor_label }}")

    assert template.render(Context({"sponsor": Partner(name="stereance.com")})) == "En partenariat avec stereance.com"
    assert template.render(Context({"sponsor": None})) == ""
