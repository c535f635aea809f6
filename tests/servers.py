"""Servers the integration tests start for real: free ports, polling, the pytest database's URL, Redis."""

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, timeout: float = 20.0, process: subprocess.Popen | None = None, log: Path | None = None):
    """Poll `check` until it returns a truthy value; fail with the server's log otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            break
        try:
            result = check()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.05)
    output = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
    pytest.fail(f"{what} did not come up.\n{output}")


def database_url() -> str:
    """The pytest database, as DATABASE_URL for the gunicorn processes."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def start_redis(directory: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Debian's redis-server: on a unix socket in `directory` (the application cache the app servers
    share), or on a loopback TCP `port` when a test needs a `redis://` address. Returns (process, url)."""
    redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
    assert Path(redis_server).exists(), "redis-server is missing: scripts/ensure-system-packages.sh installs it"
    sock = directory / "redis.sock"
    listen = ["--port", str(port), "--bind", "127.0.0.1"] if port else ["--port", "0", "--unixsocket", str(sock)]
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [redis_server, *listen, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not port:
        wait_for(sock.exists, "redis-server", process=process)
        return process, f"unix://{sock}"
    url = f"redis://127.0.0.1:{port}/0"
    ping = ["redis-cli", "-u", url, "ping"]

    def answers() -> bool:
        return subprocess.run(ping, check=False, capture_output=True, text=True).stdout.strip() == "PONG"  # noqa: S603

    wait_for(answers, "redis-server", process=process)
    return process, url


@contextlib.contextmanager
def running_redis(directory: Path, port: int | None = None):
    """`start_redis` for the length of a `with` block: yields the URL, stops the server after."""
    process, url = start_redis(directory, port)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def start_serve(env: dict, log: Path) -> subprocess.Popen:
    """gunicorn as `make serve` runs it (gunicorn.conf.py, `env`), output to `log`, in its own
    process group (master, workers, scheduler): stop it with `os.killpg(process.pid, SIGKILL)`."""
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextlib.contextmanager
def task_worker(log: Path, **extra_env: str):
    """One `db_worker` process on the test database, as `make serve` starts it (its log in `log`)."""
    import os
    import signal

    from newsroom.worker import worker_command

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": database_url(),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra_env,
    }
    root = Path(__file__).resolve().parents[1]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            worker_command(interval=0.2), cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if process.returncode not in (0, -signal.SIGTERM, None):
            print(log.read_text(errors="replace")[-4000:])
