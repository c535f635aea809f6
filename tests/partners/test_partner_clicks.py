"""The click redirect: only to the partner's saved URL, no personal data, bots ignored, counted per day."""

import pytest

from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def click(client, partner, placement="site", query="", user_agent=BROWSER, address="203.0.113.10"):
    return client.get(f"/partenaires/{partner.pk}/{placement}/{query}", headers={"user-agent": user_agent}, REMOTE_ADDR=address)


def test_click_redirects_to_the_partner_and_counts_per_placement_and_day(client):
    partner = make_partner(url="https://animauxpro.fr/offre")

    for number in range(3):
        response = click(client, partner, address=f"203.0.113.{number + 1}")
    click(client, partner, "article")

    assert response.status_code == 302
    assert response["Location"] == "https://animauxpro.fr/offre"
    assert "no-cache" in response["Cache-Control"]
    counts = {(row.placement, row.day): row.clicks for row in ClickCount.objects.filter(partner=partner)}
    assert counts == {("site", paris_today()): 3, ("article", paris_today()): 1}


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=https://evil.example/&redirect=//evil.example",
        "?return_to=javascript:alert(1)",
        "%2F%2Fevil.example/",
        "..%2F..%2Fadmin%2F",
    ],
)
def test_redirect_cannot_be_bent_elsewhere(client, query):
    partner = make_partner(url="https://stereance.com/")

    response = click(client, partner, query=query)

    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"] == "https://stereance.com/"


def test_unknown_placement_archived_or_missing_partner_is_404(client):
    partner = make_partner()
    archived = make_partner(archived=True)

    assert click(client, partner, "ailleurs").status_code == 404
    assert click(client, archived).status_code == 404
    assert client.get("/partenaires/999999/site/", headers={"user-agent": BROWSER}).status_code == 404
    assert ClickCount.objects.count() == 0


@pytest.mark.parametrize(
    "user_agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", "facebookexternalhit/1.1", ""],
)
def test_bots_are_redirected_but_not_counted(client, user_agent):
    partner = make_partner()

    response = click(client, partner, user_agent=user_agent)

    assert response.status_code == 302
    assert ClickCount.objects.count() == 0


def test_no_personal_data_is_stored_or_set(client):
    partner = make_partner()

    response = click(client, partner)

    assert not response.cookies
    assert [field.name for field in ClickCount._meta.get_fields()] == ["id", "partner", "placement", "day", "clicks", "impressions"]


def test_post_is_refused(client):
    partner = make_partner()

    assert client.post(f"/partenaires/{partner.pk}/site/").status_code == 405


# --- Issue 18, finding 8: no click inflation, still no personal data --------------------------------


def test_one_visitor_counts_once_per_partner_placement_and_day(client):
    partner = make_partner()

    answers = [click(client, partner, address="198.51.100.7").status_code for _ in range(25)]
    assert answers == [302] * 25
    assert ClickCount.objects.get(partner=partner).clicks == 1

    click(client, partner, address="198.51.100.8")
    assert ClickCount.objects.get(partner=partner).clicks == 2

    # The same visitor on another placement, or on another partner, is another click.
    click(client, partner, "article", address="198.51.100.7")
    other = make_partner()
    click(client, other, address="198.51.100.7")
    assert ClickCount.objects.get(partner=partner, placement="article").clicks == 1
    assert ClickCount.objects.get(partner=other).clicks == 1


def test_the_visitor_counts_again_the_next_day_under_a_new_salt(client, monkeypatch):
    import datetime

    from django.core.cache import cache

    from newsroom import visitor_hash

    partner = make_partner()
    click(client, partner, address="198.51.100.7")
    salts_before = {key for key in cache._cache if "visitor-hash:salt" in key}

    tomorrow = paris_today() + datetime.timedelta(days=1)
    monkeypatch.setattr(visitor_hash, "paris_day", lambda: tomorrow)
    monkeypatch.setattr("partners.services.paris_today", lambda: tomorrow)
    click(client, partner, address="198.51.100.7")
    click(client, partner, address="198.51.100.7")

    assert sorted(ClickCount.objects.filter(partner=partner).values_list("day", "clicks")) == [(paris_today(), 1), (tomorrow, 1)]
    salts_after = {key for key in cache._cache if "visitor-hash:salt" in key}
    assert len(salts_after - salts_before) == 1  # tomorrow has its own salt


def test_the_shared_cache_holds_no_address_or_user_agent_in_clear(client):
    from django.core.cache import cache

    partner = make_partner()
    click(client, partner, address="198.51.100.77")

    stored = " ".join(f"{key} {value!r}" for key, value in cache._cache.items())
    assert "198.51.100.77" not in stored
    assert "Chrome/131" not in stored and "Mozilla" not in stored


def test_the_click_endpoint_is_rate_limited_per_address(client, settings):
    settings.NEWSROOM_CLICK_RATE_LIMIT = 5
    partner = make_partner()
    others = [make_partner() for _ in range(6)]

    answers = [click(client, other, address="198.51.100.9").status_code for other in others]
    throttled = click(client, partner, address="198.51.100.9")

    assert answers == [302] * 5 + [429]
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "60"
    assert "réessayez dans une minute" in throttled.content.decode()
    assert ClickCount.objects.filter(partner__in=others).count() == 5
    assert not ClickCount.objects.filter(partner=partner).exists()
    # Another address is not affected; a new User-Agent does not reset the limit.
    assert click(client, partner, address="198.51.100.10").status_code == 302
    assert click(client, partner, address="198.51.100.9", user_agent=BROWSER + " autre").status_code == 429
