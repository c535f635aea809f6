"""Publication times are read as typed (Paris time), and a past go-live is refused, not published."""

import datetime
import zoneinfo

from django.utils import timezone

from wagtail.models import Revision

import pytest

from articles.models import ArticlePage
from newsroom.schedule_input import UnreadableDate, parse_paris_datetime
from tests.admin_forms import article_form

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A Friday afternoon in winter (UTC+1).
NOW = datetime.datetime(2026, 12, 4, 14, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("04/12/2026 15:02", (2026, 12, 4, 15, 2)),
        ("4/12/2026 15h02", (2026, 12, 4, 15, 2)),
        ("4/12 15h02", (2026, 12, 4, 15, 2)),
        ("4/12/26 15h", (2026, 12, 4, 15, 0)),
        ("2026-12-04 15:02", (2026, 12, 4, 15, 2)),
        ("2026-12-04T15:02", (2026, 12, 4, 15, 2)),
        ("  le 5/12   à 9h30 ", (2026, 12, 5, 9, 30)),
        ("demain 8h", (2026, 12, 5, 8, 0)),
        ("Demain à 8 h 15", (2026, 12, 5, 8, 15)),
        ("après-demain 7:05", (2026, 12, 6, 7, 5)),
        ("aujourd’hui 18h", (2026, 12, 4, 18, 0)),
        ("15/07/2026 09:00", (2026, 7, 15, 9, 0)),
    ],
)
def test_typed_times_are_read_as_paris_time(typed, expected):
    parsed = parse_paris_datetime(typed, now=NOW)

    assert parsed == datetime.datetime(*expected, tzinfo=PARIS)
    # Summer time is Paris time too: 9:00 in July is 7:00 UTC.
    assert parsed.utcoffset() == datetime.datetime(*expected, tzinfo=PARIS).utcoffset()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("demain", "Précisez l’heure"),
        ("31/02/2026 10:00", "Cette date n’existe pas"),
        ("4/12 25h", "Heure impossible"),
        ("vendredi prochain 10h", "Date non reconnue"),
        ("4/12 midi", "Heure non reconnue"),
    ],
)
def test_unreadable_times_get_a_french_explanation(typed, message):
    with pytest.raises(UnreadableDate, match=message):
        parse_paris_datetime(typed, now=NOW)


def edit_url(article):
    return f"/admin/pages/{article.pk}/edit/"


@pytest.mark.django_db
def test_a_past_go_live_is_refused_instead_of_publishing_at_once(client, section, author, editor):
    client.force_login(editor)
    past = timezone.localtime(timezone.now() - datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")

    response = client.post(
        f"/admin/pages/add/articles/articlepage/{section.pk}/",
        {**article_form(author), "go_live_at": past, "action-publish": "Publier"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Cette date de publication est passée" in html
    assert "heure de Paris" in html
    assert not ArticlePage.objects.filter(slug="pari-de-meta").exists()


@pytest.mark.django_db
def test_an_iso_time_typed_in_the_dialog_schedules_the_article(client, section, author, editor):
    client.force_login(editor)
    later = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).replace(second=0, microsecond=0)

    response = client.post(
        f"/admin/pages/add/articles/articlepage/{section.pk}/",
        {**article_form(author), "go_live_at": later.strftime("%Y-%m-%d %H:%M"), "action-publish": "Publier"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="pari-de-meta")
    assert not article.live
    assert article.go_live_at == later
    assert Revision.objects.get(object_id=str(article.pk), approved_go_live_at__isnull=False).approved_go_live_at == later


@pytest.mark.django_db
def test_the_editor_shows_paris_time_in_a_plain_text_box(client, section, author, editor):
    from demo import factories

    later = datetime.datetime(2030, 7, 15, 7, 0, tzinfo=datetime.UTC)
    article = factories.make_article(section=section, publish=False, authors=[author], go_live_at=later)
    client.force_login(editor)

    html = client.get(edit_url(article)).content.decode()

    assert 'value="15/07/2030 09:00"' in html
    assert 'placeholder="jj/mm/aaaa hh:mm"' in html
    assert "Heure de Paris" in html


@pytest.mark.django_db
def test_a_stored_past_go_live_does_not_block_later_edits(client, section, author, editor):
    from demo import factories

    article = factories.make_article(section=section, publish=True, authors=[author], slug="pari-de-meta")
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=timezone.now() - datetime.timedelta(days=3))
    article.refresh_from_db()
    client.force_login(editor)
    stored = timezone.localtime(article.go_live_at).strftime("%d/%m/%Y %H:%M")

    response = client.post(edit_url(article), {**article_form(author), "go_live_at": stored, "action-publish": "Publier"})

    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.django_db
def test_the_admin_shows_a_banner_when_health_reports_late_schedules(client, section, journalist, settings, django_assert_num_queries):
    from demo import factories

    settings.NEWSROOM_SCHEDULE_GRACE = 0
    client.force_login(journalist)
    assert "Publication programmée en retard" not in client.get("/admin/").content.decode()

    for title in ("Programmé 1", "Programmé 2"):
        article = factories.make_article(section=section, publish=False, title=title)
        factories.schedule(article, overdue=True)
    assert client.get("/health/").json()["scheduler"]["overdue_count"] == 2

    html = client.get(f"/admin/pages/{section.pk}/").content.decode()
    assert "Publication programmée en retard" in html
    assert "2\u00a0pages auraient dû être mises en ligne" in html
    # The titles stay out of it, as on /health/.
    assert "Programmé 1" not in html.split('data-late-schedules="2"')[1].split("</div>")[0]


@pytest.mark.django_db
def test_the_banner_costs_one_query(rf, journalist, django_assert_num_queries):
    from django.template import Context, Template

    request = rf.get("/admin/")
    request.user = journalist
    with django_assert_num_queries(1):
        html = Template("{% load desk_admin %}{% late_schedules_banner %}").render(Context({"request": request}))
    assert "retard" not in html
