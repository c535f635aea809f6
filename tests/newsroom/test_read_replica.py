"""Read replicas for real: a streaming PostgreSQL 15 standby, lagging on purpose, behind gunicorn.

The standby (tests/newsroom/replica_cluster.py) is a `pg_basebackup` of the test cluster that
replays each commit REPLICA_DELAY after the primary. gunicorn runs `make serve`'s configuration
(2 workers, production settings, the shared file cache) with DATABASE_URL on the primary and
DATABASE_REPLICA_URLS on the standby. Changes are committed by the test process or published by a
`manage.py shell`, as an editor's worker would.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

import pytest

from demo import factories
from tests.newsroom.replica_cluster import Replica
from tests.newsroom.test_stale_pages_across_processes import get, manage_shell, serve_env
from tests.servers import free_port, start_serve, wait_for

ROOT = Path(__file__).resolve().parents[2]
REPLICA_DELAY = 5  # seconds: long enough that every check below runs while the standby lags
READS = 8  # per path: both workers answer several


@pytest.fixture(scope="module")
def replica_server(tmp_path_factory, django_db_setup, django_db_blocker):
    """(port, env, replica, log): gunicorn on the primary and a standby lagging REPLICA_DELAY seconds."""
    directory = tmp_path_factory.mktemp("replica")
    with django_db_blocker.unblock():
        db = connection.settings_dict
        replica = Replica(db["HOST"], db["USER"], apply_delay=f"{REPLICA_DELAY}s")
    process = None
    try:
        replica.start()
        env = serve_env(directory)
        port = free_port()
        env.update(
            {"PORT": str(port), "DATABASE_REPLICA_URLS": replica.url(db["NAME"]), "NEWSROOM_SCHEDULER": "0", "NEWSROOM_TASK_WORKERS": "0"}
        )
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
        log = directory / "gunicorn.log"
        process = start_serve(env, log)
        wait_for(lambda: get(port, "/health/")[0] == 200, "gunicorn", timeout=90.0, process=process, log=log)
        yield port, env, replica, log
    finally:
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        replica.destroy()


def get_as(port: int, path: str, cookie: str) -> tuple[int, str]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "localhost", "Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def replica_title(replica: Replica, page_id: int) -> str:
    return replica.query(connection.settings_dict["NAME"], f"SELECT title FROM wagtailcore_page WHERE id = {int(page_id)}")  # noqa: S608


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readers_read_the_replica_and_never_recache_an_old_page_after_a_publication(replica_server, capsys):
    port, env, replica, _log = replica_server
    section = factories.make_section(title="Business")
    article = factories.make_article(section=section, title="Mistral lève 600 millions")
    url = article.url

    # Committed on the primary only: a logged-in journalist (session cookie) reads the primary and
    # sees it at once; an anonymous reader reads the standby, which has not replayed it yet.
    status, body = get_as(port, f"{url}?essai=session", "sessionid=inconnue")
    assert status == 200 and "Mistral lève 600 millions" in body
    assert get(port, f"{url}?essai=0")[0] == 404
    attempts = iter(range(1, 10_000))
    started = time.monotonic()
    wait_for(lambda: get(port, f"{url}?essai={next(attempts)}")[0] == 200, "the article on the replica", timeout=REPLICA_DELAY * 6)
    replicated_s = time.monotonic() - started
    assert (
        int(replica.query(connection.settings_dict["NAME"], "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"))
        >= 2
    )  # the workers' own connections to the standby, and psql's

    # Both workers store the current copies (anonymous pages from the standby).
    for path in (url, "/"):
        for _ in range(READS * 2):
            get(port, path)
        assert get(port, path)[1]["x-cache"] == "HIT"

    # A `manage.py shell` publishes a new title: commit on the primary, purge after commit.
    code = (
        "from articles.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(pk={article.pk})\n"
        "page.title = 'Mistral lève 700 millions'\n"
        "page.save_revision().publish()\n"
    )
    manage_shell(env, code)
    published = time.monotonic()
    answers = [get(port, path) for path in (url, "/") for _ in range(READS)]
    reads_s = time.monotonic() - published
    # The standby still holds the old title: every answer above came while it lagged.
    assert replica_title(replica, article.pk) == "Mistral lève 600 millions"
    stale = [headers["x-cache"] for _status, headers, body in answers if "Mistral lève 700 millions" not in body]
    assert not stale, f"{len(stale)} of {len(answers)} answers showed the old title ({stale})"
    assert all("Mistral lève 600 millions" not in body for _s, _h, body in answers)
    # Once the standby has replayed the publication, the new copies are still there (nothing old came back).
    wait_for(
        lambda: replica_title(replica, article.pk) == "Mistral lève 700 millions",
        "the publication on the replica",
        timeout=REPLICA_DELAY * 6,
    )
    assert all("Mistral lève 700 millions" in get(port, path)[2] for path in (url, "/") for _ in range(READS))
    with capsys.disabled():
        print(
            f"\n[replica] a commit reached the standby's readers after {replicated_s:.1f} s (apply delay {REPLICA_DELAY} s); {len(answers)} reads in the {reads_s:.2f} s after a publication all fresh"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_are_served_from_the_primary_when_the_replica_is_down(replica_server):
    port, _env, replica, log = replica_server
    section = factories.make_section(title="Business")
    article = factories.make_article(section=section, title="Le Conseil adopte le règlement IA")
    # The workers hold open connections to the standby: they break mid-request when it goes.
    for number in range(READS):
        get(port, f"/?avant={number}")
    replica.stop(mode="immediate")

    # Uncached pages (a new query string each time), over both workers: all 200, from the primary.
    answers = [get(port, f"{path}?panne={number}") for path in (article.url, "/") for number in range(READS)]
    searches = [get(port, f"/recherche/?q=r%C3%A8glement&panne={number}") for number in range(READS)]
    assert [status for status, _h, _b in answers + searches] == [200] * (len(answers) + len(searches))
    assert all("Le Conseil adopte le règlement IA" in body for _s, _h, body in answers)
    assert "unavailable, reading the primary" in log.read_text(errors="replace")
