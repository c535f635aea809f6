"""Every admin URL, walked as each role over GET and POST, with the expected answer per cell.

The URLs are discovered from Django's resolver: a pattern under /admin/ without a sample URL in
SAMPLES (tests/security/admin_samples.py) fails the test, so a new admin view cannot ship without
its expectations. Each request runs in a savepoint that is rolled back, so every cell sees the same
objects; after every request that is not allowed, the fingerprinted tables
(tests/security/admin_walk.py) must be unchanged.

Letters, one per role in the order anonymous, Journalistes, Rédaction en chef, Commercial,
superuser: Y allowed without writing, W allowed and it wrote to the fingerprinted tables, N denied
(403, or a redirect to the login page or the dashboard), 4 not found, M method not allowed, B bad
request (an incomplete form refused in French, by a hook before any processing or, for the Wagtail
8.0.1 views that raise on empty POSTs, by newsroom.admin_guards' middleware), E the view raised (a
500: only Wagtail's own error test page, which raises on purpose).
POSTs carry no form data: what is tested is who gets past the permission check, and that an
empty form never reaches a 500.
"""

import collections
import datetime
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageViewRestriction, Site, UploadedFile, Workflow

import pytest

from audience.models import Edition
from demo import factories
from demo.live_factories import add_updates, make_live
from demo.partner_factories import make_logo, make_partner
from newsroom.models import TwoFactorPolicy
from planning.models import NewsroomEvent, PlannedStory
from previews.services import link_create
from tests.security.admin_samples import SAMPLES
from tests.security.admin_walk import ROLES, admin_routes, fingerprint, route_of, try_request
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "security"
# In the title of every page of the world that the public site never shows.
SECRET_MARK = "ZQXSECRET"
# The roles that may read no such title anywhere (the others edit pages).
SECRETS_BY_ROLE = {"anonymous": (SECRET_MARK,), "sales": (SECRET_MARK,)}


@pytest.fixture
def world(home, section, author, journalist, editor, sales, superuser, settings, tmp_path):
    """One object of every kind the admin handles, none of them owned by the journalist who walks."""
    colleague = get_user_model().objects.create_user("collegue", password="motdepasse-de-test", email="collegue@example.org")
    colleague.groups.add(Group.objects.get(name="Journalistes"))
    other_section = factories.make_section(title="Recherche")

    article = factories.make_article(section=section, authors=[author], owner=colleague)
    first_revision = article.latest_revision
    article.chapo = "Une deuxième version du chapô."
    article.save_revision(user=colleague)
    # Never published, or restricted: their titles carry SECRET_MARK, which sales and anonymous
    # visitors must find in no allowed answer (issue 18, finding 7).
    draft = factories.make_article(section=section, title=f"Brouillon {SECRET_MARK}", authors=[author], owner=colleague, publish=False)
    in_review = factories.make_article(section=section, title=f"Relecture {SECRET_MARK}", authors=[author], owner=colleague, publish=False)
    workflow_state = in_review.get_workflow().start(in_review, colleague)
    scheduled = factories.make_article(
        section=section,
        title=f"Programme {SECRET_MARK}",
        authors=[author],
        owner=colleague,
        go_live_at=timezone.now() + datetime.timedelta(days=3),
    )
    locked = factories.make_article(section=section, title=f"Verrou {SECRET_MARK}", authors=[author], owner=colleague, publish=False)
    restricted = factories.make_article(section=section, title=f"Abonnés {SECRET_MARK}", authors=[author], owner=colleague)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    unpublished_section = factories.make_section(title=f"Rubrique {SECRET_MARK}")
    unpublished_section.unpublish()
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_by=superuser, locked_at=timezone.now())

    entity = factories.make_entity(name="Mistral AI")
    entity.description = "Laboratoire parisien."
    entity.save_revision(user=editor)
    logo = make_logo(text="acme")
    partner = make_partner(name="Acme", logo=logo)
    partner.save_revision(user=sales)
    # Its own partner: a sponsored article protects its sponsor from deletion.
    patron = make_partner(name="Mécène")
    factories.make_article(
        section=section, title=f"Sponsorise {SECRET_MARK}", authors=[author], owner=colleague, publish=False, sponsor=patron
    )
    image = factories.make_image(title="Une image")
    document = get_document_model()(title="Un document", collection=Collection.get_first_root_node())
    document.file.save("document.txt", ContentFile(b"Un document."), save=True)
    image_type = ContentType.objects.get_for_model(get_image_model())
    upload = UploadedFile.objects.create(for_content_type=image_type, uploaded_by_user=superuser)
    upload.file.save("envoi.jpg", ContentFile(b"pas une image"), save=True)
    document_upload = UploadedFile.objects.create(for_content_type=ContentType.objects.get_for_model(document), uploaded_by_user=superuser)
    document_upload.file.save("envoi.txt", ContentFile(b"texte"), save=True)
    workflow = Workflow.objects.get(name="Relecture")
    session = EditingSession.objects.create(
        user=colleague,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(article.pk),
        last_seen_at=timezone.now(),
    )
    redirect = Redirect.objects.create(old_path="/ancienne-adresse", redirect_link="https://example.org/")
    webhook = WebhookEndpoint.objects.create(name="Application mobile", url="https://example.org/webhook")
    edition = Edition.objects.create(subject="L’essentiel du 4 décembre")
    delivery = WebhookDelivery.objects.create(endpoint=webhook, event="article.published", status="reussi", payload={})
    plan = PlannedStory.objects.create(subject="Meta recrute à prix d’or", section=section, due_date=timezone.localdate())
    plan.assignees.add(colleague)
    event = NewsroomEvent.objects.create(title="Keynote Apple", starts_at=timezone.now() + datetime.timedelta(days=2))
    preview_link, _token = link_create(page=article, user=editor, label="annonceur")
    live = make_live(section=section, authors=[author])
    (live_update,) = add_updates(live, 1, user=colleague, author_name="Collègue")
    settings.NEWSROOM_GUIDE_SCREENSHOTS = tmp_path
    (tmp_path / "bureau.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return {
        "home": home.pk,
        "section": section.pk,
        "other_section": other_section.pk,
        "article": article.pk,
        "first_revision": first_revision.pk,
        "draft": draft.pk,
        "in_review": in_review.pk,
        "workflow_state": workflow_state.pk,
        "task_state": workflow_state.current_task_state.pk,
        "task": workflow_state.current_task_state.task_id,
        "scheduled": scheduled.pk,
        "scheduled_revision": scheduled.scheduled_revision.pk,
        "locked": locked.pk,
        "entity": entity.pk,
        "entity_revision": entity.latest_revision.pk,
        "partner": partner.pk,
        "partner_revision": partner.latest_revision.pk,
        "author": author.pk,
        "image": image.pk,
        "logo": logo.pk,
        "document": document.pk,
        "upload": upload.pk,
        "document_upload": document_upload.pk,
        "workflow": workflow.pk,
        "session": session.pk,
        "redirect": redirect.pk,
        "webhook": webhook.pk,
        "edition": edition.pk,
        "delivery": delivery.pk,
        "plan": plan.pk,
        "event": event.pk,
        "preview_link": preview_link.pk,
        "screenshot": "bureau.png",
        "live": live.pk,
        "live_update": live_update.pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "two_factor_policy": TwoFactorPolicy.load().pk,
        "user": colleague.pk,
        "group": Group.objects.get(name="Journalistes").pk,
        "collection": Collection.objects.get(name="Partenaires").pk,
    }


@pytest.fixture(autouse=True)
def _no_n_plus_one_watch():
    """Wagtail's admin views repeat queries zeal reports as N+1; the walk is about who gets in, and an
    N+1 error would read as a 500."""
    from zeal import zeal_ignore

    with zeal_ignore():
        yield


@pytest.fixture
def users(journalist, editor, sales, superuser):
    return {"anonymous": None, "journalist": journalist, "editor": editor, "sales": sales, "superuser": superuser}


def test_every_admin_route_has_a_sample_with_expectations():
    # Any id resolves: the route, not the object, is what is checked here.
    covered = {route_of(template.format_map(collections.defaultdict(lambda: "1"))) for template in SAMPLES}

    missing = [f"{route.route} ({route.name})" for route in admin_routes() if route.route not in covered]

    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("role", ROLES)
def test_walk(role, client, world, users):
    user = users[role]
    cells = []
    if user is not None:
        client.force_login(user)
    baseline = fingerprint()
    for template, (get_answers, post_answers) in SAMPLES.items():
        url = template.format(**world)
        for method, answers in (("GET", get_answers), ("POST", post_answers)):
            session = getattr(client.cookies.get("sessionid"), "value", None)
            expected = answers[ROLES.index(role)]
            cells.append(
                try_request(client, method, url, expected, role, baseline, template=template, secrets=SECRETS_BY_ROLE.get(role, ()))
            )
            if user is not None and getattr(client.cookies.get("sessionid"), "value", None) != session:
                # Logging out must not turn the rest of the walk anonymous; logging in again
                # moves last_login, hence a new baseline.
                client.force_login(user)
                baseline = fingerprint()

    # Every savepoint was rolled back: the walk left the database as it found it.
    assert fingerprint() == baseline
    failures = [cell for cell in cells if cell.failed]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"admin-authorisation-{role}.json").write_text(
        json.dumps(
            {
                "role": role,
                "cells": len(cells),
                "failed": len(failures),
                "failures": [cell.__dict__ for cell in failures],
                "seen": {f"{cell.method} {cell.template}": cell.seen for cell in cells},
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    assert [f"{c.method} {c.url}: expected {c.expected}, got {c.seen} {c.changed or ''} {c.error}" for c in failures] == []
