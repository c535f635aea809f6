"""Scheduled publishing fires, never twice at once, and the health check reports a missed one."""

import datetime
import time

from django.db import connections
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from articles.models import ArticlePage
from demo import factories
from newsroom import scheduler

pytestmark = pytest.mark.django_db


def schedule(section, seconds):
    article = factories.make_article(section=section, publish=False, title="Sous embargo")
    article.go_live_at = timezone.now() + datetime.timedelta(seconds=seconds)
    article.save_revision().publish()
    return article


def due_soon(section):
    """An article scheduled 1.5 s ahead, returned once its time has come."""
    article = schedule(section, seconds=1.5)
    time.sleep(1.6)
    return article


def test_publish_due_pages_publishes_what_is_due(section):
    article = due_soon(section)

    assert scheduler.publish_due_pages() is True

    assert ArticlePage.objects.get(pk=article.pk).live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_run_is_skipped_while_the_lock_is_held():
    # Another process (another connection) holds the advisory lock, as a run elsewhere would.
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [scheduler.ADVISORY_LOCK_KEY])
        assert scheduler.publish_due_pages() is False
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [scheduler.ADVISORY_LOCK_KEY])
        assert scheduler.publish_due_pages() is True
    finally:
        other.close()


def test_run_forever_survives_a_failing_tick(monkeypatch):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("base indisponible")
        return True

    monkeypatch.setattr(scheduler, "publish_due_pages", flaky)
    monkeypatch.setattr(scheduler.time, "sleep", lambda seconds: None)

    scheduler.run_forever(interval=60, iterations=2)

    assert len(calls) == 2


def test_health_is_ok_when_nothing_is_late(client, section):
    schedule(section, seconds=3600)

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "scheduler": {"overdue_count": 0, "overdue_page_ids": []}}


def test_health_reports_a_missed_schedule_without_its_title(client, section):
    article = schedule(section, seconds=3600)
    late = timezone.now() - datetime.timedelta(minutes=10)
    article.latest_revision.__class__.objects.filter(object_id=str(article.pk)).update(approved_go_live_at=late)

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["scheduler"]["overdue_page_ids"] == [article.pk]
    assert b"Sous embargo" not in response.content
    assert "no-cache" in response.headers["Cache-Control"]


def test_consecutive_runs_publish_once(section):
    article = due_soon(section)

    scheduler.publish_due_pages()
    scheduler.publish_due_pages()

    publications = PageLogEntry.objects.filter(page_id=article.pk, action="wagtail.publish.scheduled")
    assert publications.count() == 1


def test_run_scheduler_once_publishes_due_pages(section):
    from io import StringIO

    from django.core.management import call_command

    article = due_soon(section)
    out = StringIO()

    call_command("run_scheduler", "--once", stdout=out)

    assert "publié" in out.getvalue()
    assert ArticlePage.objects.get(pk=article.pk).live
