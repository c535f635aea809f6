"""Following a group « et ses filiales »: an explicit, unticked choice on the sign-up and managing
pages, stored on the follow; then an article about a current subsidiary alerts the reader (once per
article, never for a restricted one) and the e-mail says why."""

import re
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from django_tasks_db.models import DBTaskResult

from audience.alerts import queue_alerts
from audience.messages import alert_message
from audience.models import AlertItem, Follow, Subscriber
from audience.tokens import manage_token
from demo import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def meta(home):
    group = factories.make_meta_group()
    meta, instagram, whatsapp, oculus = group.meta, group.instagram, group.whatsapp, group.oculus
    return meta, instagram, whatsapp, oculus


def _reader(email, entity, *, with_subsidiaries):
    now = timezone.now()
    subscriber = Subscriber.objects.create(email=email, consent_text="…", consented_at=now, confirmed_at=now)
    Follow.objects.create(subscriber=subscriber, entity=entity, with_subsidiaries=with_subsidiaries)
    return subscriber


def _items(article):
    return {(item.subscriber.email, item.entity.name, item.subsidiary.name if item.subsidiary else None) for item in
            AlertItem.objects.filter(article=article).select_related("subscriber", "entity", "subsidiary")}  # fmt: skip


def test_a_subsidiary_article_alerts_only_who_follows_the_group_and_its_subsidiaries(meta, section):
    group, instagram, _whatsapp, oculus = meta
    _reader("groupe@example.org", group, with_subsidiaries=True)
    _reader("meta@example.org", group, with_subsidiaries=False)

    about_instagram = factories.make_article(section=section, title="Instagram teste un fil", entities=[instagram])
    about_oculus = factories.make_article(section=section, title="Oculus change de nom", entities=[oculus])

    assert _items(about_instagram) == {("groupe@example.org", "Meta", "Instagram")}
    assert _items(about_oculus) == set(), "a former subsidiary is not the group any more"


def test_one_item_when_the_article_names_the_group_and_its_subsidiaries(meta, section):
    group, instagram, whatsapp, _oculus = meta
    _reader("groupe@example.org", group, with_subsidiaries=True)
    both = _reader("deux@example.org", instagram, with_subsidiaries=False)
    Follow.objects.create(subscriber=both, entity=group, with_subsidiaries=True)

    article = factories.make_article(section=section, title="Meta, Instagram et WhatsApp", entities=[whatsapp, instagram, group])
    follows_sub = factories.make_article(section=section, title="Instagram encore", entities=[instagram])

    # A followed entity the article names is the plainest reason (the first in the article's
    # order), and beats a group reached through a subsidiary.
    assert _items(article) == {("groupe@example.org", "Meta", None), ("deux@example.org", "Instagram", None)}
    assert _items(follows_sub) == {("groupe@example.org", "Meta", "Instagram"), ("deux@example.org", "Instagram", None)}
    queue_alerts(article)
    assert AlertItem.objects.filter(article=article).count() == 2, "republishing alerts no one again"


def test_a_restricted_subsidiary_article_alerts_no_one(meta, section):
    group, instagram, *_ = meta
    _reader("groupe@example.org", group, with_subsidiaries=True)
    article = factories.make_article(section=section, title="Réservé aux abonnés", entities=[instagram], publish=False)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    article.save_revision().publish()

    assert not AlertItem.objects.exists()


def test_the_alert_says_why_it_arrived(meta, section):
    group, instagram, *_ = meta
    subscriber = _reader("groupe@example.org", group, with_subsidiaries=True)
    factories.make_article(section=section, title="Meta ouvre un laboratoire", entities=[group])
    factories.make_article(section=section, title="Instagram teste un fil", entities=[instagram])

    items = list(AlertItem.objects.select_related("entity", "subsidiary", "article").order_by("pk"))
    message = alert_message(subscriber, items)
    text = message.body
    html = message.alternatives[0][0]

    assert message.subject == "Du nouveau sur Meta"
    assert text.count("parce que vous suivez Meta et ses filiales") == 1
    assert "* Instagram teste un fil (Instagram)" in text and "* Meta ouvre un laboratoire (Meta)" in text
    assert "parce que vous suivez Meta et ses filiales." in html


def test_signing_up_offers_the_subsidiaries_unticked_and_stores_the_choice(meta, django_capture_on_commit_callbacks):
    group, *_ = meta
    reader = Client()

    offered = reader.get("/lettre/?suivre=meta").content.decode()
    ticked_there = reader.get("/lettre/?suivre=meta&filiales=meta").content.decode()
    plain = reader.get("/lettre/?suivre=instagram").content.decode()

    box = re.search(r'<input type="checkbox" name="subsidiaries"[^>]*>', offered).group(0)
    assert f'value="{group.pk}"' in box and "checked" not in box
    assert '<span class="visually-hidden">Meta </span>et ses filiales (Instagram, WhatsApp)' in offered
    assert re.search(r'<input type="checkbox" name="subsidiaries"[^>]*checked', ticked_there), "ticked on the entity page"
    assert 'name="subsidiaries"' not in plain, "Instagram heads no group"

    with django_capture_on_commit_callbacks(execute=True):
        answer = reader.post(
            "/lettre/", {"email": "lea@example.org", "suivre": "meta", "entities": [group.pk], "subsidiaries": [group.pk], "consent": "on"}
        )
    assert answer.status_code == 200 and not Follow.objects.exists(), "nothing stored before confirmation"
    [queued] = DBTaskResult.objects.filter(task_path__endswith="send_confirmation")
    confirm_path = urlsplit(queued.args_kwargs["args"][1]).path
    assert reader.post(confirm_path).status_code == 200
    assert list(Follow.objects.values_list("subscriber__email", "entity__name", "with_subsidiaries")) == [("lea@example.org", "Meta", True)]


def test_the_managing_page_shows_and_changes_the_choice(meta):
    group, instagram, *_ = meta
    subscriber = _reader("groupe@example.org", group, with_subsidiaries=True)
    Follow.objects.create(subscriber=subscriber, entity=instagram)
    path = f"/lettre/gerer/{manage_token(subscriber)}/"
    reader = Client()

    page = reader.get(path).content.decode()
    assert re.search(rf'<input type="checkbox" name="subsidiaries" value="{group.pk}"[^>]*checked', page)
    assert f'name="subsidiaries" value="{instagram.pk}"' not in page

    saved = reader.post(path, {"entities": [group.pk, instagram.pk]})
    assert saved.status_code == 200 and "Vos choix sont enregistrés" in saved.content.decode()
    assert not Follow.objects.get(entity=group).with_subsidiaries
    assert not re.search(r'name="subsidiaries"[^>]*checked', saved.content.decode())

    reader.post(path, {"entities": [group.pk], "subsidiaries": [group.pk]})
    assert list(Follow.objects.values_list("entity__name", "with_subsidiaries")) == [("Meta", True)]
    # « et ses filiales » under an unticked entity means nothing.
    reader.post(path, {"entities": [], "subsidiaries": [group.pk]})
    assert not Follow.objects.exists()
