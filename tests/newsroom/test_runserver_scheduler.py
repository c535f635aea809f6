"""`make run` (runserver with its autoreloader) publishes scheduled pages: one scheduler, started by
runserver's main process only, stopped with it."""

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from articles.models import ArticlePage
from demo import factories
from tests.servers import database_url, free_port, wait_for

REPO = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> list[int]:
    """The direct children of a process, read from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces: the parent pid is the 2nd field after the closing ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_runserver_with_its_reloader_runs_exactly_one_scheduler(section):
    article = factories.make_article(section=section, publish=False, title="Programmé pour maintenant")
    factories.schedule(article, overdue=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("RUN_MAIN", None)
    log = Path(tempfile.mkstemp(prefix="newsroom-runserver-", suffix=".log")[1])
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{free_port()}"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # The scheduler's first tick publishes what is due, without waiting a minute.
        wait_for(lambda: ArticlePage.objects.get(pk=article.pk).live, "the scheduled publication", 120, server, log)

        main_children = [command_line(pid) for pid in children_of(server.pid)]
        schedulers = [line for line in main_children if "run_scheduler" in line]
        reloaded = [pid for pid in children_of(server.pid) if "runserver" in command_line(pid)]
        assert len(schedulers) == 1, main_children
        # The server process the reloader restarts starts none of its own.
        assert len(reloaded) == 1
        assert not [pid for pid in children_of(reloaded[0]) if "run_scheduler" in command_line(pid)]
        assert "run_scheduler démarré" in log.read_text()
        scheduler_pid = next(pid for pid in children_of(server.pid) if "run_scheduler" in command_line(pid))

        # Stopping runserver stops its scheduler.
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        wait_for(
            lambda: not Path(f"/proc/{scheduler_pid}").exists() or "run_scheduler" not in command_line(scheduler_pid),
            "the scheduler's exit",
            60,
        )
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.unlink(missing_ok=True)


def test_no_scheduler_when_the_deployment_runs_it_elsewhere(monkeypatch):
    from newsroom.management.commands.runserver import scheduler_wanted

    monkeypatch.setenv("NEWSROOM_SCHEDULER", "0")
    assert scheduler_wanted() is False
    monkeypatch.setenv("NEWSROOM_SCHEDULER", "1")
    assert scheduler_wanted() is True
