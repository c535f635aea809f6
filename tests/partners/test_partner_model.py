"""Partners: scheduling in Paris time, order, placements, URL validation, admin list and reorder."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from demo import factories as article_factories
from demo.partner_factories import make_partner
from partners.models import Partner, Placement, paris_today

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


def active_names(on=DAY, placement=Placement.SITE, section_id=None):
    return list(Partner.objects.active(on=on).for_placement(placement, section_id=section_id).values_list("name", flat=True))


def test_partner_appears_and_disappears_on_its_dates():
    make_partner(name="Saison", active_from=DAY, active_until=DAY + datetime.timedelta(days=2))

    assert active_names(on=DAY - datetime.timedelta(days=1)) == []  # before
    assert active_names(on=DAY) == ["Saison"]  # first day, inclusive
    assert active_names(on=DAY + datetime.timedelta(days=2)) == ["Saison"]  # last day, inclusive
    assert active_names(on=DAY + datetime.timedelta(days=3)) == []  # after


def test_open_ended_partner_stays():
    make_partner(name="Sans fin", active_from=DAY)

    assert active_names(on=DAY + datetime.timedelta(days=3650)) == ["Sans fin"]


def test_archived_partner_is_never_shown():
    make_partner(name="Archivé", active_from=DAY, archived=True)

    assert active_names() == []


def test_today_is_paris_time(monkeypatch):
    # 23:30 UTC on 31 December is already 1 January in Paris: a campaign starting then is live.
    late = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)

    assert paris_today() == datetime.date(2027, 1, 1)


def test_partners_keep_the_sales_order():
    first = make_partner(name="B premier", active_from=DAY)
    second = make_partner(name="A second", active_from=DAY)
    assert active_names() == ["B premier", "A second"]

    first.sort_order, second.sort_order = second.sort_order, first.sort_order
    first.save()
    second.save()

    assert active_names() == ["A second", "B premier"]


def test_placements(home):
    section = article_factories.make_section(title="IA")
    other = article_factories.make_section(title="Business")
    make_partner(name="Partout", active_from=DAY)
    make_partner(name="Accueil", active_from=DAY, on_site=False, on_home=True)
    make_partner(name="Articles", active_from=DAY, on_site=False, on_articles=True)
    make_partner(name="Rubrique IA", active_from=DAY, on_site=False, sections=[section])

    # Each page shows one block: its own placement plus the site-wide partners.
    assert active_names(placement=Placement.SITE) == ["Partout"]
    assert active_names(placement=Placement.HOME) == ["Partout", "Accueil"]
    assert active_names(placement=Placement.ARTICLE) == ["Partout", "Articles"]
    assert active_names(placement=Placement.SECTION, section_id=section.pk) == ["Partout", "Rubrique IA"]
    assert active_names(placement=Placement.SECTION, section_id=other.pk) == ["Partout"]
    assert len(active_names(placement=Placement.CONTENT)) == 4  # « tous les partenaires actifs »


@pytest.mark.parametrize(
    "url",
    [
        "http://partenaire.example.com/",
        "javascript:alert(1)",
        "ftp://partenaire.example.com/",
        "//partenaire.example.com/",
        "partenaire.example.com",
        "https://",
        "https://exa mple.com/",
    ],
)
def test_destination_must_be_a_valid_https_url(url):
    partner = Partner(name="X", logo_alt="X", url=url, active_from=DAY)

    with pytest.raises(ValidationError) as error:
        partner.full_clean(exclude=["logo"])
    assert "url" in error.value.message_dict


def test_https_url_is_accepted_and_end_before_start_refused():
    partner = Partner(name="X", logo_alt="X", url="https://exemple.fr/offre?x=1", active_from=DAY, active_until=DAY)
    partner.full_clean(exclude=["logo"])

    partner.active_until = DAY - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        partner.full_clean(exclude=["logo"])
    assert error.value.message_dict["active_until"] == ["La date de fin précède la date de début."]


def test_sales_create_a_partner_in_the_admin_with_a_revision(client, sales):
    from demo.partner_factories import make_logo

    logo = make_logo(text="Nouveau")
    client.force_login(sales)
    response = client.post(
        "/admin/snippets/partners/partner/add/",
        {
            "name": "Nouveau partenaire",
            "url": "https://nouveau.example.com/",
            "tier": "standard",
            "logo": logo.pk,
            "logo_alt": "Nouveau partenaire",
            "active_from": paris_today().isoformat(),
            "active_until": "",
            "on_site": "on",
            "note": "Contrat annuel",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    partner = Partner.objects.get(name="Nouveau partenaire")
    assert partner.latest_revision.user == sales
    assert partner.is_active()


def test_admin_list_reorders_and_exports(client, sales):
    first = make_partner(name="Premier")
    second = make_partner(name="Second")
    client.force_login(sales)

    make_partner(name="Programmé", active_from=paris_today() + datetime.timedelta(days=3))
    listing = client.get("/admin/snippets/partners/partner/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Premier" in html and "en ligne" in html and "programmé" in html

    reorder = client.post(f"/admin/snippets/partners/partner/reorder/{second.pk}/?position=0")
    assert reorder.status_code == 200
    assert list(Partner.objects.values_list("name", flat=True)) == ["Second", "Premier", "Programmé"]
    first.refresh_from_db()

    export = client.get("/admin/snippets/partners/partner/?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Premier" in body and "Second" in body
