"""A deployment of the site on a PostgreSQL cluster of its own, shared by the restart and drill tests."""

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.reliability.harness import Cluster, Deployment, copy_database

SEED_SCRIPT = Path(__file__).with_name("seed_site.py")


@pytest.fixture(scope="session")
def deployed_site(django_db_setup, django_db_blocker):
    """(cluster, deployment, urls): production settings, migrated, seeded, static files collected.

    The cluster is separate from the test suite's so that a test may stop it. Its database is a
    copy of the freshly migrated test database (same migrations, two seconds instead of thirty).
    """
    from django.db import connection

    with django_db_blocker.unblock():
        source = dict(connection.settings_dict)
    files = Path(tempfile.mkdtemp(prefix="newsroom-reliability-files-"))
    cluster = None
    try:
        # collectstatic needs no database: it runs while the cluster is created and seeded.
        static = Deployment("postgres://unused/unused", media_root=files / "media", static_root=files / "static")
        collecting = static.start_manage("collectstatic", "--noinput", "-v", "0")
        cluster = Cluster()
        deployment = Deployment(cluster.url("newsroom"), media_root=files / "media", static_root=files / "static")
        cluster.start()
        copy_database(source, cluster, "newsroom")
        urls = json.loads(deployment.run_script(SEED_SCRIPT).strip().splitlines()[-1])
        deployment.finish(collecting)
        yield cluster, deployment, urls
    finally:
        if cluster is not None:
            cluster.destroy()
        shutil.rmtree(files, ignore_errors=True)
