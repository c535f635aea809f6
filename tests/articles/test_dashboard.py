"""The admin home per role: each list in one or two queries, and « Approuver » in the row."""

import re

from django.urls import reverse

from wagtail.models import Workflow, WorkflowState

import pytest

from articles import dashboard
from articles.models import ArticlePage
from demo import factories

pytestmark = pytest.mark.django_db


def submit(article, user):
    Workflow.objects.get(name="Relecture").start(article, user)
    return article.current_workflow_task_state


@pytest.fixture
def newsroom_day(section, author, journalist, editor):
    """A journalist's day: a draft, one in review, one sent back, one scheduled, one published."""
    draft = factories.make_article(section=section, publish=False, owner=journalist, title="Mon brouillon")
    in_review = factories.make_article(section=section, publish=False, owner=journalist, title="En relecture")
    submit(in_review, journalist)
    sent_back = factories.make_article(section=section, publish=False, owner=journalist, title="À reprendre")
    state = submit(sent_back, journalist)
    state.task.specific.on_action(state, editor, "reject", comment="Sourcez le chiffre du deuxième paragraphe.")
    scheduled = factories.make_article(section=section, publish=False, owner=journalist, title="Programmé demain")
    factories.schedule(scheduled)
    published = factories.make_article(section=section, publish=True, owner=journalist, title="Publié ce matin")
    factories.make_article(section=section, publish=False, owner=editor, title="Brouillon d'un autre")
    return {"draft": draft, "in_review": in_review, "sent_back": sent_back, "scheduled": scheduled, "published": published}


def titles(articles):
    return [getattr(item, "title", None) or item[0].title for item in articles]


def test_the_journalist_dashboard_lists_their_day(newsroom_day, journalist, section, django_assert_num_queries):
    with django_assert_num_queries(8):
        lists = dashboard.journalist_dashboard(user=journalist)

    assert [s.pk for s in lists["sections"]] == [section.pk]
    assert titles(lists["drafts"]) == ["Mon brouillon"]
    assert titles(lists["in_review"]) == ["En relecture"]
    assert titles(lists["sent_back"]) == ["À reprendre"]
    assert lists["sent_back"][0][1].last_comment == "Sourcez le chiffre du deuxième paragraphe."
    assert titles(lists["scheduled"]) == ["Programmé demain"]
    assert titles(lists["published_today"]) == ["Publié ce matin"]


def test_dashboard_queries_do_not_grow_with_the_articles(newsroom_day, journalist, editor, section, django_assert_num_queries):
    for number in range(6):
        article = factories.make_article(section=section, publish=False, owner=journalist, title=f"Sujet {number}")
        submit(article, journalist)

    with django_assert_num_queries(8):
        dashboard.journalist_dashboard(user=journalist)
    with django_assert_num_queries(6):
        lists = dashboard.editor_dashboard()
    assert len(lists["to_review"]) == 7


def test_the_editor_dashboard_lists_what_to_review_and_schedules(newsroom_day, django_assert_num_queries):
    with django_assert_num_queries(6):
        lists = dashboard.editor_dashboard()

    assert titles(lists["to_review"]) == ["En relecture"]
    assert titles(lists["scheduled_soon"]) == ["Programmé demain"]
    assert titles(lists["published_today"]) == ["Publié ce matin"]
    assert lists["late"] == []


def test_embargoes_lifting_within_three_days_are_listed_from_the_latest_version(section, editor, django_assert_num_queries):
    import datetime

    from django.utils import timezone

    soon = timezone.now() + datetime.timedelta(days=2)
    factories.make_article(section=section, publish=False, title="Levé après-demain", embargo_until=soon)
    factories.make_article(section=section, publish=False, title="Levé dans dix jours", embargo_until=soon + datetime.timedelta(days=8))
    later = factories.make_article(section=section, publish=False, title="Embargo posé dans un brouillon")
    draft = later.get_latest_revision_as_object()
    draft.embargo_until = soon + datetime.timedelta(hours=1)
    draft.save_revision()

    # Five: nothing to review, so the review list's page query is skipped (an empty IN).
    with django_assert_num_queries(5):
        lists = dashboard.editor_dashboard()

    assert titles(lists["embargoes_soon"]) == ["Levé après-demain", "Embargo posé dans un brouillon"]


def test_the_journalist_home_shows_write_buttons_and_comments(client, newsroom_day, journalist, section):
    client.force_login(journalist)

    html = client.get("/admin/").content.decode()

    assert "Mon bureau" in html
    assert f'href="/admin/pages/add/articles/articlepage/{section.pk}/"' in html
    assert "Écrire un article dans «\u00a0Business\u00a0»" in html
    assert "Sourcez le chiffre du deuxième paragraphe." in html
    assert "Rédaction en chef" not in html.split('data-desk-panel="journaliste"')[0]
    assert 'data-desk-panel="redaction"' not in html


def test_the_editor_approves_from_the_dashboard_row(client, newsroom_day, editor):
    client.force_login(editor)
    article = newsroom_day["in_review"]

    html = client.get("/admin/").content.decode()
    row = html.split(f'data-review-row="{article.pk}"', 1)[1].split("</li>", 1)[0]
    approve_url = re.search(r'action="([^"]*/approve/[^"]*)"', row).group(1)
    assert "Demander des modifications" in row

    response = client.post(approve_url, {"next": reverse("wagtailadmin_home")})

    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).live
    assert WorkflowState.objects.get(object_id=str(article.pk)).status == WorkflowState.STATUS_APPROVED


def test_the_editor_sends_back_from_the_row_with_a_comment(client, newsroom_day, editor):
    client.force_login(editor)
    article = newsroom_day["in_review"]
    html = client.get("/admin/").content.decode()
    row = html.split(f'data-review-row="{article.pk}"', 1)[1].split("</li>", 1)[0]
    reject_url = re.search(r'action="([^"]*/reject/[^"]*)"', row).group(1)

    client.post(reject_url, {"comment": "Le titre promet trop.", "next": "/admin/"})

    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not ArticlePage.objects.get(pk=article.pk).live


def test_journalists_do_not_see_menus_they_never_use(client, journalist, editor):
    client.force_login(journalist)
    journalist_menu = client.get("/admin/").content.decode()
    client.force_login(editor)
    editor_menu = client.get("/admin/").content.decode()

    assert '"name": "reports"' not in journalist_menu
    assert '"name": "reports"' in editor_menu
    # « Aide » holds the French guides (guides/): everyone keeps it.
    assert '"name": "help"' in journalist_menu and '"name": "help"' in editor_menu


def test_wagtail_checks_panel_shows_the_publishing_checklist(client, section, editor):
    article = factories.make_article(section=section, publish=False, title="Sans image")
    draft = article.get_latest_revision_as_object()
    draft.chapo = ""
    draft.save_revision(clean=False)
    client.force_login(editor)

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    panel = html.split("data-checks-publishing-checklist", 1)[1].split("</div>", 1)[0]
    assert "À corriger avant de publier" in panel and "chapô" in panel.lower()
