"""The publishing checklist: blockers refuse every publish path, warnings only warn, the rédaction
en chef decides which is which in *Paramètres*."""

import logging

from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from articles.checklist import PublicationBlocked
from articles.models import ArticlePage, PublishingChecklist
from demo import factories
from newsroom import scheduler
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db

EMPTY_BODY = '[{"type": "paragraph", "value": "<p> </p>"}]'


@pytest.fixture(autouse=True)
def _checklist_on(settings):
    # Off by default in the test settings for tests about something else (see newsroom/settings/test.py).
    settings.NEWSROOM_PUBLISHING_CHECKLIST = True


def create_url(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def complete_form(author, image, **overrides):
    return {**article_form(author, hero_image=image.pk, hero_alt="Le siège de Meta à Menlo Park", **overrides)}


def test_publishing_an_empty_article_without_image_is_refused_with_french_reasons(client, section, author, editor):
    client.force_login(editor)
    data = {**article_form(author), "body-count": "0", "action-publish": "Publier"}

    response = client.post(create_url(section), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Le corps de l’article est vide" in html
    assert "Choisissez une image principale." in html
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_a_draft_may_lack_what_the_checklist_asks(client, section, author, journalist):
    client.force_login(journalist)

    response = client.post(create_url(section), {**article_form(author), "body-count": "0"})

    assert response.status_code == 302
    assert not ArticlePage.objects.get(slug="pari-de-meta").live


def test_a_complete_article_publishes_and_warnings_do_not_block(client, section, author, editor):
    image = factories.make_image()
    client.force_login(editor)
    # No linked entity: a warning by default.
    response = client.post(create_url(section), {**complete_form(author, image), "action-publish": "Publier"})

    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="pari-de-meta")
    assert article.live
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "data-checklist-warnings" in edit
    assert "Liez au moins une entité" in edit
    assert "data-checklist-blockers" not in edit


def test_approving_a_blocked_article_in_the_workflow_is_refused_and_nothing_changes(client, section, author, journalist, editor):
    article = factories.make_article(section=section, publish=False, authors=[author], title="Sans image")
    # The journalist submitted it while the checklist was off, as an older version allowed.
    from wagtail.models import Workflow

    Workflow.objects.get(name="Relecture").start(article, journalist)
    task_state = article.current_workflow_task_state
    client.force_login(editor)

    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]), {})

    # Wagtail's admin answers a refusal with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live
    # The approval was rolled back with the refused publication: still waiting for review.
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_every_other_path_through_publish_is_refused(section, author, editor):
    article = factories.make_article(section=section, publish=False, authors=[author], body=None)
    ArticlePage.objects.filter(pk=article.pk).update()
    revision = article.save_revision()

    with pytest.raises(PublicationBlocked) as refused:
        revision.publish(user=editor)

    assert "Choisissez une image principale." in str(refused.value)
    article.refresh_from_db()
    assert not article.live


def test_a_blocked_scheduled_go_live_stays_back_and_is_reported_late(client, section, author, settings, caplog):
    settings.NEWSROOM_SCHEDULE_GRACE = 0
    article = factories.make_article(section=section, publish=False, authors=[author], title="Programmé sans image")
    settings.NEWSROOM_PUBLISHING_CHECKLIST = False
    factories.schedule(article, overdue=True)
    settings.NEWSROOM_PUBLISHING_CHECKLIST = True

    with caplog.at_level(logging.WARNING, logger="articles.checklist"):
        assert scheduler.publish_due_pages() is True

    assert not ArticlePage.objects.get(pk=article.pk).live
    assert "held back by the checklist" in caplog.text
    assert client.get("/health/").json()["scheduler"]["overdue_page_ids"] == [article.pk]


def test_the_redaction_en_chef_turns_a_blocker_into_a_warning(client, section, author, editor):
    image = factories.make_image()
    client.force_login(editor)
    settings_url = reverse("wagtailsettings:edit", args=["articles", "publishingchecklist", PublishingChecklist.load().pk])
    fields = {"body": "warning", "hero_image": "blocker", "chapo": "blocker", "tags": "warning", "entities": "warning"}
    fields |= {"headline": "warning", "unpublished_links": "blocker"}

    response = client.post(settings_url, fields)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PublishingChecklist.load().body == "warning"
    data = {**complete_form(author, image), "body-count": "0", "action-publish": "Publier"}
    assert client.post(create_url(section), data).status_code == 302
    assert ArticlePage.objects.get(slug="pari-de-meta").live


def test_journalists_cannot_change_the_checklist(client, journalist):
    client.force_login(journalist)

    response = client.get(reverse("wagtailsettings:edit", args=["articles", "publishingchecklist"]))

    assert response.status_code in (302, 403)
    assert "Bloquant" not in response.content.decode()


def test_a_link_to_an_unpublished_article_blocks_and_names_it(client, section, author, editor):
    image = factories.make_image()
    draft = factories.make_article(section=section, publish=False, title="Brouillon confidentiel")
    client.force_login(editor)
    from wagtail.test.utils.form_data import inline_formset

    data = {**complete_form(author, image, related_articles=inline_formset([{"target": draft.pk}])), "action-publish": "Publier"}
    response = client.post(create_url(section), data)

    assert response.status_code == 200
    assert "Liens vers des pages non publiées" in response.content.decode()
    assert "Brouillon confidentiel" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_a_long_headline_is_a_warning_in_the_editor(client, section, author, editor):
    article = factories.make_article(section=section, publish=False, authors=[author], title="Un titre " * 10)
    client.force_login(editor)

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    warnings = html.split("data-checklist-warnings", 1)[1].split("</div>", 1)[0]
    assert "fait 89\u00a0caractères (au plus 70)" in warnings
