"""Two editors on one article in two real browsers: the second save is stopped, nothing is lost.

Wagtail warns in the browser first (a dialog fed by its editing-session pings); going on anyway
reaches newsroom.admin_guards, which refuses the out-of-date save once with a French message and
keeps the text in the form.

Autosave stays on, as in production. See tests/security/test_concurrent_editing.py for the same
rules over plain HTTP, and browser test conventions in tests/browser/test_editorial_flow.py
(transactional database, serialized_rollback).
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from demo import factories
from tests.browser.helpers import AutosaveWatcher

CHIEF_TEXT = "La version de la rédaction en chef."
DESK_TEXT = "La version du journaliste."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_second_editor_is_stopped_and_keeps_their_text(
    live_server, new_context, log_in, screenshot, section, author, journalist, editor
):
    article = factories.make_article(section=section, authors=[author], chapo="Le chapô d’origine.", publish=False)
    edit_url = f"{live_server.url}/admin/pages/{article.pk}/edit/"
    desk, chief = new_context().new_page(), new_context().new_page()
    log_in(desk, journalist.username)
    log_in(chief, editor.username)
    # Both editors open the article before either saves ("load" waits for every admin asset, slow on a busy machine).
    for page in (desk, chief):
        page.goto(edit_url, wait_until="domcontentloaded", timeout=60_000)
        expect(page.get_by_role("textbox", name=re.compile(r"^Chapô"))).to_be_visible(timeout=30_000)
    desk_autosave, chief_autosave = AutosaveWatcher(desk), AutosaveWatcher(chief)

    chief.get_by_role("textbox", name=re.compile(r"^Chapô")).fill(CHIEF_TEXT)
    chief_autosave.wait_until_quiet()
    chief.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(chief.get_by_role("textbox", name=re.compile(r"^Chapô"))).to_have_value(CHIEF_TEXT)

    desk.get_by_role("textbox", name=re.compile(r"^Chapô")).fill(DESK_TEXT)
    desk_autosave.wait_until_quiet()
    desk.get_by_role("button", name="Enregistrer le brouillon").click()

    # Wagtail's own warning first (its editing sessions ping the server every few seconds)…
    dialog = desk.get_by_role("dialog", name="Redaction a enregistré une nouvelle version")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Poursuivre écrasera les modifications effectuées par Redaction")
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().chapo == CHIEF_TEXT
    # …then ours, on the server, which also holds when the ping has not come back yet or without JavaScript.
    dialog.get_by_role("button", name="Enregistrer le brouillon").click()

    expect(desk.get_by_text(re.compile("a enregistré une version plus récente de cette page"))).to_be_visible()
    expect(desk.get_by_role("textbox", name=re.compile(r"^Chapô"))).to_have_value(DESK_TEXT)
    screenshot(desk, "concurrent-editing-refused.png")
    # Nothing saves the refused text unasked: the returned editor's autosave is off (it once
    # overwrote the newer version a second after the refusal).
    posts = []
    desk.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    desk_autosave.wait_until_quiet()
    assert posts == []
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().chapo == CHIEF_TEXT
