"""Editions assembled from the day's articles (lead first, then each rubrique, sponsored labelled),
previewed as HTML and text by the rédaction en chef."""

import datetime

from django.test import Client
from django.utils import timezone

import pytest

from audience.models import Edition
from demo import factories
from partners.models import Partner

pytestmark = pytest.mark.django_db


def test_the_daily_edition_is_assembled_lead_first_then_by_rubrique_and_previewed(home, editor):
    business = factories.make_section(title="Business")
    tech = factories.make_section(title="Tech")
    old = factories.make_article(section=tech, title="Vieil article", published_at=timezone.now() - datetime.timedelta(days=3))
    partner = Partner.objects.create(name="Scaleway", url="https://www.scaleway.com/")
    sponsored = factories.make_article(section=business, title="Le cloud, vu par Scaleway", sponsor=partner)
    tech_story = factories.make_article(section=tech, title="Mistral AI publie un modèle")
    lead = factories.make_article(section=tech, title="Meta ouvre un laboratoire à Paris")
    home.lead_article = lead
    home.save_revision().publish()

    client = Client()
    client.force_login(editor)
    response = client.post(f"/admin/lettre/preparer/{Edition.Kind.DAILY}/")
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/edit/{edition.pk}/")
    order = [item.article_id for item in edition.items.order_by("sort_order")]
    assert order[0] == lead.pk and old.pk not in order
    assert order.index(sponsored.pk) < order.index(tech_story.pk), "rubriques in tree order after the lead"
    assert edition.subject.startswith("L’essentiel du ")

    text = edition.serve_preview(None, "texte").content.decode()
    html = edition.serve_preview(None, "").content.decode()
    assert "Meta ouvre un laboratoire à Paris" in text and "[Contenu sponsorisé par Scaleway]" in text
    assert "Contenu sponsorisé par Scaleway" in html and "<style" not in html
    assert text.index("Meta ouvre") < text.index("Le cloud")
    assert client.get(f"/admin/lettre/editions/edit/{edition.pk}/").status_code == 200
    assert client.get("/admin/lettre/editions/").status_code == 200


def test_the_prepare_buttons_post_to_the_assembly_view(editor):
    # Wagtail's w-action#post posts to its url value (not the link's href): without it, the
    # button posted to the editions list (405). tests/browser/test_desk_guide_walk.py clicks it.
    client = Client()
    client.force_login(editor)
    html = client.get("/admin/lettre/editions/").content.decode()
    for kind in Edition.Kind.values:
        assert f'data-w-action-url-value="/admin/lettre/preparer/{kind}/"' in html
