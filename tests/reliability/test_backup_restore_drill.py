"""Backup and restore drill: scripts/backup.sh, then scripts/restore.sh into a fresh database and a
fresh media folder, then the original and the restored site serve the same public pages, byte for
byte.

Nothing is normalised away: public pages carry no CSRF token (no POST form) and request ids live
in a response header, not in the bodies; both servers get the same Host header so that absolute
URLs match. Should a CSRF token ever appear in a public page, `comparable` masks it and says so.
Headers are not compared (Date, X-Request-ID and the page cache's own headers must differ).
"""

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from tests.reliability.harness import REPO, AppServer, Deployment, fetch

# The deployment's database is copied from the suite's test database (see conftest.py).
pytestmark = pytest.mark.django_db

PAGES = (
    "home",
    "section",
    "article",
    "article_2",
    "entity",
    "entity_index",
    "author",
    "tag",
    "search",
    "feed_rss",
    "feed_atom",
    "section_feed",
    "sitemap",
    "sitemap_articles",
    "sitemap_news",
    "robots",
)
HOST = {"Host": "127.0.0.1"}
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
MEDIA_URL = re.compile(rb'/media/[^"\s<>?]+\.(?:jpg|jpeg|png|webp)')


def comparable(body: bytes) -> bytes:
    """The body with what must differ between two servers masked (CSRF tokens only)."""
    return CSRF_TOKEN.sub(b'name="csrfmiddlewaretoken" value="masked"', body)


def run(script, env, *args):
    done = subprocess.run([str(REPO / "scripts" / script), *args], check=False, cwd=REPO, env=env, capture_output=True, text=True)  # noqa: S603
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_backup_then_restore_serves_the_same_site(deployed_site, tmp_path):
    cluster, original, urls = deployed_site
    source = AppServer(original, workers=1)
    restored_server = None
    try:
        source.wait_healthy()
        # Readers came by before the backup: image renditions exist, as on a live site.
        for name in PAGES:
            assert fetch(source.base_url + urls[name], headers=HOST).status == 200, name

        backup = run("backup.sh", original.env(), str(tmp_path / "backups")).strip().splitlines()[-1]
        manifest = Path(backup, "MANIFEST").read_text()
        assert "database=postgres://" in manifest
        assert min(p.name for p in (tmp_path / "backups").iterdir()).startswith("newsroom-")

        cluster.client("createdb", "newsroom_restored")
        restored = Deployment(
            cluster.url("newsroom_restored"),
            media_root=tmp_path / "media-restored",
            static_root=original.static_root,
            secret_key=original.secret_key,
        )
        run("restore.sh", restored.env(), backup)
        restored_server = AppServer(restored, workers=1)
        restored_server.wait_healthy()

        compared, differences, total_bytes, media = [], [], 0, set()
        for name in PAGES:
            before = fetch(source.base_url + urls[name], headers=HOST)
            after = fetch(restored_server.base_url + urls[name], headers=HOST)
            assert before.status == after.status == 200, name
            assert before.headers["Content-Type"] == after.headers["Content-Type"], name
            compared.append(name)
            total_bytes += len(before.body)
            media.update(MEDIA_URL.findall(before.body))
            if comparable(before.body) != comparable(after.body):
                differences.append(name)
        # Renditions (and originals, if a page links one) are files: they must be identical too.
        assert any(b"/images/" in path for path in media), "no image rendition on the compared pages"
        for path in sorted(media):
            before = fetch(source.base_url + path.decode(), headers=HOST)
            after = fetch(restored_server.base_url + path.decode(), headers=HOST)
            assert before.status == after.status == 200, path
            compared.append(path.decode())
            total_bytes += len(before.body)
            if hashlib.sha256(before.body).digest() != hashlib.sha256(after.body).digest():
                differences.append(path.decode())
        print(
            f"\nbackup/restore drill: {len(compared)} URLs compared ({len(PAGES)} pages, {len(media)} media files), "
            f"{total_bytes} bytes, {len(differences)} differences {differences}; manifest:\n{manifest}"
        )
        assert differences == []
    finally:
        source.stop()
        if restored_server is not None:
            restored_server.stop()


def test_restore_refuses_a_database_that_is_not_empty(deployed_site, tmp_path):
    _cluster, original, _urls = deployed_site
    backup = run("backup.sh", original.env(), str(tmp_path / "backups")).strip().splitlines()[-1]

    refused = subprocess.run(  # noqa: S603
        [str(REPO / "scripts" / "restore.sh"), backup],
        check=False,
        env={**original.env(), "DJANGO_MEDIA_ROOT": str(tmp_path / "media")},
        capture_output=True,
        text=True,
    )

    assert refused.returncode == 2
    assert "already has" in refused.stderr
    assert not (tmp_path / "media").exists()


def test_restore_refuses_a_damaged_backup(deployed_site, tmp_path):
    cluster, original, _urls = deployed_site
    backup = run("backup.sh", original.env(), str(tmp_path / "backups")).strip().splitlines()[-1]
    with Path(backup, "media.tar").open("r+b") as archive:
        archive.seek(600)
        archive.write(b"\0corrupted\0")
    cluster.client("createdb", "newsroom_never_restored")

    refused = subprocess.run(  # noqa: S603
        [str(REPO / "scripts" / "restore.sh"), backup],
        check=False,
        env={**original.env(), "DATABASE_URL": cluster.url("newsroom_never_restored"), "DJANGO_MEDIA_ROOT": str(tmp_path / "m")},
        capture_output=True,
        text=True,
    )

    assert refused.returncode == 2
    assert "checksums do not match" in refused.stderr
    tables = cluster.client("psql", "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", "newsroom_never_restored")
    assert tables.stdout.strip() == "0"
