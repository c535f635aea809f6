"""`make serve`'s gunicorn (gunicorn.conf.py) starts the background worker and stops it with itself."""

import os
import signal
import urllib.request
from pathlib import Path

import pytest

from demo import factories
from tests.servers import database_url, free_port, start_serve, wait_for
from tests.webhooks.conftest import SECRET
from webhooks.models import WebhookEndpoint

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> dict[int, str]:
    """Command lines of the direct children of `pid`, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found[int(entry.name)] = cmdline
    return found


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_starts_a_worker_that_delivers_and_stops_it(make_receiver, home, section, tmp_path):
    port, log = free_port(), tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "WEB_CONCURRENCY": "1",
        "NEWSROOM_SCHEDULER": "0",
        "NEWSROOM_TASK_WORKERS": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    master = start_serve(env, log)
    try:
        wait_for(
            lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5).status == 200,
            "gunicorn",
            timeout=60.0,
            process=master,
            log=log,
        )
        workers = wait_for(
            lambda: [pid for pid, cmd in _children(master.pid).items() if "db_worker" in cmd and "--backend background" in cmd],
            "the task worker",
            timeout=30.0,
        )
        assert len(workers) == 1

        receiver = make_receiver()
        WebhookEndpoint.objects.create(name="Application mobile", url=receiver.url, secret=SECRET)
        article = factories.make_article(section=section, title="Livré par le worker de gunicorn")
        request = receiver.wait_for(1)[0]
        assert request["signed"] and request["body"]["article"]["id"] == article.pk

        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)
        wait_for(
            lambda: not Path(f"/proc/{workers[0]}").exists() or "zombie" in Path(f"/proc/{workers[0]}/status").read_text(), "worker exit"
        )
    finally:
        if master.poll() is None:
            os.killpg(master.pid, signal.SIGKILL)
            master.wait(timeout=10)
