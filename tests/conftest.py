"""Shared fixtures: the home page from the set-up migration, sections, authors, images, users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from demo import factories


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
