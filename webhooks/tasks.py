"""The delivery task, run by the background worker: POST, log the attempt, retry with backoff."""

import json
import logging
import time

from django.conf import settings
from django.utils import timezone

import requests
from django_tasks import task

from newsroom.worker import BACKGROUND, can_defer, retry_delay
from webhooks.addresses import refused_address
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import SIGNATURE_HEADER, signature_header

logger = logging.getLogger("newsroom.webhooks")
USER_AGENT = "Newsroom-Webhooks/1.0"


def _post(endpoint: WebhookEndpoint, body: bytes, *, event: str, delivery_id: str, attempt: int):
    """(status code, error text): never raises for a network or HTTP failure."""
    reason = refused_address(endpoint.url)
    if reason:
        return None, reason
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": event,
        "X-Newsroom-Delivery": delivery_id,
        "X-Newsroom-Attempt": str(attempt),
        SIGNATURE_HEADER: signature_header(endpoint.secret, body),
    }
    timeout = settings.NEWSROOM_WEBHOOK_TIMEOUT
    try:
        # No redirects: a receiver must not bounce the worker to another (private) address.
        response = requests.post(endpoint.url, data=body, headers=headers, timeout=(timeout, timeout), allow_redirects=False)
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    response.close()
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"Réponse HTTP {response.status_code}"


@task(backend=BACKGROUND)
def deliver_webhook(endpoint_id: int, event: str, payload: dict, delivery_id: str, attempt: int = 1) -> str:
    """Send `payload` to one endpoint, log the attempt, and enqueue the next one on failure."""
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:
        return "endpoint removed or inactive"
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    started = time.monotonic()
    code, error = _post(endpoint, body, event=event, delivery_id=delivery_id, attempt=attempt)
    log = WebhookDelivery(
        endpoint=endpoint,
        delivery_id=delivery_id,
        event=event,
        article_id=(payload.get("article") or {}).get("id"),
        attempt=attempt,
        response_code=code,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
        payload=payload,
    )
    if not error:
        log.status = WebhookDelivery.Status.SUCCEEDED
    elif attempt < settings.NEWSROOM_WEBHOOK_MAX_ATTEMPTS and can_defer(deliver_webhook):
        log.status = WebhookDelivery.Status.RETRYING
        log.next_attempt_at = timezone.now() + retry_delay(attempt, base=settings.NEWSROOM_WEBHOOK_RETRY_BASE)
        deliver_webhook.using(run_after=log.next_attempt_at).enqueue(endpoint_id, event, payload, delivery_id, attempt + 1)
    else:
        log.status = WebhookDelivery.Status.FAILED
    log.save()
    if error:
        logger.warning("webhook %s to %s, attempt %s: %s", event, endpoint.pk, attempt, error)
    return log.status
