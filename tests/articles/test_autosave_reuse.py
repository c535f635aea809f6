"""Starting the same article again reuses one's own autosaved draft instead of a slug clash."""

import pytest

from articles.models import ArticlePage
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


def create_url(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def test_a_second_start_with_the_same_title_reuses_the_autosaved_draft(client, section, author, journalist):
    client.force_login(journalist)
    # The first form's autosave (JSON) created the draft, then the journalist left it.
    first = client.post(create_url(section), article_form(author, chapo="Première version."), headers={"Accept": "application/json"})
    assert first.status_code == 200 and first.json()["success"], first.content[:500]
    draft = ArticlePage.objects.get(slug="pari-de-meta")

    # A new « Ajouter un article » with the same title: its autosave, then « Enregistrer le brouillon ».
    autosave = client.post(create_url(section), article_form(author, chapo="Deuxième version."), headers={"Accept": "application/json"})
    assert autosave.status_code == 200, autosave.content[:1000]
    assert autosave.json()["success"]
    saved = client.post(create_url(section), article_form(author, chapo="Troisième version."))

    assert saved.status_code == 302
    assert saved.url.startswith(f"/admin/pages/{draft.pk}/edit/")
    assert ArticlePage.objects.filter(slug__startswith="pari-de-meta").count() == 1
    assert ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object().chapo == "Troisième version."
    assert "a été repris" in client.get(saved.url).content.decode()


def test_a_colleagues_draft_is_never_taken_over(client, section, author, journalist, editor):
    client.force_login(editor)
    client.post(create_url(section), article_form(author))
    client.force_login(journalist)

    response = client.post(create_url(section), article_form(author, chapo="Le mien."))

    assert response.status_code == 200
    assert "est déjà utilisé" in response.content.decode()
    assert ArticlePage.objects.get(slug="pari-de-meta").get_latest_revision_as_object().chapo == "Meta recrute à prix d'or."


def test_a_published_article_is_never_taken_over(client, section, author, journalist, editor):
    client.force_login(journalist)
    client.post(create_url(section), article_form(author))
    page = ArticlePage.objects.get(slug="pari-de-meta")
    page.get_latest_revision().publish()

    response = client.post(create_url(section), article_form(author, chapo="Autre sujet."))

    assert response.status_code == 200
    assert "est déjà utilisé" in response.content.decode()
