"""Sending, run by the background worker (django-tasks, `db_worker`): confirmations, editions, alerts.

Editions and alerts go through delivery rows. A row is claimed under a lock, marked « en cours »
and committed before the SMTP conversation, then marked sent, refused (a 5xx answer for the
recipient) or pending again with a later attempt time (a 4xx answer or a network failure, with
exponential backoff). A worker killed mid-conversation leaves its row « en cours »: it is never
sent again, so a restart cannot send anything twice.
"""

import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from django_tasks import task

from audience.messages import alert_message, confirmation_message, edition_context, edition_message
from audience.models import AlertItem, Delivery, Edition, Subscriber
from newsroom.worker import BACKGROUND, can_defer, retry_delay

logger = logging.getLogger("newsroom.audience")


def _permanent(exc: Exception) -> bool:
    """A refusal the server will repeat (5xx for the recipient), as opposed to a passing failure."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


@task(backend=BACKGROUND)
def send_confirmation(email: str, confirm_url: str | None, manage_url: str | None, attempt: int = 1) -> str:
    """Send the confirmation e-mail of a sign-up; retried with backoff on a passing failure."""
    try:
        confirmation_message(email=email, confirm_url=confirm_url, manage_url=manage_url).send()
    except (smtplib.SMTPException, OSError) as exc:
        if not _permanent(exc) and attempt < settings.NEWSROOM_NEWSLETTER_MAX_ATTEMPTS and can_defer(send_confirmation):
            run_after = timezone.now() + retry_delay(attempt, base=settings.NEWSROOM_NEWSLETTER_RETRY_BASE)
            send_confirmation.using(run_after=run_after).enqueue(email, confirm_url, manage_url, attempt + 1)
            return "retry"
        logger.warning("confirmation e-mail not sent after %s attempt(s): %s", attempt, exc)
        return "failed"
    return "sent"


def _claim(delivery_filter) -> Delivery | None:
    """Take one due pending delivery, mark it « en cours », commit: no other worker will take it."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(delivery_filter, status=Delivery.Status.PENDING, next_attempt_at__lte=timezone.now())
            .order_by("pk")
            .first()
        )
        if delivery is None:
            return None
        delivery.status = Delivery.Status.SENDING
        delivery.attempts += 1
        delivery.save(update_fields=["status", "attempts"])
    return delivery


def _record(delivery: Delivery, error: Exception | None) -> None:
    if error is None:
        delivery.status, delivery.sent_at, delivery.error = Delivery.Status.SENT, timezone.now(), ""
    elif _permanent(error):
        delivery.status, delivery.error = Delivery.Status.REFUSED, str(error)[:500]
    elif delivery.attempts < settings.NEWSROOM_NEWSLETTER_MAX_ATTEMPTS:
        delivery.status, delivery.error = Delivery.Status.PENDING, str(error)[:500]
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts, base=settings.NEWSROOM_NEWSLETTER_RETRY_BASE)
    else:
        delivery.status, delivery.error = Delivery.Status.FAILED, str(error)[:500]
    delivery.save(update_fields=["status", "sent_at", "error", "next_attempt_at"])


def _deliver(delivery_filter, build) -> int:
    """Send every due delivery matching the filter, throttled; returns how many were attempted."""
    pause = 1 / max(1, settings.NEWSROOM_NEWSLETTER_RATE)
    count = 0
    connection = get_connection()
    try:
        while (delivery := _claim(delivery_filter)) is not None:
            error = None
            try:
                message = build(delivery)
                message.connection = connection
                message.send()
            except (smtplib.SMTPException, OSError) as exc:
                error = exc
                connection.close()  # a broken conversation is not reused
            _record(delivery, error)
            count += 1
            time.sleep(pause)
    finally:
        connection.close()
    return count


def _reschedule(task_function, delivery_filter, *args) -> None:
    """Run the task again when the earliest pending retry is due."""
    due = Delivery.objects.filter(delivery_filter, status=Delivery.Status.PENDING).aggregate(due=Min("next_attempt_at"))["due"]
    if due is not None and can_defer(task_function):
        task_function.using(run_after=due).enqueue(*args)


@task(backend=BACKGROUND)
def send_edition(edition_id: int) -> str:
    """Create one delivery per subscriber of the edition's list (once), then send them."""
    from django.db.models import Q

    edition = Edition.objects.filter(pk=edition_id).select_related("sponsor").first()
    if edition is None:
        return "edition removed"
    if edition.status != Edition.Status.SENT:
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
        wanted = Subscriber.objects.filter(**{"daily" if edition.kind == Edition.Kind.DAILY else "weekly": True})
        Delivery.objects.bulk_create(
            [Delivery(kind=Delivery.Kind.EDITION, edition=edition, subscriber=subscriber) for subscriber in wanted.only("pk")],
            ignore_conflicts=True,
        )
    context = edition_context(edition, None)  # assembled once, links filled in per subscriber

    def build(delivery):
        return edition_message(edition, delivery.subscriber, context=context)

    sent = _deliver(Q(edition=edition), build)
    if not Delivery.objects.filter(edition=edition, status=Delivery.Status.PENDING).exists():
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENT, sent_at=timezone.now())
    else:
        _reschedule(send_edition, Q(edition=edition), edition_id)
    return f"{sent} attempted"


@task(backend=BACKGROUND)
def flush_alerts() -> str:
    """Batch the pending entity alerts into one message per reader, at most one per interval.

    Readers alerted less than NEWSROOM_ALERT_INTERVAL_MINUTES ago keep their items for later: the
    task runs again when the first of them may be written to.
    """
    from django.db.models import Q

    interval = timezone.timedelta(minutes=settings.NEWSROOM_ALERT_INTERVAL_MINUTES)
    now = timezone.now()
    pending = AlertItem.objects.filter(sent_at__isnull=True)
    waiting_ids = set(pending.values_list("subscriber_id", flat=True))
    ready = Subscriber.objects.filter(pk__in=waiting_ids).filter(Q(last_alert_at__isnull=True) | Q(last_alert_at__lte=now - interval))
    with transaction.atomic():
        for subscriber in ready.select_for_update(skip_locked=True):
            delivery = Delivery.objects.create(kind=Delivery.Kind.ALERT, subscriber=subscriber)
            pending.filter(subscriber=subscriber).update(sent_at=now, delivery=delivery)
            subscriber.last_alert_at = now
            subscriber.save(update_fields=["last_alert_at"])

    def build(delivery):
        items = list(AlertItem.objects.filter(delivery=delivery).select_related("entity", "subsidiary", "article").order_by("pk"))
        return alert_message(delivery.subscriber, [item for item in items if item.article.live])

    sent = _deliver(Q(kind=Delivery.Kind.ALERT), build)
    later = Subscriber.objects.filter(pk__in=AlertItem.objects.filter(sent_at__isnull=True).values("subscriber_id")).aggregate(
        first=Min("last_alert_at")
    )
    if later["first"] is not None and can_defer(flush_alerts):
        flush_alerts.using(run_after=later["first"] + interval).enqueue()
    _reschedule(flush_alerts, Q(kind=Delivery.Kind.ALERT))
    return f"{sent} attempted"


@task(backend=BACKGROUND)
def send_test(edition_id: int, email: str) -> str:
    """A test copy of an edition to the editor who asked (no delivery row: it is not an issue sent)."""
    from audience.messages import build_message

    edition = Edition.objects.filter(pk=edition_id).select_related("sponsor").first()
    if edition is None:
        return "edition removed"
    context = edition_context(edition, None)
    build_message(to=email, subject=f"[Test] {edition.subject}", template="edition", context=context).send()
    return "sent"
