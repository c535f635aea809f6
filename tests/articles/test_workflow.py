"""The editorial workflow, driven through the admin over HTTP as each role would."""

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, streamfield

import pytest

from articles.models import ArticlePage
from demo import factories
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


def create_url(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def test_journalist_submits_for_review_and_cannot_publish(client, section, author, journalist):
    client.force_login(journalist)

    response = client.post(create_url(section), {**article_form(author), "action-submit": "Soumettre"})

    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="pari-de-meta")
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Relecture"
    # A forged « publish » POST does nothing for a journalist.
    edit_url = f"/admin/pages/{article.pk}/edit/"
    client.post(edit_url, {**article_form(author), "action-publish": "Publier"})
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.url).status_code == 404


def test_journalist_sees_no_publish_button(client, section, author, journalist, editor):
    article = factories.make_article(section=section, publish=False, authors=[author])

    client.force_login(journalist)
    journalist_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    client.force_login(editor)
    editor_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert 'name="action-publish"' not in journalist_page
    assert 'name="action-submit"' in journalist_page
    assert 'name="action-publish"' in editor_page


def test_editor_approves_and_the_article_goes_live(client, section, author, journalist, editor):
    client.force_login(journalist)
    client.post(create_url(section), {**article_form(author), "action-submit": "Soumettre"})
    article = ArticlePage.objects.get(slug="pari-de-meta")

    client.force_login(editor)
    # The « Approuver » button of the dashboard and of the edit view's action menu.
    task_state = article.current_workflow_task_state
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]), {})

    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_APPROVED
    client.logout()
    public = client.get(article.url)
    assert public.status_code == 200
    assert "L’IA\u00a0: le «\u202fpari\u202f» de Meta" in public.content.decode()


def test_editor_can_reject_with_changes_requested(client, section, author, journalist, editor):
    client.force_login(journalist)
    client.post(create_url(section), {**article_form(author), "action-submit": "Soumettre"})
    article = ArticlePage.objects.get(slug="pari-de-meta")

    client.force_login(editor)
    client.post(
        f"/admin/pages/{article.pk}/edit/",
        {
            **article_form(author),
            "action-workflow-action": "true",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "Sourcez le montant."}',
        },
    )

    article.refresh_from_db()
    assert not article.live
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_NEEDS_CHANGES


def test_missing_required_fields_give_french_errors_and_save_nothing(client, section, author, editor):
    client.force_login(editor)
    before = Page.objects.count()

    response = client.post(create_url(section), {**article_form(author, chapo=""), "action-publish": "Publier"})

    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert Page.objects.count() == before


def test_hero_image_requires_alt_text(client, section, author, editor):
    client.force_login(editor)
    image = factories.make_image()

    response = client.post(create_url(section), {**article_form(author, hero_image=image.pk, hero_alt=""), "action-publish": "Publier"})

    assert response.status_code == 200
    assert "le texte alternatif est obligatoire avec une image" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_h3_before_any_h2_is_refused_in_french(client, section, author, editor):
    client.force_login(editor)
    body = streamfield([("heading", {"text": "Sous-partie", "level": "h3"})])

    response = client.post(create_url(section), {**article_form(author, body=body), "action-publish": "Publier"})

    assert response.status_code == 200
    # StreamField errors travel to the editor's JavaScript as JSON (with \u-escaped accents).
    assert "Le premier intertitre doit \\u00eatre de niveau h2" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_scheduled_article_appears_only_after_publish_scheduled(client, section, author):
    article = factories.make_article(section=section, publish=False, authors=[author], title="Sous embargo")
    revision = factories.schedule(article)
    article.refresh_from_db()

    assert not article.live
    assert client.get(article.url).status_code == 404
    assert "Sous embargo" not in client.get(section.url).content.decode()

    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=article.pk).live  # not yet due

    factories.make_due(revision)
    call_command("publish_scheduled")

    assert ArticlePage.objects.get(pk=article.pk).live
    assert client.get(article.url).status_code == 200
    assert "Sous embargo" in client.get(section.url).content.decode()
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


def test_same_author_twice_is_refused_in_french(client, section, author, editor):
    client.force_login(editor)
    form = article_form(author, article_authors=inline_formset([{"author": author.pk}, {"author": author.pk}]))

    response = client.post(create_url(section), {**form, "action-publish": "Publier"})

    assert response.status_code == 200
    assert "Cet auteur figure déjà dans la signature" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_removing_and_re_adding_an_author_in_one_edit_saves(client, section, author, editor):
    article = factories.make_article(section=section, publish=False, authors=[author], slug="pari-de-meta")
    client.force_login(editor)

    response = client.post(f"/admin/pages/{article.pk}/edit/", article_form(author))

    assert response.status_code == 302
    assert [byline.author_id for byline in ArticlePage.objects.get(pk=article.pk).article_authors.all()] == [author.pk]


def test_a_draft_may_be_saved_without_author_but_not_submitted(client, section, author, journalist):
    client.force_login(journalist)
    no_author = article_form(author, article_authors=inline_formset([]))

    submitted = client.post(create_url(section), {**no_author, "action-submit": "Soumettre"})
    assert submitted.status_code == 200
    assert "Ajoutez au moins un auteur" in submitted.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()

    saved = client.post(create_url(section), no_author)
    assert saved.status_code == 302
    assert not ArticlePage.objects.get(slug="pari-de-meta").live
