"""The desk's morning in Chromium: each role's dashboard (desktop and phone screenshots), and the
rédaction en chef approving from the dashboard row; a mistyped go-live refused in the editor."""

import datetime

from django.utils import timezone

from wagtail.models import Workflow

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from demo import factories
from tests.browser.helpers import BrowserProblems

PHONE = {"width": 390, "height": 844}


def desk_day(section, journalist, editor):
    draft = factories.make_article(section=section, publish=False, owner=journalist, title="Le cloud souverain, deux ans après")
    review = factories.make_article(section=section, publish=False, owner=journalist, title="Mistral lève 600 millions")
    Workflow.objects.get(name="Relecture").start(review, journalist)
    back = factories.make_article(section=section, publish=False, owner=journalist, title="Les puces d’Nvidia en Chine")
    Workflow.objects.get(name="Relecture").start(back, journalist)
    state = back.current_workflow_task_state
    state.task.specific.on_action(state, editor, "reject", comment="Il manque la réaction de Pékin.")
    scheduled = factories.make_article(section=section, publish=False, owner=journalist, title="Le bilan de VivaTech")
    scheduled.go_live_at = timezone.now() + datetime.timedelta(hours=20)
    scheduled.save_revision().publish()
    factories.make_article(section=section, publish=True, owner=journalist, title="OpenAI ouvre un bureau à Paris")
    return draft, review


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_role_sees_its_day_and_approves_from_the_row(new_context, live_server, log_in, screenshot, journalist, editor):
    section = factories.make_section(title="Business")
    _draft, review = desk_day(section, journalist, editor)

    for username, panel in (("journaliste", "Mon bureau"), ("redaction", "Rédaction en chef")):
        for label, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", PHONE)):
            page = new_context().new_page()
            page.set_viewport_size(viewport)
            problems = BrowserProblems(page)
            log_in(page, username)
            expect(page.get_by_role("heading", name=panel, exact=True)).to_be_visible()
            screenshot(page, f"desk-dashboard-{username}-{label}.png")
            if username == "redaction" and label == "desktop":
                # The guide « Relire, programmer, publier » (docs/guides/) shows this screen.
                screenshot(page, "guides/redaction-1-a-relire.png")
            problems.check()

    page = new_context().new_page()
    log_in(page, "journaliste")
    expect(page.get_by_text("Il manque la réaction de Pékin.")).to_be_visible()
    page.get_by_role("link", name="Écrire un article dans «\u00a0Business\u00a0»").click()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/")

    page = new_context().new_page()
    log_in(page, "redaction")
    row = page.locator(f'[data-review-row="{review.pk}"]')
    row.get_by_role("button", name="Approuver").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    assert ArticlePage.objects.get(pk=review.pk).live
    expect(page.locator(f'[data-review-row="{review.pk}"]')).to_have_count(0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_past_go_live_typed_in_the_schedule_dialog_is_refused(new_context, live_server, log_in, editor, author):
    section = factories.make_section(title="Business")
    article = factories.make_article(section=section, publish=False, authors=[author], title="Une date mal tapée")
    page = new_context().new_page()
    log_in(page, "redaction")
    # The editor is heavy for a shared 2-core machine: a generous deadline for its first load.
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/", wait_until="domcontentloaded", timeout=90_000)

    past = timezone.localtime(timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    # The field sits in Wagtail's « publishing schedule » dialog: typed in place, then « Publier »
    # from the action menu; the browser builds the whole editor POST (StreamField included).
    page.locator("#id_go_live_at").evaluate("(input, value) => { input.value = value; }", past)
    page.locator("button[name='action-publish']").evaluate("(button) => button.click()")

    expect(page.get_by_text("Cette date de publication est passée", exact=False).first).to_be_attached(timeout=90_000)
    assert not ArticlePage.objects.get(pk=article.pk).live
