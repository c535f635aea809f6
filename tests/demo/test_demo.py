"""`load_demo` builds the launch story and the demo newsroom, and changes nothing the second time."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page

import pytest

from articles.models import ArticlePage, Author, HomePage, SectionPage

pytestmark = pytest.mark.django_db
LAUNCH_SLUG = "meta-superintelligence-acquisitions-recrutements"


@override_settings(DEBUG=True)
def test_load_demo_builds_the_site_and_is_idempotent(client):
    first = StringIO()
    call_command("load_demo", stdout=first)
    counts = (Page.objects.count(), Author.objects.count(), get_user_model().objects.count())
    second = StringIO()
    call_command("load_demo", stdout=second)

    assert (Page.objects.count(), Author.objects.count(), get_user_model().objects.count()) == counts
    assert "rien à faire" in second.getvalue()
    assert "DÉMONSTRATION" in first.getvalue() and "journaliste" in first.getvalue()
    assert SectionPage.objects.count() == 4
    assert ArticlePage.objects.live().count() >= 13
    assert Author.objects.count() == 3
    from entities.models import Entity
    from partners.models import Partner

    assert Entity.objects.filter(live=True).count() >= 15
    assert set(Partner.objects.values_list("name", flat=True)) >= {"animauxpro.fr", "stereance.com", "ma-deco-feline.fr"}
    for group in ("Journalistes", "Rédaction en chef", "Commercial"):
        assert get_user_model().objects.filter(groups__name=group).exists()


def test_demo_accounts_are_refused_without_debug():
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert not get_user_model().objects.exists()
    assert "DÉMONSTRATION" not in out.getvalue()


# The tests below share the demo, loaded once for the module (tests/conftest.py `demo_newsroom`):
# they come last so that the tests above build their own.


def test_launch_story_is_the_lead_with_its_shape(client, demo_newsroom):
    story = ArticlePage.objects.get(slug=LAUNCH_SLUG)

    assert HomePage.objects.get().lead_article_id == story.pk
    assert "'" in story.title and ":" in story.title and '"superintelligence"' in story.title
    headings = [block.value["text"] for block in story.body if block.block_type == "heading"]
    assert "Des acquisitions avortées" in headings and "Recruter à prix d'or" in headings

    page = client.get(story.url).content.decode()
    assert "mercredi 2 juillet 2025" in page
    assert (
        "De l’achat d’entreprises à la création d’emplois\u00a0: l’approche de Meta pour atteindre la «\u202fsuperintelligence\u202f»"
        in page
    )
    home = client.get("/").content.decode()
    assert re.search(r"teaser--lead.*?l’approche de Meta", home, re.DOTALL)


def test_the_demo_knows_metas_group_and_the_launch_story_agrees_with_the_base(client, demo_newsroom):
    import json

    from articles.checklist import ArticleDraft, run_checklist
    from entities.consistency import Finding, check_text
    from entities.models import Entity

    meta = Entity.objects.get(slug="meta")

    assert sorted(meta.subsidiary_links.values_list("child__name", flat=True)) == ["Instagram", "Meta Superintelligence Labs", "WhatsApp"]
    page = client.get(meta.get_url_path()).content.decode()
    assert "Tout le groupe Meta" in page and "WhatsApp" in page
    graph = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.DOTALL)[1])
    nodes = graph.get("@graph", [graph])
    assert any({member["name"] for member in node.get("subOrganization", [])} >= {"Instagram", "WhatsApp"} for node in nodes)
    whatsapp = client.get(Entity.objects.get(slug="whatsapp").get_url_path()).content.decode()
    assert "Filiale de" in whatsapp and 'href="/entites/meta/"' in whatsapp

    # The launch story says what the base records: no warning about amounts, roles or dates.
    story = ArticlePage.objects.get(slug=LAUNCH_SLUG)
    draft = ArticleDraft.from_page(story)
    assert "recruté Alexandr Wang" in draft.prose() and "14 milliards de dollars" in draft.prose()
    assert check_text(draft.prose()) == []
    assert not [warning for warning in run_checklist(draft, knowledge_base=True).warnings if isinstance(warning, Finding)]
