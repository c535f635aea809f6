"""Sign-up guards (French errors, honeypot, rate limit, same answer, « never again »), signed links,
and who may send an edition."""

from django.test import Client
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from audience import services
from audience.models import Edition, Subscriber, Suppression
from audience.tokens import confirmation_token, manage_token

pytestmark = pytest.mark.django_db


def _queued():
    return DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count()


def _subscriber(email="ines@example.org"):
    from django.utils import timezone

    now = timezone.now()
    return Subscriber.objects.create(email=email, daily=True, consent_text="…", consented_at=now, confirmed_at=now)


def _signup(client, email, **extra):
    data = {"email": email, "daily": "on", "consent": "on", **extra}
    return client.post("/lettre/", data, REMOTE_ADDR=extra.pop("ip", "203.0.113.7"))


def test_bad_input_gets_french_errors_and_sends_nothing(home):
    client = Client()
    bad = client.post("/lettre/", {"email": "pas-une-adresse", "daily": "on"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Cette adresse e-mail n’est pas valide." in html and "Cochez la case pour confirmer votre accord." in html
    none = client.post("/lettre/", {"email": "a@example.org", "consent": "on"})
    assert none.status_code == 400 and "Choisissez au moins une lettre" in none.content.decode()
    assert _queued() == 0 and not Subscriber.objects.exists()


def test_known_and_unknown_addresses_get_the_same_answer_and_robots_nothing(home, django_capture_on_commit_callbacks):
    _subscriber("ines@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = _signup(Client(), "ines@example.org")
        unknown = _signup(Client(), "paul@example.org")
        robot = _signup(Client(), "robot@example.org", website="http://spam.example")
    assert known.status_code == unknown.status_code == robot.status_code == 200
    assert known.content == unknown.content == robot.content
    recipients = [result.args_kwargs["args"][0] for result in DBTaskResult.objects.filter(task_path__endswith="send_confirmation")]
    assert sorted(recipients) == ["ines@example.org", "paul@example.org"]


def test_floods_are_cut_per_address_and_per_sender(home, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_NEWSLETTER_SIGNUP_LIMIT = 3
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert _signup(Client(), "cible@example.org", ip="198.51.100.1").status_code == 200
    assert _queued() == 1, "one confirmation per address and ten minutes"
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            _signup(Client(), f"autre{number}@example.org", ip="198.51.100.2")
        assert _signup(Client(), "encore@example.org", ip="198.51.100.2").status_code == 200
    assert _queued() == 4, "the fourth sign-up from one sender in ten minutes sends nothing"


def test_never_again_keeps_only_a_hash_and_is_honoured(home, django_capture_on_commit_callbacks):
    subscriber = _subscriber("zoe@example.org")
    client = Client()
    path = f"/lettre/desabonnement/{manage_token(subscriber)}/"
    assert client.get(path).status_code == 200 and Subscriber.objects.exists(), "a GET unsubscribes no one"
    assert client.post(path, {"never_again": "1"}).status_code == 200
    assert not Subscriber.objects.exists()
    [suppression] = Suppression.objects.all()
    assert "zoe" not in suppression.email_hash and len(suppression.email_hash) == 64
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_subscription(email="Zoe@example.org", daily=True, weekly=False, entity_ids=[]) == "suppressed"
    assert _queued() == 0


def test_signed_links_refuse_tampering_and_expire(home, settings):
    subscriber = _subscriber()
    token = manage_token(subscriber)
    client = Client()
    assert client.get(f"/lettre/gerer/{token}/").status_code == 200
    assert client.get(f"/lettre/gerer/{token[:-2]}xx/").status_code == 404
    confirm = confirmation_token(email="a@example.org", daily=True, weekly=False, entity_ids=[], consented_at="2026-12-04T10:00:00+00:00")
    settings.NEWSROOM_NEWSLETTER_CONFIRM_HOURS = -1
    expired = client.get(f"/lettre/confirmer/{confirm}/")
    assert expired.status_code == 404 and "Lien expiré" in expired.content.decode()


def test_the_managing_form_wants_its_csrf_token_but_one_click_does_not(home):
    subscriber = _subscriber()
    token = manage_token(subscriber)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"/lettre/gerer/{token}/", {"weekly": "on"}).status_code == 403
    assert strict.post(f"/lettre/desabonnement/{token}/", {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.exists()


def test_only_who_may_send_reaches_the_send_page_and_past_dates_are_refused(home, editor, journalist, sales):
    edition = Edition.objects.create(subject="La semaine du 28 novembre", kind=Edition.Kind.WEEKLY)
    path = f"/admin/lettre/envoyer/{edition.pk}/"
    for user in (journalist, sales):
        client = Client()
        client.force_login(user)
        assert client.post(path, {"action": "send"}).status_code in (302, 403)
        assert client.get(path).status_code in (302, 403)
    assert Edition.objects.get().status == Edition.Status.DRAFT
    client = Client()
    client.force_login(editor)
    past = client.post(path, {"action": "schedule", "date": "2020-01-01", "time": "08:00"})
    assert past.status_code == 400 and "Choisissez un moment à venir." in past.content.decode()
    garbage = client.post(path, {"action": "schedule", "date": "demain", "time": "8h"})
    assert garbage.status_code == 400 and "Date invalide." in garbage.content.decode()
    assert Edition.objects.get().status == Edition.Status.DRAFT and _queued() == 0


def test_an_edition_is_scheduled_for_the_worker_at_the_chosen_time(home, editor, django_capture_on_commit_callbacks):
    edition = Edition.objects.create(subject="L’essentiel du 5 décembre")
    client = Client()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/lettre/envoyer/{edition.pk}/", {"action": "schedule", "date": "2099-12-05", "time": "07:30"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    [task] = DBTaskResult.objects.filter(task_path__endswith="send_edition")
    assert task.run_after == edition.scheduled_for and timezone.localtime(task.run_after).strftime("%Y-%m-%d %H:%M") == "2099-12-05 07:30"
