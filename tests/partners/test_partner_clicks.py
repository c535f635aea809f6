"""The click redirect: only to the partner's saved URL, no personal data, bots ignored, counted per day."""

import pytest

from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def click(client, partner, placement="site", query="", user_agent=BROWSER):
    return client.get(f"/partenaires/{partner.pk}/{placement}/{query}", headers={"user-agent": user_agent})


def test_click_redirects_to_the_partner_and_counts_per_placement_and_day(client):
    partner = make_partner(url="https://animauxpro.fr/offre")

    for _ in range(3):
        response = click(client, partner)
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
    assert [field.name for field in ClickCount._meta.get_fields()] == ["id", "partner", "placement", "day", "clicks"]


def test_post_is_refused(client):
    partner = make_partner()

    assert client.post(f"/partenaires/{partner.pk}/site/").status_code == 405
