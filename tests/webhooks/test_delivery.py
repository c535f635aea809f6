"""Webhooks delivered by a real worker process to a real HTTP receiver that checks the signature."""

import time

from django.db import transaction

from wagtail.models import PageViewRestriction

import pytest
from django_tasks_db.models import DBTaskResult

from demo import factories
from newsroom.worker import task_settings
from tests.servers import wait_for
from tests.webhooks.conftest import SECRET
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import signature_header, verify

# Committed data, seen by the worker process; the migrations' rows (groups, home page) restored after.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _endpoint(receiver, **fields):
    return WebhookEndpoint.objects.create(name="Application mobile", url=receiver.url, secret=SECRET, **fields)


def _deliveries(count, timeout=90.0):
    wait_for(lambda: WebhookDelivery.objects.count() >= count, f"{count} logged deliveries", timeout=timeout)
    return list(WebhookDelivery.objects.order_by("created_at", "pk"))


@transactional
def test_publish_update_and_unpublish_reach_the_receiver_signed(make_receiver, worker, home, section):
    receiver = make_receiver()
    _endpoint(receiver)
    article = factories.make_article(section=section, title="Meta recrute à prix d'or")
    received = receiver.wait_for(1)
    article.title = "Meta recrute à prix d'or (mis à jour)"
    article.save_revision().publish()
    receiver.wait_for(2)
    article.unpublish()
    received = receiver.wait_for(3)

    assert [request["body"]["event"] for request in received] == ["article.published", "article.updated", "article.unpublished"]
    assert all(request["signed"] for request in received)
    first = received[0]
    assert first["headers"]["Content-Type"] == "application/json"
    assert first["headers"]["X-Newsroom-Event"] == "article.published"
    assert first["body"]["article"]["id"] == article.pk
    assert first["body"]["article"]["api_url"].endswith(f"/api/v2/articles/{article.pk}/")
    assert received[1]["body"]["article"]["title"] == "Meta recrute à prix d'or (mis à jour)"
    logged = _deliveries(3)
    assert [(row.event, row.status, row.response_code, row.attempt) for row in logged] == [
        ("article.published", "reussi", 200, 1),
        ("article.updated", "reussi", 200, 1),
        ("article.unpublished", "reussi", 200, 1),
    ]


@transactional
def test_a_failing_receiver_is_retried_with_backoff_then_given_up(make_receiver, worker, home, section):
    flaky = make_receiver(statuses=(500, 503, 200))
    down = make_receiver(statuses=(500,))
    _endpoint(flaky)
    WebhookEndpoint.objects.create(name="Partenaire en panne", url=down.url, secret=SECRET)
    factories.make_article(section=section, title="Scale AI valorisée 29 milliards")

    retried = flaky.wait_for(3)
    assert len({request["headers"]["X-Newsroom-Delivery"] for request in retried}) == 1
    assert [request["headers"]["X-Newsroom-Attempt"] for request in retried] == ["1", "2", "3"]
    assert all(request["signed"] for request in retried)
    down.wait_for(3)

    logged = _deliveries(6)
    flaky_rows = [row for row in logged if row.endpoint.url == flaky.url]
    assert [(row.attempt, row.status, row.response_code) for row in flaky_rows] == [
        (1, "nouvel_essai", 500),
        (2, "nouvel_essai", 503),
        (3, "reussi", 200),
    ]
    # Exponential backoff: 1 s after the first attempt, 2 s after the second (test settings).
    first, second, third = flaky_rows
    assert (second.created_at - first.created_at).total_seconds() >= 1
    assert (third.created_at - second.created_at).total_seconds() >= 2
    assert round((first.next_attempt_at - first.created_at).total_seconds()) == 1
    assert round((second.next_attempt_at - second.created_at).total_seconds()) == 2
    down_rows = [row for row in logged if row.endpoint.url == down.url]
    assert [(row.attempt, row.status) for row in down_rows] == [(1, "nouvel_essai"), (2, "nouvel_essai"), (3, "echec")]
    # Nothing more is scheduled after the last attempt.
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db
def test_publishing_only_enqueues_after_commit(make_receiver, section, django_capture_on_commit_callbacks):
    receiver = make_receiver()
    _endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = factories.make_article(section=section, title="Publié sans attendre le destinataire")
    # Nothing is sent or queued before the commit...
    assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    # ...then one task row, for the worker; the receiver has heard nothing during « Publier ».
    task = DBTaskResult.objects.get()
    assert task.task_path == "webhooks.tasks.deliver_webhook"
    assert task.args_kwargs["args"][1] == "article.published"
    assert task.args_kwargs["args"][2]["article"]["id"] == article.pk
    assert receiver.requests == []


@pytest.mark.django_db
def test_a_rolled_back_publication_sends_nothing(make_receiver, section, django_capture_on_commit_callbacks):
    _endpoint(make_receiver())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        factories.make_article(section=section, title="Annulé")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_restricted_articles_and_unsubscribed_events_send_nothing(make_receiver, section, django_capture_on_commit_callbacks):
    receiver = make_receiver()
    subscribed = _endpoint(receiver)
    closed = factories.make_section(title="Rubrique réservée")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(section=closed, title="Réservé aux abonnés")
    assert DBTaskResult.objects.count() == 0
    subscribed.delete()
    _endpoint(receiver, on_published=False)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(section=section, title="Public, mais pas d'abonnement à la publication")
    assert DBTaskResult.objects.count() == 0


def test_signature_covers_body_and_timestamp():
    body = b'{"event":"article.published"}'
    header = signature_header(SECRET, body)
    assert verify(SECRET, body, header)
    assert not verify(SECRET, body + b" ", header)
    assert not verify("un autre secret", body, header)
    old = signature_header(SECRET, body, timestamp=int(time.time()) - 3600)
    assert not verify(SECRET, body, old)  # a replay an hour later is refused
    assert not verify(SECRET, body, "t=abc,v1=00")


@pytest.mark.django_db
def test_make_run_sends_inside_the_request_without_retries(make_receiver, section, settings, django_capture_on_commit_callbacks):
    settings.TASKS = task_settings("immediate")
    working, down = make_receiver(), make_receiver(statuses=(500,))
    _endpoint(working)
    WebhookEndpoint.objects.create(name="Partenaire en panne", url=down.url, secret=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(section=section, title="Sans worker")
    assert len(working.requests) == 1 and working.requests[0]["signed"]
    assert len(down.requests) == 1  # no retry: the immediate backend cannot run anything later
    assert sorted(WebhookDelivery.objects.values_list("status", flat=True)) == ["echec", "reussi"]
    assert not DBTaskResult.objects.exists()
