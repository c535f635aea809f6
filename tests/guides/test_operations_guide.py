"""docs/operations.md stays true: every command of its ```sh blocks is run, here or by a named test.

The cheap ones run here, for real, against the pytest database with the production settings: the
deployment check, migrations, the search index, the purge command, the scheduler, `/health/` and
the headers through curl (on the live server), Redis's ping (a real redis-server), pg_isready, and
the jq filter over JSON log lines the app writes for a real request. The expensive ones (`make
serve`, the backup and restore drill) are run by the tests named in ELSEWHERE, and this test checks
that each of those files holds the command. The table of environment variables must list every
variable the settings read.
"""

import io
import json
import logging
import logging.config
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

from django.conf import settings as django_settings

import pytest

from newsroom.log_format import logging_config
from tests.servers import database_url, free_port, running_redis

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "operations.md"
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
DOCUMENTED_BASE = "http://127.0.0.1:8000"
REQUEST_ID = "3f2a9c1e5b7d4a60"
JOURNAL = "journalctl -u newsroom -o cat"

# Run by other tests: the command as documented → (the test file, the command as that file runs it).
ELSEWHERE = {
    "make serve": ("tests/servers.py", '"-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"'),
    "scripts/backup.sh /srv/backups": ("tests/reliability/test_backup_restore_drill.py", 'run("backup.sh"'),
    "createdb -O newsroom newsroom_restored": ("tests/reliability/test_backup_restore_drill.py", '"createdb", "newsroom_restored"'),
    "scripts/restore.sh /srv/backups/newsroom-20260127T030000Z": (
        "tests/reliability/test_backup_restore_drill.py",
        '"restore.sh"',
    ),
}
# Run by this file (test_the_commands_run_here_succeed), with what each must print.
RUN_HERE = {
    "cp .env.example .env": "",
    "set -a && . ./.env && set +a": "",
    "export DJANGO_SETTINGS_MODULE=newsroom.settings.production": "",
    ".venv/bin/python manage.py check --deploy": "System check identified no issues",
    "read -rs DJANGO_SUPERUSER_PASSWORD && export DJANGO_SUPERUSER_PASSWORD": "",
    ".venv/bin/python manage.py createsuperuser --noinput --username admin --email admin@example.org": "Superuser created",
    'redis-cli -u "$REDIS_URL" ping': "PONG",
    ".venv/bin/python manage.py migrate --check": "",
    ".venv/bin/python manage.py showmigrations": "[X] 0001_initial",
    ".venv/bin/python manage.py migrate --noinput": "No migrations to apply",
    ".venv/bin/python manage.py update_index": "",
    ".venv/bin/python manage.py purge_cache --all": "",
    ".venv/bin/python manage.py purge_cache /business/ /tags/ia/": "",
    "curl -fsS http://127.0.0.1:8000/health/": '"status": "ok"',
    "curl -sI http://127.0.0.1:8000/ | grep -i -e x-cache -e x-request-id": "x-request-id:",
    f"{JOURNAL} | jq -c 'select(.request_id == \"{REQUEST_ID}\")'": f'"request_id":"{REQUEST_ID}"',
    'pg_isready -d "$DATABASE_URL"': "accepting connections",
    ".venv/bin/python manage.py run_scheduler --once": "",
}


def documented_commands() -> list[str]:
    """Each command of the guide's ```sh blocks (continued lines joined), in order, once."""
    commands = []
    for block in SH_BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and line not in commands:
                commands.append(line)
    return commands


def test_every_command_of_the_guide_is_run_by_a_test():
    commands = documented_commands()
    assert len(commands) >= 15
    unchecked = [command for command in commands if command not in RUN_HERE and command not in ELSEWHERE]
    assert not unchecked, f"docs/operations.md: commands no test runs: {unchecked}"
    # No stale entry either: each listed command is still in the guide.
    assert set(RUN_HERE) | set(ELSEWHERE) == set(commands)
    for command, (test_file, as_run) in ELSEWHERE.items():
        assert as_run in (ROOT / test_file).read_text(encoding="utf-8"), f"{test_file} does not run « {command} »"
    # `make serve` is what tests/servers.py runs, after the checks this file runs itself.
    serve = re.search(r"^serve:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert "manage.py check --deploy" in serve and "manage.py migrate --noinput" in serve
    assert serve.rstrip().endswith("gunicorn -c gunicorn.conf.py newsroom.wsgi:application")


def test_the_environment_table_lists_every_variable_the_settings_read():
    sources = [*sorted((ROOT / "newsroom" / "settings").glob("*.py")), ROOT / "gunicorn.conf.py"]
    read = set()
    for source in sources:
        read |= set(re.findall(r"""(?:env_\w+|environ\.get|os\.environ\.get|env\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""", source.read_text()))
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY", "NEWSROOM_TASK_WORKERS", "EMAIL_HOST"} <= read
    table = "\n".join(line for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.startswith("| `"))
    missing = sorted(name for name in read if f"`{name}`" not in table)
    assert not missing, f"docs/operations.md's table lacks {missing}"


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server on a free TCP port (the guide's REDIS_URL is a redis:// address)."""
    with running_redis(tmp_path, port=free_port()) as url:
        yield url


@pytest.fixture
def journal(client, tmp_path):
    """JSON log lines as production writes them (DJANGO_LOG_FORMAT=json), for a real request whose
    proxy gave REQUEST_ID, and for another one: what the journal holds."""
    logging.config.dictConfig(logging_config("json", "INFO"))
    handler = next(handler for handler in logging.getLogger().handlers if handler.get_name() == "console")
    stream = io.StringIO()
    handler.setStream(stream)
    try:
        # A wrong password: the login throttling logs it, inside the request (with its id).
        client.post("/admin/login/", {"username": "personne", "password": "faux"}, headers={"X-Request-ID": REQUEST_ID})
        client.post("/admin/login/", {"username": "quelquun", "password": "faux"})
    finally:
        logging.config.dictConfig(django_settings.LOGGING)
    path = tmp_path / "journal.jsonl"
    path.write_text(stream.getvalue(), encoding="utf-8")
    assert len(stream.getvalue().splitlines()) >= 2
    return path


# Transactional, for the live server and the commands' own connections; serialized_rollback so the
# teardown leaves the database as the browser tests (serialized_rollback) expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_commands_run_here_succeed(live_server, redis_url, journal, tmp_path):
    env = {
        **os.environ,
        "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        # The production settings' default cache folder and static root, kept out of the project.
        "NEWSROOM_CACHE_DIR": str(tmp_path / "cache"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
    }
    # Not the test process's own switches: no edge to purge, and async safety as in production
    # (tests/browser/conftest.py turns it off for Playwright; check --deploy refuses that).
    for name in ("NEWSROOM_VARNISH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    # `cp .env.example .env` and loading it run in a scratch folder: never over a real .env.
    scratch = tmp_path / "projet"
    scratch.mkdir()
    shutil.copy(ROOT / ".env.example", scratch / ".env.example")

    for command, expected in RUN_HERE.items():
        run = command.replace(DOCUMENTED_BASE, live_server.url).replace(JOURNAL, f"cat {journal}")
        in_scratch = ".env" in command
        # Only the ping needs Redis; the manage.py commands use the folder cache, as on one host.
        command_env = env if "redis" in command else {key: value for key, value in env.items() if key != "REDIS_URL"}
        result = subprocess.run(  # noqa: S603 - the guide's own commands
            ["bash", "-euo", "pipefail", "-c", run],  # noqa: S607
            check=False,
            cwd=scratch if in_scratch else ROOT,
            env=command_env,
            input="un-mot-de-passe\n",
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"« {command} » failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        assert expected.lower() in (result.stdout + result.stderr).lower(), (
            f"« {command} » did not print {expected!r}:\n{result.stdout}\n{result.stderr}"
        )
        if command == "cp .env.example .env":
            assert (scratch / ".env").read_text() == (ROOT / ".env.example").read_text()
        if "x-cache" in command:
            assert result.stdout.lower().count("x-request-id:") == 1
        if "jq" in command:
            selected = [json.loads(line) for line in result.stdout.splitlines()]
            assert selected and {line["request_id"] for line in selected} == {REQUEST_ID}
            assert all(line["path"] == "/admin/login/" and line["method"] == "POST" for line in selected)

    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="admin").is_superuser
