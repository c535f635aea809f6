"""The editorial flow end to end, in a real browser: a journalist writes, the rédaction en chef
publishes through the « Relecture » workflow, a reader reads.

The home page, the groups and the workflow come from a data migration. live_server tests are
transactional: Django empties every table after them, migration data included. With
serialized_rollback, Django reloads the database as migrations left it at the start of the test,
so this test finds its set-up even after another transactional test; and pytest-django runs the
ordinary (rolled-back) database tests before the transactional ones, so they never see the flush.
"""

import re

from django.utils.html import strip_tags

from wagtail.models import Site

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from articles.models import ArticlePage
from newsroom.models import SiteIdentity
from tests.browser.helpers import AutosaveWatcher

# A hostile headline: an apostrophe, a colon and a quoted word, as typed on a French keyboard…
HEADLINE = 'L\'IA : le "pari" de Meta'
# …and as readers must see it: typographic apostrophe, no-break space before the colon, French
# quotes with narrow no-break spaces inside.
HEADLINE_TYPESET = "L’IA\u00a0: le «\u202fpari\u202f» de Meta"
KICKER = "Intelligence artificielle"
CHAPO = "Le groupe de Mark Zuckerberg mise des milliards sur une superintelligence encore lointaine."
INTERTITRE = "Des acquisitions avortées"
PARAGRAPH = "Depuis la fin de 2024, le groupe a multiplié les discussions avec de jeunes pousses."
IMAGE_TITLE = "Schéma des investissements de Meta"
IMAGE_ALT = "Des blocs de couleur empilés, comme autant de milliards investis"
AUTHOR = "Claire Dubreuil"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_journalist_writes_editor_publishes_reader_reads(
    live_server, new_context, log_in, screenshot, section, author, journalist, editor, tmp_path
):
    base = live_server.url
    site = Site.objects.get(is_default_site=True)
    picture = _make_picture(tmp_path / "investissements-meta.png")

    # 1. The journalist writes the article in the page editor and submits it to « Relecture ».
    desk = new_context().new_page()
    log_in(desk, journalist.username)
    desk.goto(f"{base}/admin/pages/")
    # Screenshots under guides/ illustrate docs/guides/ (the guide test checks each one is made here).
    screenshot(desk, "guides/journaliste-1-rubriques.png")
    rubrique = desk.get_by_role("row").filter(has=desk.get_by_role("link", name="Business", exact=True))
    rubrique.get_by_role("button", name=re.compile(r"Plus d’options pour «\s*Business\s*»")).click()
    rubrique.get_by_role("link", name="Ajouter une sous-page", exact=True).click()
    # A rubrique takes articles and directs (live/): Wagtail asks which, the journalist picks « Article ».
    desk.get_by_role("link", name=re.compile(r"^Article\b")).first.click()
    expect(desk).to_have_url(re.compile(r"/admin/pages/add/articles/articlepage/\d+/"))
    autosave = AutosaveWatcher(desk)
    screenshot(desk, "guides/journaliste-2-nouvel-article.png")

    desk.get_by_role("textbox", name="Surtitre").fill(KICKER)
    desk.get_by_role("textbox", name=re.compile(r"^Titre")).fill(HEADLINE)
    desk.get_by_role("textbox", name=re.compile(r"^Chapô")).fill(CHAPO)

    body = desk.get_by_role("region", name="Corps de l’article", exact=True)

    def add_block(label):
        body.get_by_role("button", name="Insérer un bloc").last.click()
        desk.get_by_role("option", name=label, exact=True).click()
        return body.locator("[data-streamfield-child]").last

    # Wagtail focuses the first field of a new block once it has slid open: wait for it, else the
    # late focus lands in the middle of the next step (keystrokes went to the previous field).
    heading = add_block("Intertitre")
    expect(heading.get_by_label("Texte")).to_be_focused()
    heading.get_by_label("Texte").fill(INTERTITRE)
    expect(heading.get_by_label("Niveau")).to_have_value("h2")

    paragraph = add_block("Paragraphe")
    rich_text = paragraph.get_by_role("textbox")  # Draftail: a contenteditable, typed into like a person
    expect(rich_text).to_be_focused()
    desk.keyboard.type(PARAGRAPH)
    expect(rich_text).to_have_text(PARAGRAPH)

    figure = add_block("Image")
    figure.get_by_role("button", name="Choisir une image").click()
    chooser = desk.get_by_role("dialog")
    chooser.get_by_role("tab", name="Téléverser").click()
    chooser.get_by_label("Fichier").set_input_files(picture)
    chooser.get_by_label("Titre").fill(IMAGE_TITLE)
    chooser.get_by_role("button", name="Téléverser").click()
    expect(chooser).to_be_hidden()
    expect(figure).to_contain_text(IMAGE_TITLE)  # the uploaded image is the block's choice
    figure.get_by_label("Texte alternatif").fill(IMAGE_ALT)

    authors = desk.get_by_role("region", name="Auteurs", exact=True)
    authors.get_by_role("button", name="Ajouter\u00a0: auteur").click()
    chooser = desk.get_by_role("dialog")
    chooser.get_by_role("checkbox", name=AUTHOR).check()
    chooser.get_by_role("button", name="Confirmer la sélection").click()
    expect(chooser).to_be_hidden()
    # MultipleChooserPanel(min_num=1) renders an empty « Auteur 1 » that the chooser above does
    # not fill (wagtail#12461): left there, it fails validation. Remove any empty slot.
    empty_slots = authors.locator("[data-inline-panel-child]").filter(has=desk.get_by_role("button", name="Choisir auteur"))
    for slot_id in empty_slots.evaluate_all("slots => slots.map((slot) => slot.id)"):
        slot = authors.locator(f"#{slot_id}")
        slot.get_by_role("button", name="Supprimer").click()
        expect(slot).to_be_hidden()
    expect(authors).to_contain_text(AUTHOR)

    # A journalist may save and submit, never publish.
    desk.get_by_role("button", name="Plus d'actions").click()
    submit = desk.get_by_role("button", name="Soumettre à Relecture")
    expect(submit).to_be_visible()
    screenshot(desk, "guides/journaliste-3-soumettre.png")
    expect(desk.get_by_role("button", name=re.compile("Publier"))).to_have_count(0)
    autosave.wait_until_quiet()
    submit.click()
    submitted = desk.get_by_text("a été soumise pour modération")
    expect(submitted.or_(desk.get_by_text("du fait d'erreurs de validation"))).to_be_visible()
    assert submitted.is_visible(), f"the submission failed: {_form_errors(desk)}"
    screenshot(desk, "guides/journaliste-4-soumis.png")

    article = ArticlePage.objects.get(title=HEADLINE)
    assert not article.live
    assert article.get_parent().specific == section
    assert article.current_workflow_state.status == "in_progress"
    assert article.current_workflow_task.name == "Validation par la rédaction en chef"
    draft = article.get_latest_revision_as_object()
    assert draft.kicker == KICKER
    assert draft.chapo == CHAPO
    assert [block.block_type for block in draft.body] == ["heading", "paragraph", "image"]
    assert draft.body[0].value["text"] == INTERTITRE
    assert strip_tags(draft.body[1].value.source) == PARAGRAPH
    assert draft.body[2].value["image"].title == IMAGE_TITLE
    assert draft.body[2].value["alt"] == IMAGE_ALT
    assert [byline.author for byline in draft.article_authors.all()] == [author]
    public_url = base + article.relative_url(site)

    reader = new_context().new_page()
    response = reader.goto(public_url)
    assert response.status == 404, "an article awaiting review must not be public"

    # 2. The rédaction en chef approves it from the dashboard, which publishes it.
    chief = new_context().new_page()
    log_in(chief, editor.username)
    awaiting = chief.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=chief.get_by_role("link", name=HEADLINE, exact=True))
    row.get_by_role("button", name="Actions").click()
    with chief.expect_response(lambda response: "/approve/" in response.url and response.request.method == "POST") as approval:
        row.get_by_role("button", name="Approuver", exact=True).click()
    assert approval.value.status == 302
    # It leaves the review lists and joins « Publiés aujourd’hui ».
    expect(awaiting.get_by_role("link", name=HEADLINE, exact=True)).to_have_count(0)
    desk_panel = chief.locator("[data-desk-panel=redaction]")
    expect(desk_panel.locator("[data-review-row]").filter(has_text=HEADLINE)).to_have_count(0)
    expect(desk_panel.get_by_role("link", name=HEADLINE, exact=True)).to_have_count(1)

    article.refresh_from_db()
    assert article.live
    assert not article.has_unpublished_changes
    assert article.current_workflow_state is None

    # 3. A reader finds it from the home page, through its rubrique.
    reader.goto(f"{base}/")
    expect(reader.get_by_role("link", name=HEADLINE_TYPESET).first).to_be_visible()
    screenshot(reader, "editorial-flow-1-home.png")

    reader.get_by_role("navigation").get_by_role("link", name="Business", exact=True).first.click()
    expect(reader).to_have_url(base + section.relative_url(site))
    screenshot(reader, "editorial-flow-2-section.png")

    with reader.expect_navigation() as navigation:
        reader.get_by_role("link", name=HEADLINE_TYPESET).first.click()
    assert navigation.value.status == 200
    expect(reader).to_have_url(public_url)

    assert reader.locator("h1").inner_text() == HEADLINE_TYPESET
    assert reader.title() == f"{HEADLINE_TYPESET} – {SiteIdentity.for_site(site).name}"
    expect(reader.locator(".kicker")).to_have_text(KICKER)
    expect(reader.get_by_role("heading", level=2, name=INTERTITRE)).to_be_visible()
    expect(reader.get_by_text(PARAGRAPH)).to_be_visible()
    image = reader.get_by_role("img", name=IMAGE_ALT)
    image.scroll_into_view_if_needed()  # the body's images load lazily
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0, "the image must actually load"
    expect(reader.locator(".byline")).to_have_text(f"Par {AUTHOR}")
    screenshot(reader, "editorial-flow-3-article.png")


def _form_errors(page):
    """The editor's field errors, each with the name of its field, for a readable failure."""
    return page.evaluate(
        """() => [...document.querySelectorAll("[data-field-errors], .error-message, .help-critical")]
            .filter((node) => node.innerText.trim())
            .map((node) => {
                const field = node.closest("[data-field-wrapper], [data-streamfield-child], section") || node;
                const names = [...field.querySelectorAll("[name]")].map((input) => input.name).slice(0, 3);
                return `${names.join(", ") || field.id}: ${node.innerText.trim()}`;
            })"""
    )


def _make_picture(path):
    """A PNG with something to look at in the screenshots (and a content no other image has)."""
    width, height = 1600, 900
    picture = Image.new("RGB", (width, height), (24, 39, 71))
    draw = ImageDraw.Draw(picture)
    palette = [(66, 133, 244), (234, 67, 53), (251, 188, 5), (52, 168, 83), (171, 71, 188)]
    for column in range(8):
        for row in range(column % 5 + 1):
            x, y = 120 + column * 175, height - 120 - (row + 1) * 110
            draw.rectangle([x, y, x + 140, y + 95], fill=palette[(column + row) % len(palette)])
    draw.text((40, 40), path.name, fill=(255, 255, 255))
    picture.save(path)
    return path
