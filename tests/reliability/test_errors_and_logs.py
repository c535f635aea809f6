"""Error pages in French that name the request, log lines that carry it, JSON logs that parse.

Also the in-process half of the outage handling: a lost database, wherever it is raised below the
outage middleware, gives the French 503 page (the real PostgreSQL restart is in
test_database_restart.py).
"""

import io
import json
import logging
import logging.config

from django.conf import settings as django_settings
from django.test import Client

import pytest

from newsroom.log_format import logging_config
from newsroom.request_context import incoming_request_id

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.reliability.urls")]


@pytest.fixture
def client():
    """A client that shows the 500 page instead of re-raising the view's exception."""
    return Client(raise_request_exception=False)


@pytest.fixture
def console_log():
    """What the configured console handler writes during the test, in the configured format."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


@pytest.fixture
def json_log():
    """Reconfigure logging as production does with DJANGO_LOG_FORMAT=json; restore afterwards."""
    logging.config.dictConfig(logging_config("json", "INFO"))
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    handler.setStream(stream)
    try:
        yield stream
    finally:
        logging.config.dictConfig(django_settings.LOGGING)


def test_a_crash_gives_the_french_500_page_with_the_request_id_and_no_detail(client, django_assert_num_queries):
    # Zero queries: the error page must render while the database is the thing that broke.
    with django_assert_num_queries(0):
        response = client.get("/essai/erreur/")

    request_id = response["X-Request-ID"]
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr">' in body
    assert "Un problème nous empêche d’afficher cette page" in body
    assert f"<code>{request_id}</code>" in body
    assert "référence\u00a0:" in body
    for leak in ("Traceback", "DeliberateError", "secret-internal-detail", "broken_view", ".py"):
        assert leak not in body


def test_each_request_gets_its_own_id(client):
    first = client.get("/essai/erreur/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]

    assert len(first) == len(second) == 32
    assert first != second


def test_a_sane_proxy_request_id_is_kept(client):
    response = client.get("/health/", headers={"X-Request-ID": "edge-7f3a9c1e-42"})

    assert response["X-Request-ID"] == "edge-7f3a9c1e-42"


@pytest.mark.parametrize(
    "hostile",
    ["", "court", "a b c d e f g h", "x" * 129, "abc\r\nSet-Cookie: x=1", '"><script>alert(1)</script>', "éèàùéèàù"],
)
def test_a_hostile_proxy_request_id_is_replaced(client, hostile):
    assert incoming_request_id(hostile) is None

    response = client.get("/health/", headers={"X-Request-ID": hostile})

    assert response["X-Request-ID"] != hostile
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_of_a_request_name_it_without_query_string_or_cookies(client, console_log, journalist):
    client.force_login(journalist)
    client.cookies["suivi"] = "cookie-secret"

    response = client.get("/essai/erreur/?token=jeton-secret&q=recherche", headers={"X-Request-ID": "proxy-id-000042"})

    assert response["X-Request-ID"] == "proxy-id-000042"
    lines = console_log.getvalue().splitlines()
    ours = [line for line in lines if "[proxy-id-000042]" in line]
    # The view's own warning and Django's report of the 500, both tagged with the request id.
    assert any("WARNING tests.reliability [proxy-id-000042] about to fail" in line for line in ours)
    assert any("ERROR django.request [proxy-id-000042] Internal Server Error: /essai/erreur/" in line for line in ours)
    logged = console_log.getvalue()
    for secret in ("jeton-secret", "cookie-secret", "recherche", "motdepasse"):
        assert secret not in logged


def test_json_log_lines_parse_and_carry_the_request(client, json_log):
    response = client.get("/essai/erreur/?token=jeton-secret", headers={"Cookie": "sessionid=biscuit-secret"})

    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    by_logger = {record["logger"]: record for record in records}
    report = by_logger["django.request"]
    assert report["level"] == "ERROR"
    assert report["message"] == "Internal Server Error: /essai/erreur/"
    assert report["request_id"] == response["X-Request-ID"]
    assert report["method"] == "GET"
    assert report["path"] == "/essai/erreur/"
    assert report["status_code"] == 500
    assert "DeliberateError: secret-internal-detail" in report["exc_info"]
    assert report["time"]
    # The request object itself (its repr holds the query string) is never dumped.
    assert "request" not in report
    assert "jeton-secret" not in json_log.getvalue()
    assert "biscuit-secret" not in json_log.getvalue()


def test_json_log_lines_name_the_logged_in_user(client, json_log, journalist):
    client.force_login(journalist)

    client.get("/essai/erreur/")

    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    warning = next(record for record in records if record["message"] == "about to fail")
    assert warning["user_id"] == journalist.pk


def test_lines_outside_a_request_have_empty_request_fields(json_log):
    logging.getLogger("newsroom.scheduler").info("tick")

    record = json.loads(json_log.getvalue().splitlines()[-1])
    assert record["message"] == "tick"
    assert record["request_id"] is None
    assert record["path"] is None


def test_password_reset_tokens_never_reach_the_logs():
    from newsroom.request_context import loggable_path

    assert loggable_path("/admin/password_reset/confirm/reset/MQ/c4x9-0123456789abcdef/") == ("/admin/password_reset/confirm/reset/MQ/…/")
    assert len(loggable_path("/" + "a" * 5000)) == 300


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="DJANGO_LOG_FORMAT"):
        logging_config("xml", "INFO")


def assert_french_503(response):
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(django_settings.NEWSROOM_OUTAGE_RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    assert '<html lang="fr">' in body
    assert "Le site est momentanément indisponible" in body
    assert f"<code>{response['X-Request-ID']}</code>" in body
    assert "Traceback" not in body
    assert "Error" not in body


def test_a_view_that_loses_the_database_gives_the_french_503(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/essai/base-perdue/")

    assert_french_503(response)


def test_psycopg_errors_under_other_exceptions_are_recognised(client):
    assert_french_503(client.get("/essai/psycopg-perdu/"))


def test_a_middleware_that_loses_the_database_gives_the_french_503(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.reliability.middleware.LoseDatabaseInMiddleware"]

    assert_french_503(Client(raise_request_exception=False).get("/essai/middleware-perdu/"))


def test_other_errors_stay_500(client):
    assert client.get("/essai/erreur/").status_code == 500
