"""Sales end to end, in a real browser: the demo sales user uploads a logo, creates a partner live from
today, sees it in the public « Ils nous font confiance » block, and gets no editor on an article.

Transactional like the editorial flow (see test_editorial_flow.py for why serialized_rollback).
The partners' click route is mounted by tests/partners/urls.py until newsroom/urls.py mounts it.
"""

import re
from pathlib import Path

from django.conf import settings

import pytest
from playwright.sync_api import expect

from demo import factories as article_factories
from demo.logos import wordmark
from partners.models import Partner, paris_today

PARTNER = "pricefactory.fr"
LOGO_ALT = "Logo de pricefactory.fr"
BASE_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "base.html"


@pytest.mark.urls("tests.partners.urls")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sales_upload_a_logo_create_a_partner_and_cannot_edit_articles(
    live_server, page, log_in, screenshot, section, author, sales, tmp_path
):
    base = live_server.url
    article = article_factories.make_article(section=section, authors=[author], title="Un article de la rédaction")
    logo_file = tmp_path / "pricefactory.png"
    logo_file.write_bytes(wordmark(PARTNER, colour_index=3))

    # 1. The sales user logs in and creates a partner, uploading its logo from the chooser.
    log_in(page, sales.username)
    page.goto(f"{base}/admin/snippets/partners/partner/add/")
    page.get_by_role("textbox", name=re.compile(r"^Nom")).fill(PARTNER)
    page.get_by_role("textbox", name=re.compile(r"^Adresse de destination")).fill("https://pricefactory.fr/")
    page.get_by_role("button", name="Choisir une image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Téléverser").click()
    chooser.get_by_label("Fichier").set_input_files(logo_file)
    chooser.get_by_label("Titre").fill(f"Logo {PARTNER}")
    chooser.get_by_role("button", name="Téléverser").click()
    expect(chooser).to_be_hidden()
    page.get_by_role("textbox", name=re.compile(r"^Texte alternatif du logo")).fill(LOGO_ALT)
    # « Visible à partir du » defaults to today, Paris time: the partner is live at once.
    # The filled form illustrates « Partenaires et contenus sponsorisés » (docs/guides/).
    screenshot(page, "guides/commercial-1-nouveau-partenaire.png")
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/partners/partner/$"))
    expect(page.get_by_role("link", name=PARTNER)).to_be_visible()

    partner = Partner.objects.get(name=PARTNER)
    assert partner.active_from == paris_today()
    assert partner.logo.collection.name == "Partenaires"
    assert partner.latest_revision.user == sales

    # 2. The sales user cannot open the page editor.
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(rf"/admin/pages/{article.pk}/edit/"))

    # 3. The partner shows in the public block, its link marked sponsored and counted.
    if "partner_block" not in BASE_TEMPLATE.read_text():
        pytest.skip("templates/base.html does not include {% partner_block %} yet (integration step)")
    reader = page.context.new_page()
    reader.goto(f"{base}/")
    block = reader.get_by_role("complementary", name="Ils nous font confiance")
    logo = block.get_by_role("img", name=LOGO_ALT)
    logo.scroll_into_view_if_needed()
    expect(logo).to_be_visible()
    expect(logo).to_have_js_property("complete", True)
    assert logo.evaluate("img => img.naturalWidth") > 0
    link = block.get_by_role("link", name=LOGO_ALT)
    expect(link).to_have_attribute("rel", "sponsored noopener")
    # The home page's block: home-page partners plus the site-wide ones, counted as « accueil ».
    expect(link).to_have_attribute("href", f"/partenaires/{partner.pk}/accueil/")
    screenshot(reader, "partners-home.png")
    screenshot(reader, "guides/commercial-7-bloc-public.png")
