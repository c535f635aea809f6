"""A sales person's day in Chromium: a reader sees and clicks a partner's logo (counted by the block's
script and the click redirect), sales read the list, the chart, export the CSV for French Excel,
make a report link and the partner opens it logged out, with its PDF. Screenshots of the list, the
chart and the partner report (desktop 1280 px and phone 390 px) go to test-artifacts/screenshots/.
"""

import csv
import datetime
import io
import re
import time

import pytest
from playwright.sync_api import expect

from demo import factories as article_factories
from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today

PHONE = {"width": 390, "height": 844}
DEADLINE_SECONDS = 60
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def wait_for(condition, what: str):
    """Poll the database until `condition()` holds (the browser's requests land asynchronously)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"jamais arrivé : {what}")


@pytest.mark.urls("tests.partners.urls")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sales_day_from_a_logo_shown_to_a_partner_report(live_server, new_context, log_in, screenshot, section, sales):
    base = live_server.url
    today = paris_today()
    partner = make_partner(
        name="pricefactory.fr", url="https://pricefactory.example/offre", on_home=True, active_until=today + datetime.timedelta(days=6)
    )
    make_partner(name="stereance.com", on_site=True)

    # 1. A reader sees the block (its script reports the logos shown) and clicks a logo.
    # Headless Chromium announces itself (« HeadlessChrome »), and robots are not counted: the
    # reader's browser says what a desktop Chrome says.
    reader = new_context(user_agent=READER_AGENT)
    reader.route("https://pricefactory.example/**", lambda route: route.fulfill(status=200, body="Bienvenue", content_type="text/plain"))
    home = reader.new_page()
    home.goto(f"{base}/")
    block = home.get_by_role("complementary", name="Ils nous font confiance")
    block.scroll_into_view_if_needed()
    wait_for(lambda: ClickCount.objects.filter(partner=partner, placement="accueil", impressions=1).exists(), "l'affichage compté")
    assert not reader.cookies()  # nothing set for a reader, not even by the count
    block.get_by_role("link", name="pricefactory.fr").click()
    expect(home).to_have_url("https://pricefactory.example/offre")
    wait_for(lambda: ClickCount.objects.filter(partner=partner, placement="accueil", clicks=1).exists(), "le clic compté")

    # 2. Sales read the list: thumbnail, « en ligne », the campaign ending in 6 days, visible buttons.
    desk = new_context()
    page = desk.new_page()
    log_in(page, sales.username)
    page.goto(f"{base}/admin/snippets/partners/partner/")
    expect(page.get_by_text("se termine dans 6 jours")).to_be_visible()
    expect(page.get_by_role("link", name="Réordonner")).to_be_visible()
    screenshot(page, "sales-list.png")
    # Screens under guides/ illustrate « Partenaires et contenus sponsorisés » (docs/guides/).
    screenshot(page, "guides/commercial-2-liste.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8-sig")  # the BOM is there: French Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Nom" and [row[0] for row in rows if row[0] == "pricefactory.fr"] == ["pricefactory.fr"]

    # 3. The chart: one line per partner, values written, the figures as a table.
    page.goto(f"{base}/admin/partenaires/statistiques/")
    chart = page.locator("svg.partner-chart__svg")
    expect(chart).to_be_visible()
    expect(chart.locator("text", has_text="pricefactory.fr")).to_have_count(1)
    expect(page.get_by_role("row", name=re.compile(r"^pricefactory\.fr 1 1 100"))).to_be_visible()  # 1 shown, 1 click, 100 %
    screenshot(page, "sales-chart.png")
    screenshot(page, "guides/commercial-3-statistiques.png")

    # 4. A report link for the partner, opened logged out, with its PDF.
    page.get_by_role("link", name="Envoyer un rapport à un partenaire").click()
    page.get_by_role("combobox", name="Partenaire").select_option(label="pricefactory.fr")
    page.get_by_label("Lien valable (jours)").fill("14")
    page.get_by_role("button", name="Créer le lien").click()
    link = page.get_by_label("Copiez ce lien dans votre e-mail :").input_value()
    assert link.startswith(f"{base}/partenaires/rapport/")
    screenshot(page, "guides/commercial-4-lien-rapport.png")

    for viewport, suffix in (({"width": 1280, "height": 900}, ""), (PHONE, "-phone")):
        partner_view = new_context(viewport=viewport).new_page()
        partner_view.goto(link)
        expect(partner_view.get_by_role("heading", level=1)).to_have_text("pricefactory.fr")
        expect(partner_view.get_by_text("stereance.com")).to_have_count(0)
        expect(partner_view.locator("svg.partner-chart__svg")).to_be_visible()
        screenshot(partner_view, f"partner-report{suffix}.png")
        if not suffix:
            screenshot(partner_view, "guides/commercial-5-rapport-partenaire.png")
    pdf = partner_view.request.get(f"{link}pdf/")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")

    # 5. The sponsored articles: sales see them listed, with their partner, without any editor.
    article_factories.make_article(section=section, sponsor=partner, title="Comment fixer ses prix en 2027")
    page.goto(f"{base}/admin/rapports/articles-sponsorises/")
    expect(page.get_by_role("cell", name="Comment fixer ses prix en 2027")).to_be_visible()
    expect(page.locator("table a[href*='/admin/pages/']")).to_have_count(0)
    screenshot(page, "guides/commercial-6-articles-sponsorises.png")

    phone = new_context(viewport=PHONE).new_page()
    log_in(phone, sales.username)
    phone.goto(f"{base}/admin/snippets/partners/partner/")
    screenshot(phone, "sales-list-phone.png")
