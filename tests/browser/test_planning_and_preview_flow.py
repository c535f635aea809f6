"""The planning and the preview links in Chromium: the rédaction en chef's week and month views,
the journalist's assignment started from the dashboard in one click, a preview link shared from
the editor that works logged out and stops once revoked. Screenshots (desktop and phone) in
test-artifacts/screenshots/desk/."""

import datetime

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from demo import factories
from planning.models import NewsroomEvent, PlannedStory
from tests.browser.conftest import SCREENSHOTS
from tests.browser.helpers import BrowserProblems

VIEWPORTS = (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844}))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_plan_start_share_and_revoke(new_context, live_server, log_in, screenshot, journalist, editor):
    (SCREENSHOTS / "desk").mkdir(parents=True, exist_ok=True)
    section = factories.make_section(title="Intelligence artificielle")
    factories.make_author(name=journalist.get_full_name(), slug="journaliste-demo")
    due = timezone.localdate() + datetime.timedelta(days=1)
    plan = PlannedStory.objects.create(
        subject="Meta, de l’achat de start-up au recrutement à prix d’or",
        angle="Pourquoi les rachats de SSI, Perplexity et Thinking Machines Lab ont échoué.",
        section=section,
        due_date=due,
        expected_length=6000,
        status=PlannedStory.Status.COMMISSIONED,
    )
    plan.assignees.add(journalist)
    PlannedStory.objects.create(subject="Scale AI après l’investissement de Meta", section=section, due_date=due)
    event = NewsroomEvent.objects.create(
        title="Conférence des développeurs de Meta",
        starts_at=timezone.make_aware(datetime.datetime.combine(due, datetime.time(18, 0))),
        place="Menlo Park",
    )
    event.entities.add(factories.make_entity(name="Meta"))

    # The rédaction en chef's planning views, desktop and phone.
    for label, viewport in VIEWPORTS:
        page = new_context().new_page()
        page.set_viewport_size(viewport)
        problems = BrowserProblems(page)
        log_in(page, "redaction")
        for period in ("semaine", "mois"):
            page.goto(f"{live_server.url}/admin/planning/{period}/?date={due.isoformat()}")
            expect(page.get_by_text("Meta, de l’achat de start-up", exact=False).first).to_be_visible()
            expect(page.get_by_text("Conférence des développeurs de Meta").first).to_be_visible()
            screenshot(page, f"desk/planning-{period}-{label}.png")
        page.goto(f"{live_server.url}/admin/")
        expect(page.get_by_text("Embargos levés bientôt")).to_be_visible()
        screenshot(page, f"desk/dashboard-redaction-{label}.png")
        problems.check()

    # The journalist starts the draft from the dashboard in one click.
    page = new_context().new_page()
    problems = BrowserProblems(page)
    log_in(page, "journaliste")
    panel = page.locator('[data-desk-panel="planning"]')
    expect(panel.get_by_text("Meta, de l’achat de start-up", exact=False)).to_be_visible()
    screenshot(page, "desk/dashboard-journaliste-desktop.png")
    panel.get_by_role("button", name="Commencer l’article").click()
    page.wait_for_url("**/admin/pages/*/edit/", timeout=90_000)
    article = ArticlePage.objects.get()
    assert article.get_parent().pk == section.pk and article.owner == journalist
    assert [link.author.name for link in article.get_latest_revision_as_object().article_authors.all()] == [journalist.get_full_name()]
    plan.refresh_from_db()
    assert plan.draft_id == article.pk and plan.status == PlannedStory.Status.IN_PROGRESS
    problems.check()

    # The rédaction en chef shares a preview from the editor's action menu.
    page = new_context().new_page()
    log_in(page, "redaction")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/", wait_until="domcontentloaded", timeout=90_000)
    # In the action menu's drop-up (closed, so not in the accessibility tree yet).
    share = page.locator(f'a[href="/admin/apercus/page/{article.pk}/"]')
    expect(share).to_be_attached(timeout=90_000)
    expect(share).to_contain_text("Partager un aperçu")
    page.goto(f"{live_server.url}{share.get_attribute('href')}")
    page.get_by_label("Destinataire").fill("expert cité")
    page.get_by_role("button", name="Créer le lien").click()
    url = page.locator("#preview-url").input_value()
    screenshot(page, "desk/preview-links-desktop.png")
    screenshot(page, "guides/redaction-4-apercu.png")  # the guide « Relire, programmer, publier »

    reader = new_context().new_page()
    reader.goto(url)
    expect(reader.get_by_role("heading", name="Meta, de l’achat de start-up", exact=False)).to_be_visible()
    screenshot(reader, "desk/preview-logged-out-desktop.png")

    page.get_by_role("button", name="Révoquer").click()
    expect(page.get_by_text("Lien révoqué")).to_be_visible()
    response = reader.goto(url)
    assert response.status == 410
    expect(reader.get_by_text("a été révoqué")).to_be_visible()
