"""The whole journey through a real worker and a real SMTP server: subscribe, confirm, follow an
entity, get an alert and the daily edition, change one's lists, leave with one click."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client

import pytest

from audience.models import Delivery, Edition, EditionArticle, Follow, Subscriber, Suppression
from audience.tasks import send_edition
from demo import factories
from partners.models import Partner
from tests.servers import wait_for

# Committed data, seen by the worker process; the migrations' rows restored after.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _parts(message):
    """(text, html) of a multipart/alternative message."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def _link(text: str, prefix: str) -> str:
    """The path of the first link of `text` under http://testserver`prefix`."""
    url = re.search(rf"http://testserver{re.escape(prefix)}\S+", text).group(0)
    return urlsplit(url).path


@transactional
def test_a_reader_subscribes_follows_gets_alert_and_edition_and_leaves(mailbox, home, section, editor):
    meta = factories.make_entity(name="Meta", slug="meta")
    reader = Client()

    form = reader.get("/lettre/?suivre=meta&email=lea%40example.org")
    assert form.status_code == 200
    html = form.content.decode()
    assert "Suivre Meta" in html and 'value="lea@example.org"' in html
    assert not re.search(r'name="(consent|daily|weekly)"[^>]*checked', html), "no pre-ticked list or consent"

    answer = reader.post("/lettre/", {"email": "Lea@Example.org", "daily": "on", "suivre": "meta", "entities": [meta.pk], "consent": "on"})
    assert answer.status_code == 200 and "Vérifiez votre boîte" in answer.content.decode()
    assert not Subscriber.objects.exists(), "nothing stored before confirmation"

    [(recipient, confirmation)] = mailbox.wait_for(1)
    assert recipient == "lea@example.org"
    assert confirmation["Subject"].startswith("Confirmez votre inscription")
    text, html = _parts(confirmation)
    confirm_path = _link(text, "/lettre/confirmer/")
    assert confirm_path in html and "<style" not in html and 'style="' in html, "CSS inlined"
    assert reader.get(confirm_path).status_code == 200
    assert not Subscriber.objects.exists(), "a GET (link scanner) confirms nothing"
    assert reader.post(confirm_path).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.daily, subscriber.weekly) == ("lea@example.org", True, False)
    assert "désabonner" in subscriber.consent_text and subscriber.consented_at <= subscriber.confirmed_at
    assert [follow.entity for follow in Follow.objects.all()] == [meta]

    # Two articles about Meta in a row: one alert (the second waits for the next hour).
    mailbox.clear()
    first = factories.make_article(section=section, title="Meta ouvre un laboratoire à Paris", entities=[meta])
    [(_, alert)] = mailbox.wait_for(1)
    factories.make_article(section=section, title="Meta recrute encore", entities=[meta])
    assert alert["Subject"] == "Du nouveau sur Meta"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = _parts(alert)
    assert "Meta ouvre un laboratoire à Paris" in text and "Meta ouvre un laboratoire à Paris" in html
    assert reader.get(urlsplit(re.search(r"http://testserver/\S+", text).group(0)).path).status_code == 200
    assert first.url in text

    # The rédaction en chef sends the daily edition, sponsored by a partner.
    partner = Partner.objects.create(name="Scaleway", url="https://www.scaleway.com/")
    edition = Edition.objects.create(subject="L’essentiel du 4 décembre", intro="Bonjour à toutes et à tous.", sponsor=partner)
    EditionArticle.objects.create(edition=edition, article=first, sort_order=0)
    desk = Client()
    desk.force_login(editor)
    assert desk.post(f"/admin/lettre/envoyer/{edition.pk}/", {"action": "send"}).status_code == 302
    messages = mailbox.wait_for(2)
    newsletter = next(message for _, message in messages if message["Subject"] == "L’essentiel du 4 décembre")
    text, html = _parts(newsletter)
    assert "Bonjour à toutes et à tous." in text and "Meta ouvre un laboratoire à Paris" in text
    assert 'rel="sponsored"' in html and "En partenariat avec" in html
    unsubscribe_url = newsletter["List-Unsubscribe"].strip().strip("<>")
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    wait_for(lambda: Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENT).exists(), "edition marked sent", timeout=60)
    assert list(Delivery.objects.filter(edition=edition).values_list("status", flat=True)) == ["envoye"]

    # A worker restarted on the same edition sends nothing twice.
    send_edition.call(edition.pk)
    assert mail.outbox == [] and Delivery.objects.filter(edition=edition).count() == 1

    # Managing page from the e-mail: drop the daily, keep following Meta, add the weekly.
    manage_path = _link(text, "/lettre/gerer/")
    assert reader.get(manage_path).status_code == 200
    saved = reader.post(manage_path, {"weekly": "on", "entities": [meta.pk]})
    assert saved.status_code == 200 and "Vos choix sont enregistrés" in saved.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.daily, subscriber.weekly) == (False, True)

    # One click from the mail client: a cookie-less POST, CSRF checks on.
    mail_client = Client(enforce_csrf_checks=True)
    left = mail_client.post(urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"})
    assert left.status_code == 200
    assert not Subscriber.objects.exists() and not Follow.objects.exists() and not Suppression.objects.exists()
    assert reader.get(manage_path).status_code == 404, "the link dies with the address"


@transactional
def test_a_refused_address_is_recorded_and_the_others_still_get_the_edition(mailbox, home, section, editor):
    from django.utils import timezone

    now = timezone.now()
    for address in ("refuse@example.org", "ok@example.org"):
        Subscriber.objects.create(email=address, daily=True, consent_text="…", consented_at=now, confirmed_at=now)
    edition = Edition.objects.create(subject="L’essentiel du 5 décembre")
    EditionArticle.objects.create(
        edition=edition, article=factories.make_article(section=section, title="Scaleway ouvre Milan"), sort_order=0
    )
    desk = Client()
    desk.force_login(editor)
    assert desk.post(f"/admin/lettre/envoyer/{edition.pk}/", {"action": "send"}).status_code == 302
    [(recipient, _message)] = mailbox.wait_for(1)
    wait_for(lambda: Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENT).exists(), "edition marked sent", timeout=60)
    outcomes = dict(Delivery.objects.filter(edition=edition).values_list("subscriber__email", "status"))
    assert recipient == "ok@example.org"
    assert outcomes == {"refuse@example.org": "refuse", "ok@example.org": "envoye"}
    assert "550" in Delivery.objects.get(subscriber__email="refuse@example.org").error
