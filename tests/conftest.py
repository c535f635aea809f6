"""Shared fixtures: the home page from the set-up migration, sections, authors, images, users."""

import atexit
import os
import shutil
import tempfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from demo import factories

# The app servers the tests start share the folder cache of the worktree (var/cache) by default:
# each pytest process (one per xdist worker) gives its servers a folder of its own, so two workers
# never answer from each other's pages.
# The process that made the folder removes it when it exits.
if "NEWSROOM_CACHE_DIR" not in os.environ:
    os.environ["NEWSROOM_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsroom-test-cache-")
    atexit.register(shutil.rmtree, os.environ["NEWSROOM_CACHE_DIR"], ignore_errors=True)


@pytest.fixture
def home(db):
    return factories.get_home()


@pytest.fixture
def section(home):
    return factories.make_section(title="Business")


@pytest.fixture
def author(db):
    return factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil", role="Journaliste")


def _user(username, group_name=None, superuser=False):
    User = get_user_model()
    user = User.objects.create_user(
        username=username, password="motdepasse-de-test", email=f"{username}@example.org", first_name=username.title()
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def journalist(db):
    return _user("journaliste", "Journalistes")


@pytest.fixture
def editor(db):
    return _user("redaction", "Rédaction en chef")


@pytest.fixture
def sales(db):
    return _user("commercial", "Commercial")


@pytest.fixture
def superuser(db):
    return _user("admin", superuser=True)


@pytest.fixture(scope="module")
def demo_newsroom(django_db_setup, django_db_blocker):
    """The demo newsroom (`load_demo --no-accounts`, about 13 s), loaded once for the tests of a
    module that ask for it, in a transaction rolled back after the module's last test. Each test
    still runs in a savepoint of its own (the `db` fixture), so what one changes is undone before
    the next. Not for transactional tests: they would run inside this transaction."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_demo", "--no-accounts", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(scope="session", autouse=True)
def _flush_survives_a_deadlock():
    """A transactional test ends with a flush (TRUNCATE of every table). A live server thread may
    still be answering a browser's last request then (an autosave, a poll): PostgreSQL can find
    the two waiting on each other and abort the TRUNCATE as a deadlock, which left the database
    unflushed for the next test (seen once in a full run). The flush is tried again: the other
    transaction has its locks by then, so the new TRUNCATE simply waits for it to end."""
    from django.test.testcases import TransactionTestCase

    original = TransactionTestCase._fixture_teardown

    def teardown(self):
        for attempt in range(3):
            try:
                return original(self)
            except Exception as error:
                chain, cause = [], error
                while cause is not None:
                    chain.append(str(cause))
                    cause = cause.__cause__
                if attempt == 2 or not any("deadlock detected" in text for text in chain):
                    raise

    TransactionTestCase._fixture_teardown = teardown
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    from django.core.cache import cache

    cache.clear()


# --- N+1 detector (issue 6) ---------------------------------------------------------------------
# django-zeal raises NPlusOneError when a request loads the same lazy relation for several objects
# of a list (or repeats a .get() from one line). It watches every request the tests make, through
# tests/zeal_middleware.py put first (which also allows the Wagtail admin's one-object lookups);
# test set-up code (factories looping over .get()) is not watched. It is not in INSTALLED_APPS (a
# dev-only package): its app would only patch the ORM at start-up, which `_zeal_patched` does once
# for the session. Third-party N+1s we cannot fix are allowed here, each with its reason.
ZEAL_ALLOWLIST = []


@pytest.fixture(scope="session")
def _zeal_patched():
    from zeal.constants import initialize_app_registry
    from zeal.patch import patch

    initialize_app_registry()
    patch()


@pytest.fixture(autouse=True)
def _no_n_plus_one(settings, _zeal_patched):
    """Every request of every test runs inside zeal's detection context."""
    from zeal import zeal_ignore

    settings.MIDDLEWARE = ["tests.zeal_middleware.ZealMiddleware", *settings.MIDDLEWARE]
    with zeal_ignore(ZEAL_ALLOWLIST):
        yield


@pytest.fixture(scope="session")
def oembed_provider():
    """A local YouTube stand-in (oEmbed endpoint and thumbnail host over real HTTP)."""
    from tests.oembed_provider import Provider

    server = Provider()
    yield server
    server.close()


@pytest.fixture
def local_oembed_provider(oembed_provider, settings):
    """Wagtail's oEmbed finder and our thumbnail fetcher pointed at `oembed_provider`."""
    settings.WAGTAILEMBEDS_FINDERS = oembed_provider.finders
    settings.NEWSROOM_EMBED_THUMBNAIL_FETCHER = "tests.oembed_provider.fetch_from_local_provider"
    oembed_provider.hits.clear()
    return oembed_provider


# --- Parallel runs (pytest-xdist) ------------------------------------------------------------------
# A transactional test (live server, browser, real processes) ends with a flush that empties every
# table, migration data included (home page, groups, collections). Run alone, pytest-django puts
# those tests last, so nothing runs after a flush; spread over two workers, a worker may be handed a
# file of ordinary tests after one. Before such a test, the migration data serialised at set-up is
# put back (once per flush, so a serial run never pays for it).
_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
_flushed_by = None


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migration data (`serialized_rollback=True`).

    A transactional test without it ends with a flush that re-creates content types and
    permissions but not the migration data: the next transactional test then finds no home page,
    and the next one with serialized rollback fails on duplicate content types. Refused here, at
    collection, rather than as an error that depends on test order.
    """
    offenders = [
        item.nodeid
        for item in items
        if _is_transactional(item)
        and not (
            "django_db_serialized_rollback" in getattr(item, "fixturenames", ())
            or (item.get_closest_marker("django_db") and item.get_closest_marker("django_db").kwargs.get("serialized_rollback"))
        )
    ]
    if offenders:
        raise pytest.UsageError(
            "Transactional tests need @pytest.mark.django_db(transaction=True, serialized_rollback=True):\n" + "\n".join(offenders)
        )


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    global _flushed_by
    if _is_transactional(item):
        _flushed_by = item.nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _flushed_by
    if _flushed_by is None or _is_transactional(item) or not _uses_database(item):
        return
    from django.core.management import call_command
    from django.db import connections

    from pytest_django.plugin import blocking_manager_key

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        return
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style

    with item.config.stash[blocking_manager_key].unblock():
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(contents)
        # The rows come back with their own ids, which leaves every sequence behind them: move
        # the sequences past them, or the test's first insert collides with the home page.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)
    # Content types came back with the ids of the serialised copy; drop the cached ones.
    ContentType.objects.clear_cache()
    _flushed_by = None
