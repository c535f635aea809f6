"""PostgreSQL restarted under load: readers get the French 503 page during the outage, nothing fails
once the database is back.

A real gunicorn (2 workers, gunicorn.conf.py, production settings on plain HTTP) serves a seeded
site from a cluster of its own while 8 reader threads fetch public pages; the cluster is stopped
with `pg_ctl stop -m fast` (every session terminated, as a restart or failover does) and started
again. The figures are printed (run with -s to see them; scripts/measure-db-restart.py runs the
same scenario for longer).
"""

import json

from django.db import InterfaceError, OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper

import pytest

from tests.reliability.harness import AppServer, fetch, restart_under_load

# The deployment's database is copied from the suite's test database, which pytest-django only
# creates for sessions that hold a database test.
pytestmark = pytest.mark.django_db

PAGES = ("home", "section", "article", "entity", "author", "tag", "search")


def test_a_database_restart_under_load(deployed_site):
    cluster, deployment, urls = deployed_site
    server = AppServer(deployment, workers=2)
    try:
        server.wait_healthy()
        page_urls = [server.base_url + urls[name] for name in PAGES]
        # A search nobody made before: the page cache cannot answer it, the database must.
        page_urls += [server.base_url + "/recherche/?q=modele-{n}", server.base_url + "/health/"]
        # Warm both workers up (imports, templates, page cache), as a server in service is.
        for url in page_urls * 2:
            fetch(url.replace("{n}", "warm-up"))

        answers, before, during, after, figures = restart_under_load(server, cluster, page_urls)
        print("\ndatabase restart under load:", figures.as_json())
    finally:
        server.stop()

    # Every request got an answer from the app: no refused connection, no worker killed.
    assert all(answer.status != 0 for answer in answers)
    # Before the outage everything is served.
    assert before
    assert {answer.status for answer in before} == {200}
    # During it, readers get the French 503 page, never a 500 (no traceback, no English).
    pages_during = [answer for answer in during if not answer.url.endswith("/health/")]
    assert {answer.status for answer in answers} <= {200, 503}
    unavailable = [answer for answer in pages_during if answer.status == 503]
    assert unavailable, "the outage was never seen by a reader"
    for answer in unavailable:
        body = answer.body.decode()
        assert "Le site est momentanément indisponible" in body
        assert answer.headers["Retry-After"] == "30"
        assert answer.headers["X-Request-ID"] in body
        assert "Traceback" not in body
        assert "OperationalError" not in body
    # /health/ says so, in JSON.
    health_down = [answer for answer in during if answer.url.endswith("/health/") and answer.status == 503]
    assert health_down
    assert json.loads(health_down[0].body) == {"status": "error", "database": "unavailable"}
    # Once /health/ is 200 again, no request fails: the persistent connections that PostgreSQL
    # cut are health-checked and replaced before reuse, in both workers.
    assert len(after) > 20
    assert figures.failures_after == []
    # gunicorn's access lines (JSON) name each request, 503s included, without query strings.
    access = [json.loads(line) for line in server.log_lines() if line.startswith("{") and '"gunicorn.access"' in line]
    logged_503 = [line for line in access if line["status"] == 503]
    assert {line["request_id"] for line in logged_503} >= {answer.headers["X-Request-ID"] for answer in unavailable}
    assert all("?" not in line["path"] and "mistral" not in line["message"] for line in access if "/recherche/" in line["path"])


@pytest.mark.parametrize("health_checks", [True, False])
def test_a_connection_cut_by_a_restart_is_replaced_only_with_health_checks(deployed_site, health_checks):
    """The settings' CONN_HEALTH_CHECKS is what keeps a persistent connection from failing once.

    Two requests of one worker, as Django runs them, with PostgreSQL restarted in between: with
    health checks the dead connection is noticed and replaced before the query; without them the
    first query after recovery fails (the control that shows the check is needed).
    """
    cluster, _deployment, _urls = deployed_site
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] == 60
    worker = DatabaseWrapper(
        {**connection.settings_dict, "HOST": str(cluster.root), "NAME": "newsroom", "CONN_HEALTH_CHECKS": health_checks},
        alias="worker",
    )
    try:
        # Request 1: connects, queries; at its end the connection is kept for the next request.
        worker.close_if_unusable_or_obsolete()
        with worker.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            first_backend = cursor.fetchone()[0]
        worker.close_if_unusable_or_obsolete()
        assert worker.connection is not None

        cluster.stop(mode="fast")
        cluster.start()

        # Request 2, after recovery, on the same persistent connection object.
        worker.close_if_unusable_or_obsolete()
        if health_checks:
            with worker.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                assert cursor.fetchone()[0] != first_backend
        else:
            with pytest.raises((OperationalError, InterfaceError)), worker.cursor() as cursor:
                cursor.execute("SELECT 1")
    finally:
        worker.close()
