"""Admin login throttling (django-axes): per (username, address) lockout, French answers, proxies, unlock."""

import io
import logging
import re

from django.core.management import call_command
from django.test import override_settings

import pytest
from axes.models import AccessAttempt

PASSWORD = "motdepasse-de-test"  # tests/conftest.py
LOGIN_URL = "/admin/login/"
OFFICE = "192.0.2.10"
ELSEWHERE = "203.0.113.7"
NBSP = "\u00a0"

pytestmark = pytest.mark.django_db


def post_login(client, username, password, address=OFFICE, **headers):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address, **headers)


def fail(client, username, times, address=OFFICE, **headers):
    return [post_login(client, username, "mauvais-mot-de-passe", address, **headers) for _ in range(times)]


class LogRecorder(logging.Handler):
    """Collects the records of one logger (the suite runs with `-p no:logging`, so no caplog)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def security_log():
    recorder = LogRecorder()
    logger = logging.getLogger("newsroom.security")
    logger.addHandler(recorder)
    yield recorder.records
    logger.removeHandler(recorder)


def test_four_failures_say_how_many_tries_remain_in_french(client, journalist):
    responses = fail(client, "journaliste", 4)
    assert [response.status_code for response in responses] == [200, 200, 200, 200]
    for response, left in zip(responses, [4, 3, 2, 1], strict=True):
        text = response.content.decode()
        assert "Identifiant ou mot de passe incorrect." in text
        tries = "essai" if left == 1 else "essais"
        assert f"Encore {left}{NBSP}{tries} avant une suspension de 15{NBSP}minutes depuis cette adresse." in text
    assert "_auth_user_id" not in client.session


def test_fifth_failure_locks_the_pair_out_with_a_french_429_page(client, journalist, security_log):
    *_, fifth = fail(client, "journaliste", 5)

    assert fifth.status_code == 429
    assert fifth["Retry-After"] == "900"
    assert fifth["Content-Type"].startswith("text/html")
    page = fifth.content.decode()
    assert "<h1>Connexion suspendue</h1>" in page
    assert "la connexion de «\u202fjournaliste\u202f» depuis cette adresse est suspendue pendant 15\u00a0minutes" in page
    assert "prévenez un administrateur\u00a0: il peut lever la suspension" in page
    # No inline script: every <script> loads a file or only carries JSON data.
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "style=" not in page
    lockouts = [record for record in security_log if record.getMessage().startswith("admin login locked out")]
    assert len(lockouts) == 1
    assert "username='journaliste' ip_address=192.0.2.10 for 15 minutes" in lockouts[0].getMessage()


def test_the_right_password_is_refused_during_the_lockout_from_that_address(client, journalist):
    fail(client, "journaliste", 5)

    response = post_login(client, "journaliste", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_attacker_elsewhere_cannot_lock_the_journalist_out(client, journalist):
    fail(client, "journaliste", 8, address=ELSEWHERE)
    assert post_login(client, "journaliste", "encore-faux", address=ELSEWHERE).status_code == 429

    response = post_login(client, "journaliste", PASSWORD, address=OFFICE)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert int(client.session["_auth_user_id"]) == journalist.pk


def test_other_usernames_from_the_locked_address_still_log_in(client, journalist, editor):
    fail(client, "journaliste", 5)

    response = post_login(client, "redaction", PASSWORD)

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == editor.pk


def test_a_success_resets_the_counter(client, journalist):
    fail(client, "journaliste", 4)
    assert post_login(client, "journaliste", PASSWORD).status_code == 302
    client.logout()

    responses = fail(client, "journaliste", 4)

    assert [response.status_code for response in responses] == [200] * 4
    assert "Encore 1\u00a0essai avant" in responses[-1].content.decode()


def test_scripts_get_the_lockout_as_french_json(client, journalist):
    *_, fifth = fail(client, "journaliste", 5, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert fifth.status_code == 429
    assert fifth.json() == {
        "erreur": (
            "Trop d’essais de connexion infructueux pour cet identifiant depuis votre adresse\u00a0: "
            "la connexion est suspendue pendant 15\u00a0minutes."
        ),
        "minutes": 15,
    }


def test_a_forged_forwarded_for_header_does_not_dodge_the_counter_without_trusted_proxies(client, journalist):
    responses = [post_login(client, "journaliste", "faux", OFFICE, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}") for number in range(1, 6)]

    assert responses[-1].status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


@override_settings(NEWSROOM_TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_the_client_is_the_last_forwarded_address(client, journalist):
    proxy = "10.0.0.2"
    # The client forged the first entry; the proxy appended the real address last.
    fail(client, "journaliste", 5, address=proxy, HTTP_X_FORWARDED_FOR="127.0.0.1, 198.51.100.20")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}

    locked = post_login(client, "journaliste", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    other_reader = post_login(client, "journaliste", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.21")

    assert locked.status_code == 429
    assert other_reader.status_code == 302


@override_settings(NEWSROOM_TRUSTED_PROXY_COUNT=1)
def test_a_garbled_forwarded_for_header_counts_against_the_proxy_address(client, journalist):
    fail(client, "journaliste", 1, address="10.0.0.2", HTTP_X_FORWARDED_FOR="pas-une-adresse")

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]


def test_axes_reset_username_unlocks_the_account(client, journalist):
    fail(client, "journaliste", 5)
    out = io.StringIO()

    call_command("axes_reset_username", "journaliste", stdout=out)

    assert out.getvalue().strip() == "1 attempts removed."
    assert post_login(client, "journaliste", PASSWORD).status_code == 302


def test_an_inactive_account_gets_the_generic_french_message(client, journalist):
    journalist.is_active = False
    journalist.save()

    response = post_login(client, "journaliste", PASSWORD)

    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect." in response.content.decode()
