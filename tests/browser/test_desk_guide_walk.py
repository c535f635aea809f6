"""The rédaction en chef's other tools, walked in Chromium for the guide « Relire, programmer,
publier » (docs/guides/): lift an embargo, schedule a publication in the schedule dialog, prepare
the daily newsletter edition, choose the home page's lead story, add a correction to the update
log, merge two entities. Each step does the real thing (checked in the database) and saves the
screenshot the guide shows (guides/, 1280 × 900). Review and preview links are walked, with their
screenshots, in test_desk_flow.py and test_planning_and_preview_flow.py."""

import datetime

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage, HomePage
from audience.models import Edition
from demo import factories
from entities.models import Entity
from tests.browser.helpers import AutosaveWatcher, BrowserProblems

# The page editor is heavy on a shared 2-core machine: a generous deadline for each of its loads.
EDITOR_MS = 90_000


def open_editor(page, base, article):
    page.goto(f"{base}/admin/pages/{article.pk}/edit/", wait_until="domcontentloaded", timeout=EDITOR_MS)
    expect(page.locator("form#page-edit-form")).to_be_attached(timeout=EDITOR_MS)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_redaction_en_chefs_tools_step_by_step(new_context, live_server, log_in, screenshot, editor, author, home):
    base = live_server.url
    section = factories.make_section(title="Business")
    # Bylined: an article without an author cannot be published (a form error).
    lead = factories.make_article(section=section, authors=[author], title="Mistral lève 600 millions")
    factories.make_article(section=section, authors=[author], title="OpenAI ouvre un bureau à Paris")
    embargoed = factories.make_article(
        section=section,
        authors=[author],
        publish=False,
        title="Les résultats trimestriels de Capgemini",
        embargo_until=timezone.now() + datetime.timedelta(days=2),
    )
    page = new_context().new_page()
    problems = BrowserProblems(page)
    autosave = AutosaveWatcher(page)
    log_in(page, "redaction")

    # 1. Embargo: the banner and its button; lifting it saves a new draft without the embargo.
    open_editor(page, base, embargoed)
    banner = page.locator("[data-embargo]")
    expect(banner).to_contain_text("SOUS EMBARGO jusqu’au")
    screenshot(page, "guides/redaction-2-embargo.png")
    banner.get_by_role("button", name="Lever l’embargo maintenant").click()
    expect(page.get_by_text("Embargo levé", exact=False).first).to_be_visible(timeout=EDITOR_MS)
    expect(page.locator("[data-embargo]")).to_have_count(0)
    assert ArticlePage.objects.get(pk=embargoed.pk).get_latest_revision_as_object().embargo_until is None

    # 2. Scheduling (same editor, reloaded): the dialog takes the time as people type it, then
    # « Publier » schedules.
    expect(page.locator("form#page-edit-form")).to_be_attached(timeout=EDITOR_MS)
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.evaluate("(button) => button.click()")
    go_live = page.locator("#id_go_live_at")
    expect(go_live).to_be_visible()
    go_live.fill("demain 8h")
    screenshot(page, "guides/redaction-3-programmer.png")
    autosave.wait_until_quiet()
    page.locator("button[name='action-publish']").evaluate("(button) => button.click()")
    page.wait_for_url(f"{base}/admin/pages/{section.pk}/", timeout=EDITOR_MS)
    revision = ArticlePage.objects.get(pk=embargoed.pk).revisions.get(approved_go_live_at__isnull=False)
    assert timezone.localtime(revision.approved_go_live_at).hour == 8

    # 3. The newsletter: « Préparer » assembles the day's edition, opened for editing.
    page.goto(f"{base}/admin/lettre/editions/")
    page.get_by_role("link", name="Préparer «\u00a0L’essentiel du jour\u00a0»").click()
    expect(page.get_by_text("Édition préparée")).to_be_visible()
    edition = Edition.objects.get()
    assert edition.items.count() == 2
    screenshot(page, "guides/redaction-5-lettre.png")

    # 4. The home page: the lead story chosen in the home page's form.
    home_page = HomePage.objects.get(pk=home.pk)
    home_page.lead_article = lead
    home_page.save_revision().publish()
    page.goto(f"{base}/admin/pages/{home.pk}/edit/", wait_until="domcontentloaded", timeout=EDITOR_MS)
    expect(page.get_by_text("Articles secondaires").first).to_be_visible(timeout=EDITOR_MS)
    expect(page.get_by_text("Mistral lève 600 millions").first).to_be_visible()
    screenshot(page, "guides/redaction-6-accueil.png")

    # 5. A correction in the update log, published with the article.
    open_editor(page, base, lead)
    page.locator("#id_updates-ADD").click()
    page.locator("#id_updates-0-kind").select_option("correction")
    page.locator("#id_updates-0-note").fill("Le montant levé est de 600 millions d’euros, et non de dollars.")
    page.locator("#id_updates-0-note").scroll_into_view_if_needed()
    screenshot(page, "guides/redaction-7-correction.png")
    autosave.wait_until_quiet()
    page.locator("button[name='action-publish']").evaluate("(button) => button.click()")
    page.wait_for_url(f"{base}/admin/pages/{section.pk}/", timeout=EDITOR_MS)
    update = ArticlePage.objects.get(pk=lead.pk).updates.get()
    assert update.kind == "correction" and "euros" in update.note

    # 6. Merging a duplicate entity: chosen in two choosers, then « Fusionner ».
    keep = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    duplicate = factories.make_entity(name="Mistral", slug="mistral")
    page.goto(f"{base}/admin/entites/fusionner/")
    for field, name in (("keep", "Mistral AI"), ("absorb", "Mistral")):
        page.locator(f"#id_{field}-chooser .unchosen [data-chooser-action-choose]").click()
        modal = page.get_by_role("dialog")
        modal.get_by_role("link", name=name, exact=True).click()
        expect(modal).to_be_hidden()
    # The modal's backdrop fades out after the dialog: wait for it, or the screenshot is dimmed.
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    screenshot(page, "guides/redaction-8-fusion.png")
    page.get_by_role("button", name="Fusionner").click()
    expect(page.get_by_text("a été fusionnée dans", exact=False)).to_be_visible()
    assert not Entity.objects.filter(pk=duplicate.pk).exists()
    assert "Mistral" in Entity.objects.get(pk=keep.pk).aliases
    problems.check()
