"""The demo's finished live page: loaded by `load_demo`, readable, with its JSON-LD."""

import json
import re
from io import StringIO

from django.core.management import call_command

import pytest

from live.models import LivePage

pytestmark = pytest.mark.django_db


def test_load_demo_adds_a_finished_keynote_with_updates_from_two_journalists(client):
    call_command("load_demo", "--no-accounts", stdout=StringIO())
    call_command("load_demo", "--no-accounts", stdout=StringIO())

    page = LivePage.objects.get()
    updates = page.updates.all()
    assert page.live and page.state == LivePage.State.ENDED and page.ends_at
    assert updates.count() >= 12 and len({update.author_name for update in updates}) == 2
    html = client.get(page.url).content.decode()
    assert "data-live-url" not in html and "L’essentiel" in html and "18\u00a0h\u00a011" in html
    node = next(
        node
        for node in map(json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL))
        if node["@type"] == "LiveBlogPosting"
    )
    assert node["coverageStartTime"] == "2025-06-18T18:00:00+02:00" and node["coverageEndTime"] == "2025-06-18T19:45:00+02:00"
