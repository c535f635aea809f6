"""Real parts for the reliability tests and scripts: a throwaway PostgreSQL cluster that can be
stopped and started at will, a production-settings deployment on it, gunicorn serving it, and a
thread pool of readers.

Used by tests/reliability/test_database_restart.py, test_backup_restore_drill.py and
scripts/measure-db-restart.py. The cluster is started the way scripts/with-postgres.sh starts
the test suite's: initdb as the postgres user when run as root, a unix socket in a temporary
folder, no TCP port.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def _find_pg_bin() -> Path:
    candidates = [Path("/usr/lib/postgresql/15/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    raise RuntimeError("PostgreSQL server binaries not found (scripts/with-postgres.sh installs them).")


class Cluster:
    """A PostgreSQL cluster of its own, on a unix socket in a temporary folder."""

    def __init__(self):
        self.bin = _find_pg_bin()
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-reliability-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            shutil.chown(self.root, user="postgres")
            self.user = "postgres"
        else:
            self.user = os.environ.get("USER") or subprocess.check_output(["id", "-un"], text=True).strip()  # noqa: S607
        self._owner("initdb", "-D", str(self.root / "data"), "-U", self.user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")

    def _owner(self, program, *args):
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603

    def start(self):
        """Start the server and wait until it accepts connections."""
        options = f"-c listen_addresses='' -k {self.root} -c fsync=off -c synchronous_commit=off -c max_connections=60"
        self._owner("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "server.log"), "-w", "-o", options, "start")

    def stop(self, mode="fast"):
        """Stop the server (fast: terminate sessions, as a restart by an operator or a failover does)."""
        self._owner("pg_ctl", "-D", str(self.root / "data"), "-m", mode, "-w", "stop")

    def destroy(self):
        """Stop (if running) and delete everything."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        """A DATABASE_URL for `database` on this cluster."""
        return f"postgres://{self.user}@{urllib.parse.quote(str(self.root), safe='')}/{database}"

    def client(self, program: str, *args, **kwargs):
        """Run a client program (createdb, pg_dump, psql…) against this cluster."""
        command = [str(self.bin / program), "-h", str(self.root), "-U", self.user, *args]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)  # noqa: S603


def copy_database(settings_dict: dict, cluster: Cluster, database: str):
    """Copy an already migrated database (the test suite's) into `database` on `cluster`.

    Running every migration again would take half a minute on a busy machine; a dump and a
    restore take two seconds and give the same schema and set-up data.
    """
    dump = cluster.root / "template.dump"
    pg_dump = [
        str(cluster.bin / "pg_dump"),
        "-Fc",
        "-h",
        settings_dict["HOST"],
        "-U",
        settings_dict["USER"],
        "-d",
        settings_dict["NAME"],
        "-f",
        str(dump),
    ]
    if settings_dict.get("PORT"):
        pg_dump[2:2] = ["-p", str(settings_dict["PORT"])]
    subprocess.run(pg_dump, check=True, capture_output=True, env={**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""})  # noqa: S603
    cluster.client("createdb", database)
    cluster.client("pg_restore", "--no-owner", "-d", database, str(dump))


@dataclass
class Deployment:
    """One installation of the site with production settings: a database, media and static files."""

    database_url: str
    media_root: Path
    static_root: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    extra_env: dict = field(default_factory=dict)

    def env(self, **overrides) -> dict:
        """The environment `make serve` would run with, on plain HTTP."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": self.database_url,
            "DJANGO_MEDIA_ROOT": str(self.media_root),
            "DJANGO_STATIC_ROOT": str(self.static_root),
            "DJANGO_LOG_FORMAT": "json",
            # The scheduler is tested on its own; here it would only add a process per server.
            "NEWSROOM_SCHEDULER": "0",
            # The seeded site (seed_site.py) is built by factories without hero images: the publishing
            # checklist (tests/articles/test_checklist.py) would refuse them. Background workers would
            # only add processes.
            "NEWSROOM_PUBLISHING_CHECKLIST": "0",
            "NEWSROOM_TASK_WORKERS": "0",
            **self.extra_env,
            **overrides,
        }

    def manage(self, *args) -> str:
        """Run a management command against this deployment and return its output."""
        return self._run([PYTHON, "manage.py", *args])

    def start_manage(self, *args) -> subprocess.Popen:
        """Start a management command in the background (check it with `finish`)."""
        return subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=REPO, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    @staticmethod
    def finish(process: subprocess.Popen) -> str:
        """Wait for a background command; its output, or an error with its stderr."""
        stdout, stderr = process.communicate()
        if process.returncode:
            raise RuntimeError(f"{' '.join(process.args)} failed ({process.returncode}):\n{stderr[-4000:]}")
        return stdout

    def run_script(self, path: Path) -> str:
        """Run a Python script with Django set up for this deployment."""
        return self._run([PYTHON, str(path)])

    def _run(self, command) -> str:
        done = subprocess.run(command, check=False, cwd=REPO, env=self.env(), capture_output=True, text=True)  # noqa: S603
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        return done.stdout


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """gunicorn with gunicorn.conf.py, as `make serve` starts it."""

    def __init__(self, deployment: Deployment, workers: int = 2):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(tempfile.mkstemp(prefix="newsroom-gunicorn-", suffix=".log")[1])
        env = deployment.env(HOST="127.0.0.1", PORT=str(self.port), WEB_CONCURRENCY=str(workers))
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsroom.wsgi:application"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_healthy(self, timeout: float = 30) -> float:
        """Wait until /health/ answers 200; return the moment it did."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()[-3000:]}")
            if fetch(self.base_url + "/health/", timeout=2).status == 200:
                return time.monotonic()
            time.sleep(0.05)
        raise TimeoutError(f"/health/ never answered 200:\n{self.log_path.read_text()[-3000:]}")

    def stop(self):
        """SIGINT: the tests are done with it, no need for a graceful shutdown."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_lines(self) -> list[str]:
        """What gunicorn and Django printed."""
        return self.log_path.read_text().splitlines()


@dataclass
class Answer:
    """One HTTP exchange, timed on the monotonic clock."""

    url: str
    started: float
    finished: float
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)


def fetch(url: str, timeout: float = 10, headers: dict | None = None, method: str = "GET") -> Answer:
    """GET `url`; network failures are status 0 (the server did not answer at all)."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers or {}, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Answer(url, started, time.monotonic(), response.status, response.read(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Answer(url, started, time.monotonic(), error.code, error.read(), dict(error.headers))
    except (urllib.error.URLError, OSError):
        return Answer(url, started, time.monotonic(), 0)


class Readers:
    """A thread pool of readers fetching `urls` round-robin until stopped, keeping every answer."""

    def __init__(self, urls: list[str], threads: int = 8):
        self.urls = urls
        self.threads = threads
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=threads)
        self._futures = []

    def _read(self, offset: int):
        index = offset
        while not self._stop.is_set():
            # "{n}" makes every request to that URL unique, so no cache can answer it.
            answer = fetch(self.urls[index % len(self.urls)].replace("{n}", f"{offset}-{index}"))
            with self._lock:
                self.answers.append(answer)
            index += 1

    def __enter__(self):
        self._futures = [self._pool.submit(self._read, offset) for offset in range(self.threads)]
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for future in self._futures:
            future.result()
        self._pool.shutdown()

    def snapshot(self) -> list[Answer]:
        """The answers so far."""
        with self._lock:
            return list(self.answers)


@dataclass
class RestartFigures:
    """What a database restart under load did to readers."""

    requests_total: int
    before: dict
    during: dict
    after: dict
    outage_seconds: float
    recovery_seconds: float
    # 200s answered entirely while PostgreSQL was stopped: pages the page cache kept serving.
    served_while_down: int
    failures_during: dict = field(default_factory=dict)
    failures_after: list = field(default_factory=list)

    def as_json(self) -> str:
        """A printable summary."""
        return json.dumps(self.__dict__, indent=2, ensure_ascii=False)


def count_statuses(answers, key=lambda answer: str(answer.status)) -> dict:
    """{status: count} (or {key(answer): count}), with string keys for JSON."""
    counts = {}
    for answer in answers:
        counts[key(answer)] = counts.get(key(answer), 0) + 1
    return dict(sorted(counts.items()))


def restart_under_load(server: AppServer, cluster: Cluster, urls, threads=8, before=1.0, outage=2.5, after=2.5):
    """Serve `urls` to `threads` readers, stop PostgreSQL (fast) for `outage` seconds, start it.

    Returns the answers and the figures. Recovery time runs from the moment `pg_ctl start`
    returns (the database accepts connections) to the first /health/ 200; "after" is every request
    that started once /health/ said 200 again.
    """
    with Readers(urls, threads) as readers:
        time.sleep(before)
        stopping = time.monotonic()
        cluster.stop(mode="fast")
        stopped = time.monotonic()
        time.sleep(outage)
        cluster.start()
        started = time.monotonic()
        healthy = server.wait_healthy(timeout=30)
        time.sleep(after)
    answers = readers.answers
    before_answers = [a for a in answers if a.finished < stopping]
    during = [a for a in answers if a.finished >= stopping and a.started < healthy]
    after_answers = [a for a in answers if a.started >= healthy]
    figures = RestartFigures(
        requests_total=len(answers),
        before=count_statuses(before_answers),
        during=count_statuses(during),
        after=count_statuses(after_answers),
        outage_seconds=round(started - stopped, 2),
        recovery_seconds=round(healthy - started, 3),
        failures_during=count_statuses(
            [a for a in during if a.status != 200], key=lambda a: f"{a.status} {urllib.parse.urlsplit(a.url).path}"
        ),
        served_while_down=sum(1 for a in answers if a.started >= stopped and a.finished <= started and a.status == 200),
        failures_after=[f"{a.status} {a.url}" for a in after_answers if a.status != 200],
    )
    return answers, before_answers, during, after_answers, figures
