"""« En direct » in Chromium: two journalists post at once, a logged-out reader sees both, then a
correction, without reloading, through the page cache."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from demo.live_factories import add_updates, make_live
from live.models import LivePage

TEST_PASSWORD = "motdepasse-de-test"  # tests/conftest.py's users

# Long enough for a loaded 2-core machine; the page asks every second here (20 s in production).
SEEN_WITHIN_MS = 30_000


@pytest.fixture
def two_journalists(journalist):
    other = get_user_model().objects.create_user(username="journaliste2", password=TEST_PASSWORD, first_name="Hugo", last_name="Bernard")
    other.groups.add(Group.objects.get(name="Journalistes"))
    return journalist, other


def _post(page, base_url, live, text):
    page.goto(f"{base_url}/admin/direct/{live.pk}/")
    editor = page.locator(".live-desk-form [contenteditable='true']").first
    editor.click()
    editor.press_sequentially(text)
    # Draftail writes its hidden input as it goes: post only what it has written.
    expect(page.locator("input[name='body']")).to_have_value(re.compile(re.escape(text)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_journalists_post_and_a_reader_sees_both_then_a_correction(
    new_context, live_server, log_in, screenshot, settings, section, two_journalists
):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1
    live = make_live(section=section, title="Keynote : l'IA s'invite partout")
    add_updates(live, 2, author_name="Léa Martin")
    base = live_server.url

    reader = new_context().new_page()
    cache_states = []
    reader.on("response", lambda response: "/direct/" in response.url and cache_states.append(response.headers.get("x-cache")))
    reader.goto(base + live.url)
    reader.evaluate("window.notReloaded = true")

    desks = []
    for user, text in zip(two_journalists, ("Premier modèle annoncé.", "Le prix tombe : gratuit."), strict=True):
        desk = new_context().new_page()
        log_in(desk, user.username)
        _post(desk, base, live, text)
        desks.append(desk)
    # Both press « Publier » at the same moment: two transactions on the same live page.
    for desk in desks:
        desk.get_by_role("button", name="Publier la mise à jour").click(no_wait_after=True)
    for desk in desks:
        expect(desk.get_by_text("Mise à jour publiée")).to_be_visible()
    assert LivePage.objects.get(pk=live.pk).update_seq == 4

    button = reader.locator(".live-feed__new")
    expect(button).to_have_text("2 nouvelles mises à jour", timeout=SEEN_WITHIN_MS)
    button.click()
    expect(reader.locator(".live-updates")).to_contain_text("Premier modèle annoncé.")
    expect(reader.locator(".live-updates")).to_contain_text("Le prix tombe : gratuit.")
    assert reader.locator(".live-update").count() == 4

    # A correction replaces the update in place, with no button.
    desk = desks[1]
    desk.get_by_role("link", name="Corriger").first.click()
    body = desk.locator("[contenteditable='true']").first
    body.click()
    desk.keyboard.press("Control+A")
    body.press_sequentially("Le prix tombe : 9 euros par mois.")
    expect(desk.locator("input[name='body']")).to_have_value(re.compile("9 euros par mois"))
    desk.get_by_role("button", name="Enregistrer la correction").click()
    expect(desk.get_by_text("Mise à jour corrigée")).to_be_visible()
    expect(reader.locator(".live-updates")).to_contain_text("9 euros par mois", timeout=SEEN_WITHIN_MS)
    expect(reader.locator(".live-updates")).not_to_contain_text("gratuit")
    assert reader.evaluate("window.notReloaded") is True
    assert "HIT" in cache_states, cache_states

    screenshot(reader, "live-reader-desktop.png")
    screenshot(desks[0], "live-desk-desktop.png")
    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(base + live.url)
    screenshot(phone, "live-reader-phone.png")
