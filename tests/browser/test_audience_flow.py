"""One browser walk: a read counted by the beacon, « Les plus lus » filled on the home page, the
footer form leading to the sign-up page (screenshots at 1280 and 390 px), no console error."""

from django.core.cache import cache

import pytest
from playwright.sync_api import expect

from audience.models import ArticleReadCount
from demo import factories
from tests.browser.helpers import BrowserProblems
from tests.servers import wait_for

READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_read_is_counted_shown_in_most_read_and_the_footer_leads_to_signing_up(live_server, new_context, screenshot, home):
    section = factories.make_section(title="Business")
    article = factories.make_article(section=section, title="Mistral AI ouvre un bureau à Munich")
    factories.make_entity(name="Mistral AI", slug="mistral-ai")

    # Headless Chromium says « HeadlessChrome »: a robot to the counter, so the reader's browser says otherwise.
    page = new_context(user_agent=READER_AGENT).new_page()
    problems = BrowserProblems(page)
    page.goto(live_server.url + article.url)
    wait_for(lambda: ArticleReadCount.objects.filter(article_id=article.pk, views=1).exists(), "the beacon's count", timeout=30)
    # The article page fetched the box before its read was counted: that empty box lives a few
    # minutes in the shared cache (the live server's, in this process); skip the wait.
    cache.clear()
    page.goto(live_server.url + "/")
    box = page.locator("[data-most-read]")
    expect(box).to_be_visible()
    expect(box.get_by_role("link", name="Mistral AI ouvre un bureau à Munich").first).to_be_visible()
    screenshot(page, "audience/home-most-read-1280.png")

    page.get_by_label("Recevez l’essentiel du jour par e-mail").fill("lea@example.org")
    page.get_by_role("button", name="S’inscrire").click()
    expect(page.get_by_role("heading", name="Recevoir notre lettre")).to_be_visible()
    expect(page.get_by_label("Votre adresse e-mail")).to_have_value("lea@example.org")
    screenshot(page, "audience/subscribe-1280.png")
    page.get_by_role("button", name="M’inscrire").click()
    expect(page.get_by_text("Cochez la case pour confirmer votre accord.")).to_be_visible()
    # The refused form answers 400 on purpose, which Chromium logs as a console error.
    problems.problems = [problem for problem in problems.problems if "status of 400" not in problem]

    phone = new_context(viewport={"width": 390, "height": 844}).new_page()
    phone_problems = BrowserProblems(phone)
    phone.goto(live_server.url + "/entites/mistral-ai/")
    phone.get_by_role("button", name="Suivre Mistral AI par e-mail").click()
    expect(phone.get_by_label("Suivre Mistral AI")).to_be_checked()
    screenshot(phone, "audience/subscribe-entity-390.png")
    problems.check()
    phone_problems.check()
