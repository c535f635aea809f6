"""Embargo: no publication nor earlier schedule by anyone; lifting it early is the rédaction en
chef's explicit, logged action."""

import datetime

from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from articles.checklist import PublicationBlocked
from articles.models import ArticlePage
from demo import factories
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


def paris(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def create_url(section):
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


@pytest.fixture
def embargo():
    return (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)


def embargoed_article(section, author, embargo):
    return factories.make_article(section=section, publish=False, authors=[author], embargo_until=embargo, slug="pari-de-meta")


def test_publishing_under_embargo_is_refused(client, section, author, editor, embargo):
    client.force_login(editor)

    response = client.post(create_url(section), {**article_form(author), "embargo_until": paris(embargo), "action-publish": "Publier"})

    assert response.status_code == 200
    assert "Sous embargo jusqu’au" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


def test_scheduling_before_the_embargo_is_refused_and_at_it_accepted(client, section, author, editor, embargo):
    client.force_login(editor)
    data = {**article_form(author), "embargo_until": paris(embargo), "action-publish": "Publier"}

    early = client.post(create_url(section), {**data, "go_live_at": paris(embargo - datetime.timedelta(hours=1))})
    assert early.status_code == 200
    assert "programmez la publication à cette heure ou plus tard" in early.content.decode()

    on_time = client.post(create_url(section), {**data, "go_live_at": paris(embargo)})
    assert on_time.status_code == 302, on_time.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="pari-de-meta")
    assert not article.live
    assert article.go_live_at == embargo


def test_nobody_shortens_the_embargo_from_the_editor(client, section, author, editor, embargo):
    article = embargoed_article(section, author, embargo)
    client.force_login(editor)

    response = client.post(f"/admin/pages/{article.pk}/edit/", {**article_form(author), "embargo_until": ""})

    assert response.status_code == 200
    assert "seule la rédaction en chef peut le lever" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().embargo_until == embargo


def test_every_publish_path_respects_the_embargo(section, author, editor, embargo):
    article = embargoed_article(section, author, embargo)

    with pytest.raises(PublicationBlocked, match="Sous embargo"):
        article.save_revision().publish(user=editor)

    assert not ArticlePage.objects.get(pk=article.pk).live


def test_the_editor_shows_the_embargo_and_only_the_redaction_may_lift_it(client, section, author, journalist, editor, embargo):
    article = embargoed_article(section, author, embargo)
    lift_url = f"/admin/articles/{article.pk}/embargo/lever/"

    client.force_login(journalist)
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "SOUS EMBARGO jusqu’au" in html
    assert lift_url not in html
    client.post(lift_url)
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().embargo_until == embargo

    client.force_login(editor)
    # A button of the editor's own form (a form nested in it would submit the whole editor).
    editor_html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'formaction="{lift_url}"' in editor_html and "cannot nest" not in editor_html
    response = client.post(lift_url)

    assert response.status_code == 302
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert latest.embargo_until is None
    entry = PageLogEntry.objects.get(page_id=article.pk, action="articles.embargo_lift")
    assert entry.user_id == editor.pk
    assert datetime.datetime.fromisoformat(entry.data["embargo_until"]) == embargo
    # Now it may go live.
    ArticlePage.objects.get(pk=article.pk).get_latest_revision().publish(user=editor)
    assert ArticlePage.objects.get(pk=article.pk).live
