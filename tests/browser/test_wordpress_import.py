"""A WordPress article imported with `import_wordpress`, read in Chromium: its old permalink and its
`/?p=<id>` address lead to the new page, which shows the converted body and the featured image."""

import io

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BrowserProblems
from tests.wordpress.wxr import SITE, Post, attachment, jpeg, media_file, write_export

BODY = """Meta a multiplié les discussions avec de jeunes pousses de l'IA générative, sans succès.
Les fondateurs voulaient garder leur indépendance.

<h3>Des acquisitions avortées</h3>
Les valorisations demandées étaient jugées <strong>trop élevées</strong>.
<script>document.body.innerHTML = "piraté"</script>
<blockquote>Nous préférons construire seuls.<cite>Un fondateur</cite></blockquote>
<h2>Recruter à prix d'or</h2>
<ul><li>des primes à l'embauche</li><li>des salaires annuels hors normes</li></ul>"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_imported_article_and_its_old_address_in_the_browser(live_server, page, screenshot, tmp_path):
    media = tmp_path / "uploads"
    media_file(media, "2025/07/siege.jpg", jpeg((20, 60, 120), size=(1200, 675)))
    posts = [
        attachment(501, "2025/07/siege.jpg", title="Siège", alt="La façade d'un siège social vitré", caption="Le siège du groupe"),
        Post(
            77,
            "Des rachats manqués aux recrutements : la méthode de Meta",
            content=BODY,
            slug="rachats-manques",
            link=f"{SITE}/2025/07/02/rachats-manques/",
            excerpt="Après des rachats manqués, Meta recrute à prix d'or.",
            categories=[("intelligence-artificielle", "Intelligence artificielle")],
            meta={"_thumbnail_id": "501"},
        ),
    ]
    call_command(
        "import_wordpress",
        str(write_export(tmp_path, posts)),
        "--media",
        str(media),
        "--report",
        str(tmp_path / "rapport.csv"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    problems = BrowserProblems(page)
    new_url = f"{live_server.url}/intelligence-artificielle/rachats-manques/"

    # The old permalink, as a search engine or another site links to it.
    response = page.goto(f"{live_server.url}/2025/07/02/rachats-manques/")
    assert response.status == 200 and response.request.redirected_from.response().status == 301
    expect(page).to_have_url(new_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Des rachats manqués aux recrutements\u00a0: la méthode de Meta")
    expect(page.get_by_role("heading", level=2, name="Des acquisitions avortées")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Recruter à prix d’or")).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text("Nous préférons construire seuls.")
    expect(page.get_by_role("listitem").filter(has_text="des primes à l’embauche")).to_be_visible()
    hero = page.get_by_role("img", name="La façade d’un siège social vitré")
    expect(hero).to_be_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", hero.element_handle())
    expect(page.locator("body")).not_to_contain_text("piraté")
    screenshot(page, "wordpress-import-article.png")

    # WordPress's own short address.
    page.goto(f"{live_server.url}/?p=77")
    expect(page).to_have_url(new_url)
    problems.check()
