"""Impressions: counted by a tiny non-cached POST from the block's static script, without cookies or
personal data, robots ignored, once per visitor, partner, placement and day; the page stays cached."""

import datetime

from django.core.cache import cache
from django.template import Context, Template

import pytest

from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def seen(client, partners, placement="site", *, address="203.0.113.20", user_agent=BROWSER, ids=None):
    ids = ids if ids is not None else ".".join(str(partner.pk) for partner in partners)
    return client.post(f"/partenaires/vu/{placement}/?p={ids}", headers={"user-agent": user_agent}, REMOTE_ADDR=address)


def impressions(partner, placement="site") -> int:
    row = ClickCount.objects.filter(partner=partner, placement=placement, day=paris_today()).first()
    return row.impressions if row else 0


def test_the_block_carries_its_impression_url_and_the_static_script():
    first, second = make_partner(), make_partner()

    html = Template('{% load partner_tags %}{% partner_block "site" %}').render(Context())

    assert f'data-impressions-url="/partenaires/vu/site/?p={first.pk}.{second.pk}"' in html
    assert '<script src="/static/js/partner-impressions.js" defer></script>' in html
    assert "onload" not in html and "<script>" not in html  # nothing inline: strict CSP


def test_an_impression_counts_once_per_visitor_partner_placement_and_day(client, django_assert_num_queries):
    first, second = make_partner(), make_partner()

    with django_assert_num_queries(2):  # the active partners, then one upsert for all of them
        response = seen(client, [first, second])
    seen(client, [first, second])  # the same visitor again: not counted
    seen(client, [first], address="203.0.113.21")  # another visitor
    seen(client, [first], "article", address="203.0.113.21")  # another placement

    assert response.status_code == 204
    assert response.content == b""
    assert "no-cache" in response["Cache-Control"] and not response.cookies
    assert (impressions(first), impressions(second), impressions(first, "article")) == (2, 1, 1)


def test_query_count_is_flat_in_the_number_of_partners(client, django_assert_num_queries):
    partners = [make_partner() for _ in range(12)]

    with django_assert_num_queries(2):
        seen(client, partners)

    assert sum(impressions(partner) for partner in partners) == 12


def test_robots_inactive_partners_and_wrong_placements_are_not_counted(client):
    live = make_partner()
    archived = make_partner(archived=True)
    over = make_partner(active_from=paris_today() - datetime.timedelta(days=9), active_until=paris_today() - datetime.timedelta(days=1))
    home_only = make_partner(on_site=False, on_home=True)

    seen(client, [live], user_agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    seen(client, [live], user_agent="")
    seen(client, [archived, over, home_only], address="203.0.113.30")

    assert ClickCount.objects.count() == 0
    seen(client, [home_only], "accueil", address="203.0.113.31")
    assert impressions(home_only, "accueil") == 1


@pytest.mark.parametrize("ids", ["", "abc", "1.2.x", ".".join(str(n) for n in range(1, 70))])
def test_unreadable_lists_are_refused_without_a_write(client, ids):
    make_partner()

    response = seen(client, [], ids=ids)

    assert response.status_code == 400
    assert ClickCount.objects.count() == 0


def test_get_and_unknown_placement_are_refused(client):
    partner = make_partner()

    assert client.get(f"/partenaires/vu/site/?p={partner.pk}", headers={"user-agent": BROWSER}).status_code == 405
    assert seen(client, [partner], "ailleurs").status_code == 400
    assert ClickCount.objects.count() == 0


def test_a_flood_is_refused(client, settings):
    partner = make_partner()
    settings.NEWSROOM_CLICK_RATE_LIMIT = 2  # impressions allow ten times the click limit: 20 a minute

    answers = [seen(client, [partner], address="203.0.113.40").status_code for _ in range(21)]

    assert answers[:20] == [204] * 20 and answers[20] == 429
    assert impressions(partner) == 1


def test_nothing_about_the_visitor_is_kept(client):
    partner = make_partner()

    seen(client, [partner], address="198.51.100.99")

    stored = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())
    assert "198.51.100.99" not in stored and "Chrome/131" not in stored
    assert [field.name for field in ClickCount._meta.get_fields()] == ["id", "partner", "placement", "day", "clicks", "impressions"]
