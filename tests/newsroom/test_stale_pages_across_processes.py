"""No stale page on any worker: `make serve`'s defaults (no REDIS_URL) share one cache between processes.

A real gunicorn with the production settings and `gunicorn.conf.py` (2 workers and the scheduler it
starts, as `make serve` runs it), no REDIS_URL, the pytest database. Changes are made by other
processes than the workers: a `manage.py shell` publishes an article, creates a rubrique (the
chrome), a site-wide partner (the partner block) and an entity (the mention index behind search);
the scheduler publishes a scheduled article, a new Wagtail Site takes a host name. Then many anonymous requests, spread over both
workers, must all show the change: with a memory cache per process (the default before issue 18),
the workers kept answering the old home page for a day.
"""

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings as django_settings

import pytest

from articles.models import ArticlePage
from demo import factories
from tests.servers import database_url, free_port, start_serve, wait_for

ROOT = Path(__file__).resolve().parents[2]
# Enough requests that both workers answer several of them (gunicorn's sync workers share the
# listening socket; the kernel spreads connections between them).
READS = 24


def get(port: int, path: str, host: str = "localhost") -> tuple[int, dict, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, {key.lower(): value for key, value in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def serve_env(directory: Path) -> dict:
    """The environment of `make serve` with the documented minimum: no REDIS_URL, no cache setting."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "NEWSROOM_CACHE_DIR"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": django_settings.SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url(),
            "DJANGO_STATIC_ROOT": str(directory / "static"),
            "DJANGO_MEDIA_ROOT": str(directory / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "HOST": "127.0.0.1",
            # The scheduler every second instead of every minute: the test waits less, nothing else changes.
            "NEWSROOM_SCHEDULER_INTERVAL": "1",
            # The factory articles published from other processes have no hero image: the publishing
            # checklist (tested on its own) would hold them back.
            "NEWSROOM_PUBLISHING_CHECKLIST": "0",
        }
    )
    # The default folder (var/cache) belongs to the worktree: this run gets its own, through the
    # setting that moves it, so that parallel runs never share entries.
    env["NEWSROOM_CACHE_DIR"] = str(directory / "cache")
    return env


@pytest.fixture
def make_serve(tmp_path):
    """gunicorn as `make serve` starts it (collectstatic, then gunicorn.conf.py): (port, env)."""
    env = serve_env(tmp_path)
    port = free_port()
    env["PORT"] = str(port)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300)
    log = tmp_path / "gunicorn.log"
    process = start_serve(env, log)
    try:
        wait_for(lambda: get(port, "/health/")[0] == 200, "gunicorn", timeout=60.0, process=process, log=log)
        yield port, env, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def manage_shell(env: dict, code: str) -> None:
    """Run `code` in `manage.py shell`: another process than the workers, as an operator would."""
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, timeout=300)  # noqa: S603


def everyone_sees(port: int, path: str, text: str, deadline: float = 60.0, host: str = "localhost") -> float:
    """Poll until `path` shows `text`, then require READS answers in a row to show it; seconds to the first."""
    started = time.monotonic()
    while text not in get(port, path, host)[2]:
        assert time.monotonic() - started < deadline, f"{text!r} never appeared on {path}"
        time.sleep(0.05)
    first = time.monotonic() - started
    stale = [index for index in range(READS) if text not in get(port, path, host)[2]]
    assert not stale, f"{len(stale)} of {READS} later answers of {path} were stale (a worker kept its old copy)"
    return first


def warm(port: int, *paths: str, host: str = "localhost") -> None:
    """Every worker stores the current copies: afterwards, the pages are HITs."""
    for path in paths:
        for _ in range(READS):
            get(port, path, host)
        assert get(port, path, host)[1]["x-cache"] == "HIT", path


# Committed data, seen by gunicorn and the shell; the migrations' rows restored after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_changes_from_other_processes_reach_every_worker_at_once(make_serve, capsys, record_property):
    port, env, _log = make_serve
    section = factories.make_section(title="Business")
    factories.make_article(section=section, title="Article déjà en ligne")
    draft = factories.make_article(section=section, title="Mistral lève 600 millions", publish=False)
    scheduled = factories.make_article(section=section, title="Le Conseil adopte le règlement IA", publish=False)
    revision = factories.schedule(scheduled)
    search = "/recherche/?q=Hugging%20Face"
    warm(port, "/", section.url, search)
    assert "Mistral lève 600 millions" not in get(port, "/")[2]

    # 1. A publication made by `manage.py shell`.
    started = time.monotonic()
    manage_shell(env, f"from articles.models import ArticlePage; ArticlePage.objects.get(pk={draft.pk}).latest_revision.publish()")
    command_s = time.monotonic() - started
    published_s = everyone_sees(port, "/", "Mistral lève 600 millions")
    everyone_sees(port, section.url, "Mistral lève 600 millions")

    # 2. The scheduler started by gunicorn publishes a scheduled article when it falls due.
    warm(port, "/")
    factories.make_due(revision)
    scheduled_s = everyone_sees(port, "/", "Le Conseil adopte le règlement IA")
    assert ArticlePage.objects.get(pk=scheduled.pk).live

    # 3. The other process caches: the chrome (navigation), the partner block, the mention index.
    warm(port, "/", search)
    manage_shell(
        env,
        "from articles.models import SectionPage\n"
        "from demo import factories, partner_factories\n"
        "section = factories.get_home().add_child(instance=SectionPage(title='Souveraineté numérique', slug='souverainete'))\n"
        "section.save_revision().publish()\n"
        "partner_factories.make_partner(name='Partenaire Lumière')\n"
        "factories.make_entity(name='Hugging Face', slug='hugging-face', description='Plateforme de modèles ouverts.')\n",
    )
    everyone_sees(port, "/", "Souveraineté numérique")
    everyone_sees(port, "/", "Partenaire Lumière")
    everyone_sees(port, search, "Plateforme de modèles ouverts")

    # 4. A new Wagtail Site, saved by `manage.py shell`: its host gets its own root page at once,
    # though every worker remembered that host's site (newsroom/site_lookup.py) and cached its home.
    warm(port, "/", host="127.0.0.1")
    assert "<title>Business" not in get(port, "/", "127.0.0.1")[2]
    manage_shell(
        env,
        f"from wagtail.models import Site\nSite.objects.create(hostname='127.0.0.1', port={port}, root_page_id={section.pk}, site_name='Business')\n",
    )
    everyone_sees(port, "/", "<title>Business", host="127.0.0.1")
    assert "<title>Business" not in get(port, "/")[2]

    record_property("shell_publication_visible_s", round(published_s, 3))
    record_property("scheduled_publication_visible_s", round(scheduled_s, 3))
    with capsys.disabled():
        print(
            f"\n[stale pages] manage.py publication: command {command_s:.1f} s, then visible on every worker after "
            f"{published_s * 1000:.0f} ms; scheduled publication visible {scheduled_s:.1f} s after falling due "
            f"(scheduler interval 1 s); {READS} answers in a row fresh each time"
        )
