"""A real PostgreSQL 15 streaming replica of the test cluster, for the read-replica tests.

`pg_basebackup` copies the running primary (the cluster `scripts/with-postgres.sh` started, which
already allows replication: PostgreSQL 15's defaults are `wal_level=replica`, ten WAL senders, and
initdb's `-A trust` lets local replication connections in), writes `standby.signal` and the
primary's address (`-R`), and the copy starts as a hot standby on a socket of its own, replaying
each commit `recovery_min_apply_delay` after the primary made it: a lagging replica on demand.
"""

import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from tests.reliability.harness import Cluster, _find_pg_bin


class Replica(Cluster):
    """A hot standby of the primary at `primary_host` (a socket folder), owned like the primary."""

    def __init__(self, primary_host: str, user: str, apply_delay: str = "5s"):
        self.bin = _find_pg_bin()
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-replica-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, user="postgres")
        self.user = user
        self.apply_delay = apply_delay
        # --no-sync: a throwaway copy needs no fsync; -c fast: do not wait for the next checkpoint.
        self._owner(
            "pg_basebackup",
            *("-h", primary_host, "-U", user, "-D", str(self.root / "data")),
            *("-X", "stream", "-R", "-c", "fast", "--no-sync"),
        )

    def start(self):
        """Start the standby: its own socket, the commit replay held back by `apply_delay`."""
        options = (
            f"-c listen_addresses='' -k {self.root} -c fsync=off -c max_connections=60 "
            f"-c hot_standby=on -c recovery_min_apply_delay={self.apply_delay}"
        )
        self._owner("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "server.log"), "-w", "-o", options, "start")

    def url(self, database: str) -> str:
        """A DATABASE_URL for `database` on the standby."""
        return f"postgres://{self.user}@{urllib.parse.quote(str(self.root), safe='')}/{database}"

    def query(self, database: str, sql: str) -> str:
        """The first column of the first row of `sql`, run on the standby with psql."""
        command = [str(self.bin / "psql"), "-h", str(self.root), "-U", self.user, "-d", database, "-At", "-c", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S603
