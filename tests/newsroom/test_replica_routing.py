"""Who reads a replica (newsroom/replicas.py), decided without a database: the request and the router.

The real thing (a lagging standby behind gunicorn) is tests/newsroom/test_read_replica.py.
"""

from django.conf import settings
from django.db import transaction

import pytest

from newsroom.page_cache import is_anonymous_public_read
from newsroom.replicas import ReadState, ReplicaRouter, _state, parse_lsn
from newsroom.settings.env import replica_databases


def test_without_replica_urls_nothing_is_installed():
    assert list(settings.DATABASES) == ["default"]
    assert settings.DATABASE_ROUTERS == []
    assert "newsroom.replicas.ReplicaReadMiddleware" not in settings.MIDDLEWARE


def test_each_url_becomes_a_replica_mirroring_the_primary_in_tests():
    default = {"ENGINE": "django.db.backends.postgresql", "NAME": "news", "HOST": "primary", "CONN_MAX_AGE": 60, "OPTIONS": {}}
    databases = replica_databases(["postgres://lecteur@replique-1/news", "postgres://lecteur@replique-2:5433/news"], default)
    assert list(databases) == ["replica_1", "replica_2"]
    assert databases["replica_2"]["HOST"] == "replique-2" and databases["replica_2"]["PORT"] == 5433
    assert databases["replica_1"]["CONN_MAX_AGE"] == 60 and databases["replica_1"]["OPTIONS"]["connect_timeout"] == 2
    assert databases["replica_1"]["TEST"] == {"MIRROR": "default"}


def test_only_anonymous_public_reads_may_read_a_replica(rf):
    assert is_anonymous_public_read(rf.get("/business/mistral/"))
    assert is_anonymous_public_read(rf.get("/api/v2/articles/"))
    assert is_anonymous_public_read(rf.head("/flux/"))
    assert not is_anonymous_public_read(rf.post("/business/mistral/"))
    assert not is_anonymous_public_read(rf.get("/admin/pages/"))
    assert not is_anonymous_public_read(rf.get("/partenaires/1/accueil/"))
    assert not is_anonymous_public_read(rf.get("/", HTTP_AUTHORIZATION="Bearer jeton"))
    logged_in = rf.get("/")
    logged_in.COOKIES[settings.SESSION_COOKIE_NAME] = "session"
    assert not is_anonymous_public_read(logged_in)


def test_a_write_sends_the_rest_of_the_request_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"  # outside a marked request: the primary
    token = _state.set(ReadState(alias="replica_1"))
    try:
        assert router.db_for_read(None) == "replica_1"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        _state.reset(token)


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary():
    token = _state.set(ReadState(alias="replica_1"))
    try:
        with transaction.atomic():
            assert ReplicaRouter().db_for_read(None) == "default"
    finally:
        _state.reset(token)


def test_wal_positions_compare_as_numbers():
    assert parse_lsn("16/B374D848") == (0x16 << 32) + 0xB374D848
    assert parse_lsn("0/FFFFFFFF") < parse_lsn("1/0")
    assert parse_lsn(None) is None
