"""Entities end to end, in a real browser: a journalist accepts the entities that the « Entités
repérées dans le texte » panel finds in a draft, the rédaction en chef publishes it, and a reader
goes from the article to an entity's page and back.

The panel reads the latest saved revision: known entities through the mention detector, new
names through spaCy's French model (fr_core_news_sm). Each of its buttons posts, creates a new
draft revision holding the link, then reloads the editor.
"""

import re

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from demo import factories
from entities.models import Deal, Entity
from tests.browser.conftest import screenshot_path
from tests.browser.helpers import AutosaveWatcher, BrowserProblems

TITLE = "Meta parie sur les données de Scale AI"
# The base records 14,3 billion dollars: the panels warn that the text rounds it beyond tolerance.
BODY = "<p>Meta investit 14 milliards de dollars dans Scale AI. Alexandr Wang rejoint Meta.</p>"
# In the body alone, spaCy's small French model tags « Alexandr Wang » as a place (LOC): this
# chapô, where fr_core_news_sm 3.8 finds him as a person (PER), lets the test reach « Créer la
# personne ». The test still passes, without that step, if another model version misses him.
CHAPO = "Mark Zuckerberg recrute Alexandr Wang, le patron de Scale AI."
NEW_PERSON = "Alexandr Wang"

PANEL = "Entités repérées dans le texte"
KNOWN_HEADING = "Entités connues, pas encore liées"
NER_HEADING = "Noms repérés qui ne sont pas encore des entités"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_journalist_accepts_suggested_entities_and_reader_follows_them(live_server, new_context, log_in, screenshot, journalist, editor):
    base = live_server.url
    site = Site.objects.get(is_default_site=True)
    section = factories.make_section(title="Business")
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil", role="Journaliste")
    meta = factories.make_entity(name="Meta", slug="meta", kind="entreprise", aliases=["Facebook"])
    scale = factories.make_entity(name="Scale AI", slug="scale-ai", kind="entreprise")
    Deal.objects.create(source=meta, target=scale, kind="investissement", amount=14_300_000_000, currency="USD")
    article = factories.make_article(
        section=section, publish=False, authors=[author], title=TITLE, chapo=CHAPO, body=[{"type": "paragraph", "value": BODY}]
    )
    # make_article leaves the article's child relations in memory (modelcluster): every check
    # below reads a fresh copy from the database instead of refreshing this one.
    assert not ArticlePage.objects.get(pk=article.pk).live

    # 1. The journalist opens the draft: the panel lists the known entities and the new names.
    desk = new_context().new_page()
    problems = BrowserProblems(desk)
    log_in(desk, journalist.username)
    edit_url = f"{base}/admin/pages/{article.pk}/edit/"
    response = desk.goto(edit_url)
    assert response.status == 200

    panel = suggestions_panel(desk)
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name=KNOWN_HEADING)).to_be_visible()
    for entity in (meta, scale):
        expect(known_item(panel, entity.name).get_by_role("button", name="Lier", exact=True)).to_be_visible()
    # A statistical model may miss a name: the test asks for the NER part of the panel, and for
    # the « Créer la personne » button when the name is found.
    expect(panel.get_by_role("heading", name=NER_HEADING)).to_be_visible()
    expect(panel).not_to_contain_text("n’est pas disponible")  # the model is installed
    person_found = unknown_item(panel, NEW_PERSON).get_by_role("button", name="Créer la personne", exact=True).count() > 0
    if not person_found:
        expect(panel.get_by_text("Aucun nouveau nom.", exact=True)).to_be_visible()
    # What the text says against the base: a warning with a link to the deal's record, in the
    # entities panel and in the checklist, which still lets the article through (step 2).
    finding = panel.locator("[data-entity-findings]")
    expect(finding).to_contain_text("«\u00a014 milliards de dollars\u00a0» près de Meta et Scale AI")
    expect(finding.get_by_role("link", name="Voir l’opération sur la fiche Meta")).to_have_attribute(
        "href", f"/admin/snippets/entities/entity/edit/{meta.pk}/"
    )
    expect(desk.locator("[data-checklist-warnings]")).to_contain_text("14 milliards de dollars")
    panel.scroll_into_view_if_needed()
    screenshot(desk, "entity-flow-1-editor-panel.png")
    desk.set_viewport_size({"width": 390, "height": 844})
    finding.scroll_into_view_if_needed()
    desk.screenshot(path=str(screenshot_path("entity-flow-1-editor-panel-phone.png")))
    desk.set_viewport_size({"width": 1280, "height": 900})

    # One click per entity: a new draft revision with the link, then the editor reloads on it.
    for entity in (meta, scale):
        click_and_reload(desk, known_item(panel, entity.name).get_by_role("button", name="Lier", exact=True), "/lier/")
        panel = suggestions_panel(desk)
        expect(known_item(panel, entity.name)).to_have_count(0)
    expect(panel.get_by_text("Aucune : toutes les entités citées sont liées.", exact=True)).to_be_visible()
    linked_panel = desk.locator(".w-panel__wrapper").filter(has=desk.get_by_text("Entités liées", exact=True))
    expect(linked_panel.first).to_contain_text("Meta")
    expect(linked_panel.first).to_contain_text("Scale AI")

    if person_found:
        create_person = unknown_item(panel, NEW_PERSON).get_by_role("button", name="Créer la personne", exact=True)
        click_and_reload(desk, create_person, "/creer/")
        panel = suggestions_panel(desk)
        expect(unknown_item(panel, NEW_PERSON)).to_have_count(0)
    panel.scroll_into_view_if_needed()
    screenshot(desk, "entity-flow-2-editor-panel-linked.png")

    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    linked = [link.entity.name for link in draft.entity_links.all()]
    assert linked[:2] == ["Meta", "Scale AI"], linked
    if person_found:
        person = Entity.objects.get(name=NEW_PERSON)
        assert person.live
        assert person.kind == Entity.Kind.PERSON
        assert linked == ["Meta", "Scale AI", NEW_PERSON]
    else:
        assert linked == ["Meta", "Scale AI"]
        assert not Entity.objects.filter(name=NEW_PERSON).exists()
    saved = ArticlePage.objects.get(pk=article.pk)
    assert not saved.live, "linking an entity must not publish the article"
    assert not saved.entity_links.exists(), "links go to a draft revision, not to the live page"

    # The form shows the new draft: submitting it keeps the links.
    autosave = AutosaveWatcher(desk)
    desk.get_by_role("button", name="Plus d'actions").click()
    submit = desk.get_by_role("button", name="Soumettre à Relecture")
    expect(submit).to_be_visible()
    autosave.wait_until_quiet()
    submit.click()
    submitted = desk.get_by_text("a été soumise pour modération")
    expect(submitted.or_(desk.get_by_text("du fait d'erreurs de validation"))).to_be_visible()
    assert submitted.is_visible(), "the submission failed"
    submitted_article = ArticlePage.objects.get(pk=article.pk)
    assert submitted_article.current_workflow_state.status == "in_progress"
    assert [link.entity.name for link in submitted_article.get_latest_revision_as_object().entity_links.all()] == linked

    # 2. The rédaction en chef approves it from the dashboard, which publishes it.
    chief = new_context().new_page()
    log_in(chief, editor.username)
    awaiting = chief.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=chief.get_by_role("link", name=TITLE, exact=True))
    row.get_by_role("button", name="Actions").click()
    with chief.expect_response(lambda response: "/approve/" in response.url and response.request.method == "POST") as approval:
        row.get_by_role("button", name="Approuver", exact=True).click()
    assert approval.value.status == 302
    # It leaves the review lists and joins « Publiés aujourd’hui » (the title is still a link there).
    expect(awaiting.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)
    desk_panel = chief.locator("[data-desk-panel=redaction]")
    expect(desk_panel.locator("[data-review-row]").filter(has_text=TITLE)).to_have_count(0)
    expect(desk_panel.get_by_role("link", name=TITLE, exact=True)).to_have_count(1)

    published = ArticlePage.objects.get(pk=article.pk)
    assert published.live
    assert not published.has_unpublished_changes
    assert [link.entity.name for link in published.entity_links.all()] == linked
    public_url = base + published.relative_url(site)

    # 3. A reader goes from the article to Meta's page, and back through its list of articles.
    reader = new_context().new_page()
    reader_problems = BrowserProblems(reader)
    assert reader.goto(public_url).status == 200
    box = reader.get_by_role("region", name="Dans cet article")
    expect(box.get_by_role("link")).to_have_text(linked)
    with reader.expect_navigation() as navigation:
        box.get_by_role("link", name="Meta", exact=True).click()
    assert navigation.value.status == 200
    expect(reader).to_have_url(f"{base}/entites/meta/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Meta")
    expect(reader.get_by_text("Aussi appelée : Facebook", exact=True)).to_be_visible()
    our_articles = reader.get_by_role("region", name="Nos articles sur Meta")
    to_article = our_articles.get_by_role("link", name=TITLE, exact=True)
    expect(to_article).to_be_visible()
    screenshot(reader, "entity-flow-3-entity-page.png")

    with reader.expect_navigation() as navigation:
        to_article.click()
    assert navigation.value.status == 200
    expect(reader).to_have_url(public_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)

    problems.check()
    reader_problems.check()


def suggestions_panel(page):
    """The « Entités repérées dans le texte » panel of the article editor (Contenu tab)."""
    heading = page.get_by_role("heading", name=PANEL, exact=True)
    return page.locator(".w-panel__wrapper").filter(has=heading).locator("[data-entity-suggestions]")


def known_item(panel, name):
    """The panel's row for a known entity: « Meta (entreprise) » then its « Lier » button."""
    return (
        panel.get_by_role("listitem")
        .filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*\("))
        .filter(has=panel.page.get_by_role("button", name="Lier", exact=True))
    )


def unknown_item(panel, name):
    """The panel's row for a name found by NER, with its « Créer … » button."""
    return panel.get_by_role("listitem").filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*Créer"))


def click_and_reload(page, button, endpoint):
    """Click a panel button: its POST must succeed, then the editor reloads on the new draft."""
    with (
        page.expect_navigation(wait_until="load"),
        page.expect_response(lambda response: endpoint in response.url and response.request.method == "POST") as posted,
    ):
        button.click()
    assert posted.value.status == 200, posted.value.text()
    expect(page.get_by_role("heading", name=PANEL, exact=True)).to_be_visible()
