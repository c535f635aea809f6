"""« Entités › Tableau de bord » in Chromium: the rédaction en chef reaches it from the « Entités »
menu, merges a suspected duplicate in two clicks (the merge tool opens with both entities chosen)
and comes back through the entity listing; a journalist reads it on a 390 px phone (screenshots)."""

import datetime

import pytest
from playwright.sync_api import expect

from demo import factories
from entities.models import Deal, Entity
from tests.browser.conftest import save_screenshot
from tests.browser.helpers import BrowserProblems

PHONE = {"width": 390, "height": 844}
HEADINGS = ("Les plus citées cette semaine", "À compléter", "Doublons probables", "Opérations sans article")


def whole_page(page, name):
    """The admin scrolls inside its layout, so a full-page screenshot stops at the viewport: the
    viewport is stretched to the content's height for the picture, then put back."""
    size = page.viewport_size
    height = page.evaluate("Math.max(document.querySelector('main').scrollHeight, document.body.scrollHeight)")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    path = save_screenshot(page, name)
    page.set_viewport_size(size)
    return path


def knowledge_base():
    """A week of the desk: cited entities, incomplete ones, two duplicates and an unreported deal."""
    section = factories.make_section(title="Business")
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil", role="Journaliste")
    meta = factories.make_entity(name="Meta", slug="meta", kind="entreprise", aliases=["Facebook"], description="Groupe américain.")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai", kind="entreprise", description="Données d’entraînement.")
    mistral = factories.make_entity(name="Mistral AI", slug="mistral-ai", kind="entreprise")
    factories.make_entity(name="Facebook", slug="facebook", kind="entreprise", live=False)
    duplicate = factories.make_entity(name="ScaleAI", slug="scaleai", kind="entreprise")
    factories.make_entity(name="Arthur Mensch", slug="arthur-mensch", kind="personne")
    article = factories.make_article(section=section, authors=[author], title="Meta investit dans Scale AI", entities=[meta, scale])
    factories.make_article(section=section, authors=[author], title="Meta recrute le patron de Scale AI", entities=[meta, scale])
    factories.make_article(section=section, authors=[author], title="Mistral AI ouvre un bureau", entities=[mistral])
    factories.link_deal(article, source=meta, target=scale, kind="investissement", amount=14_300_000_000, currency="USD")
    Deal.objects.create(
        source=meta,
        target=mistral,
        kind="discussions",
        status="rumeur",
        date=datetime.date(2025, 6, 1),
        amount=2_000_000_000,
        currency="EUR",
    )
    return scale, duplicate


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_desk_reads_the_dashboard_and_merges_a_duplicate(live_server, new_context, log_in, screenshot, editor, journalist):
    base = live_server.url
    scale, duplicate = knowledge_base()

    # 1. The rédaction en chef opens it from the « Entités » menu.
    desk = new_context().new_page()
    problems = BrowserProblems(desk)
    log_in(desk, editor.username)
    desk.get_by_role("button", name="Entités", exact=True).click()
    # Wagtail's own home is also « Tableau de bord » (the logo): the one in the « Entités » submenu.
    desk.get_by_role("list", name="Entités").get_by_role("link", name="Tableau de bord", exact=True).click()
    expect(desk).to_have_url(f"{base}/admin/entites/tableau-de-bord/")
    for heading in HEADINGS:
        expect(desk.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    cited = desk.locator("[data-dashboard-list='most-cited'] tbody tr")
    expect(cited.first).to_contain_text("Meta")
    expect(cited.first).to_contain_text("2")
    pair = desk.locator(f"[data-duplicate-pair='{scale.pk}-{duplicate.pk}']")
    expect(pair).to_contain_text("Noms proches")
    expect(desk.locator("[data-dashboard-list='unreported-deals'] tbody tr")).to_contain_text("2\u00a0milliards d’euros")
    whole_page(desk, "entity-dashboard-1-desktop.png")

    # 2. « Fusionner » opens the merge tool with both entities chosen; one more click merges.
    pair.get_by_role("link", name="Fusionner").click()
    expect(desk.locator("#id_keep-chooser")).to_contain_text("Scale AI")
    expect(desk.locator("#id_absorb-chooser")).to_contain_text("ScaleAI")
    screenshot(desk, "entity-dashboard-2-merge-prefilled.png")
    desk.get_by_role("button", name="Fusionner").click()
    expect(desk.get_by_text("a été fusionnée dans", exact=False)).to_be_visible()
    assert not Entity.objects.filter(pk=duplicate.pk).exists()
    # Back through the entity listing's header button.
    desk.goto(f"{base}/admin/snippets/entities/entity/")
    screenshot(desk, "entity-dashboard-0-listing-link.png")
    desk.locator("main").get_by_role("link", name="Tableau de bord", exact=True).click()
    expect(desk).to_have_url(f"{base}/admin/entites/tableau-de-bord/")
    expect(desk.locator(f"[data-duplicate-pair='{scale.pk}-{duplicate.pk}']")).to_have_count(0)
    problems.check()

    # 3. A journalist on a phone: the same lists, no merge button, nothing wider than the screen.
    phone = new_context(viewport=PHONE).new_page()
    phone_problems = BrowserProblems(phone)
    log_in(phone, journalist.username)
    phone.goto(f"{base}/admin/entites/tableau-de-bord/")
    for heading in HEADINGS:
        expect(phone.get_by_role("heading", name=heading, exact=True)).to_be_attached()
    expect(phone.get_by_role("link", name="Fusionner")).to_have_count(0)
    expect(phone.get_by_text("signalez ces paires à la rédaction en chef", exact=False)).to_be_visible()
    assert phone.evaluate("document.querySelector('main').scrollWidth <= window.innerWidth")
    whole_page(phone, "entity-dashboard-3-phone.png")
    phone_problems.check()
