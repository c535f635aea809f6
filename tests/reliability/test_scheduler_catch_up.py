"""Scheduled publishing under the two faults tests/newsroom/test_scheduler_and_health.py leaves out:
several schedulers firing at the same moment (real processes, real advisory lock), and a
schedule missed while no scheduler ran (reported by /health/, then caught up).
"""

import subprocess

from wagtail.models import PageLogEntry

import pytest

from articles.models import ArticlePage
from demo import factories
from newsroom import scheduler
from tests.reliability.harness import PYTHON, REPO

pytestmark = pytest.mark.django_db


def test_schedulers_firing_at_once_publish_a_page_once(deployed_site):
    cluster, deployment, urls = deployed_site
    # seed_site.py scheduled this page and dated its go-live time back: it is due.
    page_id = urls["scheduled_page_id"]

    # Two app servers' schedulers ticking at the same second.
    runs = [
        subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "run_scheduler", "--once"], cwd=REPO, env=deployment.env(), stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0].strip() for run in runs]

    assert all(run.returncode == 0 for run in runs)
    assert set(outputs) <= {"publié", "déjà en cours ailleurs"}
    publications = (
        "SELECT count(*) FROM wagtailcore_pagelogentry"
        " WHERE page_id = :'page' AND action = 'wagtail.publish.scheduled'"  # psql quotes the variable
    )
    count = cluster.client("psql", "-v", f"page={int(page_id)}", "-tA", "newsroom", input=publications)
    assert count.stdout.strip() == "1"
    live = cluster.client(
        "psql", "-v", f"page={int(page_id)}", "-tA", "newsroom", input="SELECT live FROM wagtailcore_page WHERE id = :'page'"
    )
    assert live.stdout.strip() == "t"


def test_a_missed_schedule_is_reported_then_caught_up(client, section, settings):
    # Report anything late at all (the default grace is three minutes).
    settings.NEWSROOM_SCHEDULE_GRACE = 0
    article = factories.make_article(section=section, publish=False, title="Sous embargo")
    # No scheduler runs while the go-live time passes.
    factories.schedule(article, overdue=True)

    reported = client.get("/health/").json()
    assert reported["status"] == "degraded"
    assert reported["scheduler"] == {"overdue_count": 1, "overdue_page_ids": [article.pk]}
    assert not ArticlePage.objects.get(pk=article.pk).live

    # The next tick catches up.
    assert scheduler.publish_due_pages() is True

    assert ArticlePage.objects.get(pk=article.pk).live
    assert PageLogEntry.objects.filter(page_id=article.pk, action="wagtail.publish.scheduled").count() == 1
    assert client.get("/health/").json()["status"] == "ok"
