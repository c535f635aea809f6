"""axe-core in Chromium on every public page type: no serious or critical violation (WCAG 2.2 AA)."""

import datetime

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings

import pytest

from articles.models import ArticlePage
from tests.checkers import axe_violations


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(DEBUG=False)
def test_public_pages_have_no_serious_accessibility_violation(live_server, new_context, screenshot):
    assert Group.objects.filter(name="Journalistes").exists()
    call_command("load_demo", "--no-accounts", verbosity=0)
    story = ArticlePage.objects.get(slug="meta-superintelligence-acquisitions-recrutements")
    assert story.first_published_at.date() == datetime.date(2025, 7, 2)
    # axe is injected as a script: the test browser lifts the strict CSP that would (rightly) block it.
    page = new_context(bypass_csp=True).new_page()
    urls = [
        "/",
        "/business/",
        story.url,
        "/entites/",
        "/entites/meta/",
        "/auteurs/claire-dubreuil/",
        "/tags/ia-generative/",
        "/recherche/?q=superintelligence",
        "/cette-page-n-existe-pas/",
    ]
    problems = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
    assert not problems, problems
