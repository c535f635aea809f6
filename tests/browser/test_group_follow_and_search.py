"""Issue 19 in Chromium, on a desktop (1280 × 900) and on a phone (390 px): a reader follows Meta
« et ses filiales » from its entity page (the box unticked until they tick it), confirms, finds the
choice on their managing page, then widens a search filtered on Meta to the whole group; no
serious axe-core violation on any of these pages."""

import datetime
from urllib.parse import urlsplit

import pytest
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from audience.models import Subscriber
from audience.tokens import manage_token
from demo import factories
from entities.models import GroupLink
from tests.browser.helpers import BrowserProblems
from tests.checkers import axe_violations

VIEWPORTS = (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844}))


def _meta_group(section):
    meta = factories.make_entity(name="Meta", slug="meta", description="Groupe américain, maison mère de Facebook.")
    instagram = factories.make_entity(name="Instagram", slug="instagram")
    whatsapp = factories.make_entity(name="WhatsApp", slug="whatsapp")
    msl = factories.make_entity(name="Meta Superintelligence Labs", slug="meta-superintelligence-labs")
    oculus = factories.make_entity(name="Oculus", slug="oculus")
    GroupLink.objects.create(parent=meta, child=instagram, start_date=datetime.date(2012, 9, 6), sort_order=0)
    GroupLink.objects.create(parent=meta, child=whatsapp, start_date=datetime.date(2014, 10, 6), sort_order=1)
    GroupLink.objects.create(parent=meta, child=msl, start_date=datetime.date(2025, 6, 30), sort_order=2)
    GroupLink.objects.create(parent=meta, child=oculus, end_date=datetime.date(2020, 10, 1), sort_order=3)
    body = [{"type": "paragraph", "value": "<p>La publicité finance toujours le groupe.</p>"}]
    factories.make_article(section=section, title="Meta revoit sa publicité", body=body, entities=[meta])
    factories.make_article(section=section, title="Instagram teste la publicité dans les fils", body=body, entities=[instagram])
    factories.make_article(section=section, title="Oculus et la publicité", body=body, entities=[oculus])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_follows_meta_and_its_subsidiaries_and_searches_the_whole_group(live_server, new_context, screenshot):
    _meta_group(factories.make_section(title="Business"))
    accessibility = {}

    def check_accessibility(page, label):
        # axe is injected as a script: the context lifts the strict CSP that would block it.
        violations = axe_violations(page)
        if violations:
            accessibility[label] = violations

    for name, viewport in VIEWPORTS:
        email = f"lea-{name}@example.org"
        page = new_context(viewport=viewport, bypass_csp=True).new_page()
        problems = BrowserProblems(page)

        assert page.goto(f"{live_server.url}/entites/meta/").status == 200
        group_box = page.get_by_label("Meta et ses filiales (Instagram, WhatsApp, …)")
        expect(group_box).not_to_be_checked()
        group_box.check()
        screenshot(page, f"group-follow-entity-{name}.png")
        check_accessibility(page, f"entity page, {name}")
        page.get_by_role("button", name="Suivre Meta par e-mail").click()

        expect(page.get_by_role("heading", name="Recevoir notre lettre")).to_be_visible()
        expect(page.get_by_label("Suivre Meta", exact=True)).to_be_checked()
        expect(page.get_by_label("Meta et ses filiales (Instagram, WhatsApp, …)")).to_be_checked()
        page.get_by_label("Votre adresse e-mail").fill(email)
        page.get_by_role("checkbox", name="J’accepte", exact=False).check()
        screenshot(page, f"group-follow-subscribe-{name}.png")
        check_accessibility(page, f"sign-up page, {name}")
        page.get_by_role("button", name="M’inscrire").click()
        expect(page.get_by_role("heading", name="Vérifiez votre boîte e-mail")).to_be_visible()
        assert not Subscriber.objects.filter(email=email).exists(), "nothing stored before confirmation"

        queued = DBTaskResult.objects.filter(task_path__endswith="send_confirmation").order_by("-enqueued_at").first()
        assert queued.args_kwargs["args"][0] == email
        page.goto(live_server.url + urlsplit(queued.args_kwargs["args"][1]).path)
        page.get_by_role("button", name="Je confirme").click()
        subscriber = Subscriber.objects.get(email=email)
        assert list(subscriber.follows.values_list("entity__slug", "with_subsidiaries")) == [("meta", True)]

        page.goto(f"{live_server.url}/lettre/gerer/{manage_token(subscriber)}/")
        expect(page.get_by_label("Meta et ses filiales (Instagram, WhatsApp, …)")).to_be_checked()
        screenshot(page, f"group-follow-manage-{name}.png")
        check_accessibility(page, f"managing page, {name}")

        page.goto(f"{live_server.url}/recherche/?q=publicit%C3%A9&entite=meta")
        expect(page.get_by_role("link", name="Instagram teste la publicité dans les fils")).to_have_count(0)
        screenshot(page, f"group-search-entity-only-{name}.png")
        check_accessibility(page, f"search filtered on Meta, {name}")
        page.get_by_role("link", name="Inclure tout le groupe Meta (Instagram, WhatsApp, …)").click()
        expect(page.get_by_text("Articles liés à tout le groupe Meta seulement")).to_be_visible()
        results = page.locator(".search-result__title")
        expect(results).to_have_count(2)
        expect(page.get_by_role("link", name="Instagram teste la publicité dans les fils")).to_be_visible()
        expect(page.get_by_role("link", name="Oculus et la publicité")).to_have_count(0)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow} px of horizontal scroll"
        screenshot(page, f"group-search-{name}.png")
        check_accessibility(page, f"search on the whole group, {name}")
        page.get_by_role("link", name="Seulement Meta").click()
        expect(results).to_have_count(1)
        problems.check()
    assert not accessibility, accessibility
