"""The editor's entity suggestions: known entities not linked yet, and new names found by NER."""

from django.urls import reverse

import pytest

from articles.models import ArticlePage
from articles.suggestions import suggest_entities
from demo import factories
from entities import ner
from entities.mentions import find_mentions
from entities.models import Entity

pytestmark = pytest.mark.django_db

TEXT = "<p>Meta investit dans Scale AI. Alexandr Wang, fondateur de Scale AI, rejoint Meta. Nat Friedman, ancien PDG de GitHub, aussi.</p>"


@pytest.fixture
def story(section, author):
    meta = factories.make_entity(name="Meta", slug="meta", aliases=["Facebook"])
    scale = factories.make_entity(name="Scale AI", slug="scale-ai")
    factories.make_entity(name="Mistral AI", slug="mistral-ai")  # not in the text
    factories.make_entity(name="OpenAI", slug="openai", live=False)  # a draft entity is never suggested
    article = factories.make_article(
        section=section,
        publish=False,
        authors=[author],
        title="Meta et Scale AI",
        body=[{"type": "paragraph", "value": TEXT}],
        entities=[scale],
    )
    return article, meta, scale


@pytest.fixture
def without_ner_model(monkeypatch):
    """A server where fr_core_news_sm is not installed: spaCy really fails to load it."""
    monkeypatch.setattr(ner, "MODEL", "fr_core_news_absent")
    monkeypatch.setattr(ner, "_nlp", None)
    monkeypatch.setattr(ner, "_unavailable", False)
    yield
    monkeypatch.setattr(ner, "_nlp", None)
    monkeypatch.setattr(ner, "_unavailable", False)


def test_known_entities_not_linked_yet_are_suggested_once(story):
    article, meta, _ = story

    suggestions = suggest_entities(article)

    assert suggestions.known == [meta]


def test_unknown_people_are_found_by_french_ner(story):
    article, _, _ = story

    names = [candidate.text for candidate in suggest_entities(article).unknown]

    assert "Alexandr Wang" in names and "Nat Friedman" in names
    assert "Meta" not in names and "Scale AI" not in names
    kinds = {candidate.text: candidate.kind for candidate in suggest_entities(article).unknown}
    assert kinds["Alexandr Wang"] == "personne"


def test_without_the_model_the_panel_says_so_and_known_entities_still_work(client, story, journalist, without_ner_model):
    article, meta, _ = story

    suggestions = suggest_entities(article)
    client.force_login(journalist)
    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert suggestions.known == [meta] and not suggestions.ner_available
    assert "n’est pas installé sur ce serveur" in page
    assert reverse("articles_entity_link", args=[article.pk, meta.pk]) in page


def test_panel_lists_suggestions_in_the_editor(client, story, journalist):
    article, meta, scale = story
    client.force_login(journalist)

    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert "Entités repérées dans le texte" in page
    assert reverse("articles_entity_link", args=[article.pk, meta.pk]) in page
    assert reverse("articles_entity_link", args=[article.pk, scale.pk]) not in page
    assert 'data-name="Alexandr Wang"' in page


def test_one_click_links_a_known_entity_as_a_new_draft(client, story, journalist):
    article, meta, scale = story
    client.force_login(journalist)

    response = client.post(reverse("articles_entity_link", args=[article.pk, meta.pk]))
    again = client.post(reverse("articles_entity_link", args=[article.pk, meta.pk]))

    assert response.status_code == 200 and "est liée" in response.json()["message"]
    assert "déjà liée" in again.json()["message"]
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [link.entity_id for link in draft.entity_links.all()] == [scale.pk, meta.pk]


def test_one_click_creates_a_person_from_a_name_and_links_it(client, story, journalist):
    article, _, _ = story
    client.force_login(journalist)

    response = client.post(reverse("articles_entity_create", args=[article.pk]), {"name": "Alexandr Wang", "kind": "personne"})

    assert response.status_code == 200
    wang = Entity.objects.get(name="Alexandr Wang")
    assert wang.kind == "personne" and wang.live and wang.slug == "alexandr-wang"
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert wang.pk in [link.entity_id for link in draft.entity_links.all()]
    # The detector knows the new entity at once.
    assert find_mentions("Alexandr Wang rejoint Meta.")[0].entity.pk == wang.pk


def test_bad_requests_and_other_roles_are_refused(client, story, sales, journalist):
    article, meta, _ = story
    client.force_login(journalist)
    bad_kind = client.post(reverse("articles_entity_create", args=[article.pk]), {"name": "X", "kind": "pirate"})
    empty = client.post(reverse("articles_entity_create", args=[article.pk]), {"name": "  ", "kind": "personne"})
    get = client.get(reverse("articles_entity_link", args=[article.pk, meta.pk]))
    client.force_login(sales)
    sales_link = client.post(reverse("articles_entity_link", args=[article.pk, meta.pk]))
    sales_create = client.post(reverse("articles_entity_create", args=[article.pk]), {"name": "Intrus", "kind": "personne"})

    assert bad_kind.status_code == 400 and empty.status_code == 400 and get.status_code == 405
    assert sales_link.status_code == 403 and sales_create.status_code == 403
    assert not Entity.objects.filter(name__in=["X", "Intrus"]).exists()
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert meta.pk not in [link.entity_id for link in draft.entity_links.all()]


def test_default_index_sees_live_entities_only_and_follows_edits(db):
    draft = factories.make_entity(name="OpenAI", slug="openai", live=False)
    meta = factories.make_entity(name="Meta", slug="meta")

    assert [mention.entity.pk for mention in find_mentions("OpenAI et Meta")] == [meta.pk]

    Entity.objects.filter(pk=draft.pk).update(live=True, name="OpenAI")  # another process publishes it
    Entity.objects.filter(pk=draft.pk).update(updated_at=draft.updated_at.replace(year=2099))

    assert [mention.entity.pk for mention in find_mentions("OpenAI et Meta")] == [draft.pk, meta.pk]


def test_linking_works_on_a_draft_missing_required_fields(client, story, journalist):
    article, meta, _ = story
    draft = article.get_latest_revision_as_object()
    draft.chapo = ""
    draft.save_revision(clean=False)
    client.force_login(journalist)

    response = client.post(reverse("articles_entity_link", args=[article.pk, meta.pk]))

    assert response.status_code == 200
    assert meta.pk in [link.entity_id for link in ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().entity_links.all()]


def test_a_page_in_review_cannot_be_changed_through_the_panel(client, story, journalist, author):
    from tests.admin_forms import article_form

    article, meta, _ = story
    client.force_login(journalist)
    client.post(
        f"/admin/pages/{article.pk}/edit/", {**article_form(author, slug=article.slug, title=article.title), "action-submit": "Soumettre"}
    )
    assert ArticlePage.objects.get(pk=article.pk).workflow_in_progress

    response = client.post(reverse("articles_entity_link", args=[article.pk, meta.pk]))

    assert response.status_code == 403


def test_civilities_are_not_part_of_a_name():
    found = ner.named_entities("Selon M. Alexandr Wang, fondateur de Scale AI, la course continue.")
    assert found is not None
    assert all(not candidate.text.startswith("M. ") for candidate in found)


def test_words_only_in_a_surtitre_title_or_heading_are_never_suggested(section, author):
    article = factories.make_article(
        section=section,
        publish=False,
        authors=[author],
        kicker="Souveraineté",
        title="Intelligence artificielle : la course européenne",
        chapo="Documentation, modèles ouverts et capital : la jeune pousse accélère.",
        body=[
            {"type": "heading", "value": {"text": "DES ACQUISITIONS AVORTÉES", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Souveraineté : la start-up Mistral AI lève des fonds auprès de Bpifrance.</p>"},
        ],
    )

    suggested = {candidate.text: candidate.kind for candidate in suggest_entities(article).unknown}

    assert suggested == {"Mistral AI": "entreprise", "Bpifrance": "entreprise"}
