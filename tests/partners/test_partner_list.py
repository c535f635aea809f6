"""The partner list sales live in: thumbnails, status badges, campaigns ending soon, visible buttons,
filters in the URL, the partner export for French Excel, and the French https error."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from demo.partner_factories import make_logo, make_partner
from partners.models import Partner, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

LIST = "/admin/snippets/partners/partner/"


@pytest.fixture
def partners():
    today = paris_today()
    return {
        "live": make_partner(name="En ligne SA", tier="premium"),
        "ending": make_partner(name="Bientôt fini", active_until=today + datetime.timedelta(days=3), on_home=True),
        "scheduled": make_partner(name="Plus tard", active_from=today + datetime.timedelta(days=10)),
        "over": make_partner(name="Fini", active_from=today - datetime.timedelta(days=30), active_until=today - datetime.timedelta(days=1)),
        "archived": make_partner(name="Rangé", archived=True, tier="communaute"),
    }


def rows_by_name(html: str) -> dict[str, str]:
    rows = {}
    for chunk in html.split("<tr")[1:]:
        for name in ("En ligne SA", "Bientôt fini", "Plus tard", "Fini", "Rangé"):
            if f">{name}<" in chunk or f"{name}\n" in chunk:
                rows.setdefault(name, chunk)
    return rows


def test_list_shows_thumbnails_badges_and_campaigns_ending_soon(client, sales, partners):
    client.force_login(sales)
    for _ in range(5):
        make_partner()

    response = client.get(LIST)

    html = response.content.decode()
    assert html.count('class="partner-list__logo"') == 10  # one thumbnail per partner
    rows = rows_by_name(html)
    assert "w-status--primary" in rows["En ligne SA"] and "en ligne" in rows["En ligne SA"]
    assert "programmé" in rows["Plus tard"] and "terminé" in rows["Fini"] and "archivé" in rows["Rangé"]
    assert "se termine dans 3 jours" in rows["Bientôt fini"]
    assert "partner-list__ending" not in rows["En ligne SA"]
    # « Exporter » and « Réordonner » are buttons of the header, not hidden in the « … » menu.
    header = html[html.index("<header") : html.index("</header>")]
    assert "Exporter (Excel)" in header and "Exporter (CSV)" in header and "Réordonner" in header
    assert "?ordering=sort_order" in header


def test_list_queries_do_not_grow_with_partners(client, sales, django_assert_num_queries):
    client.force_login(sales)
    make_partner()
    client.get(LIST)  # warm the session and the permission caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(6):
        make_partner()
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(LIST)


def test_status_and_ending_filters_are_kept_in_the_url(client, sales, partners):
    client.force_login(sales)

    ending = client.get(f"{LIST}?ending=true").content.decode()
    scheduled = client.get(f"{LIST}?status=programm%C3%A9").content.decode()

    assert "Bientôt fini" in ending and "En ligne SA" not in ending
    assert "Plus tard" in scheduled and "En ligne SA" not in scheduled
    # The export buttons carry the filters along.
    assert "?status=programm%C3%A9&amp;export=xlsx" in scheduled


def test_partner_csv_export_is_french(client, sales, partners):
    client.force_login(sales)

    body = b"".join(client.get(f"{LIST}?export=csv").streaming_content)

    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Nom", "Adresse de destination", "Niveau", "Statut", "Visible à partir du", "Visible jusqu’au"]
    ending = next(row for row in rows if row[0] == "Bientôt fini")
    today = paris_today()
    assert ending[3:10] == [
        "en ligne",
        today.strftime("%d/%m/%Y"),
        (today + datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
        "Oui",
        "Oui",
        "Non",
        "Non",
    ]
    assert next(row for row in rows if row[0] == "Rangé")[2] == "Communauté"
    assert "True" not in body.decode("utf-8-sig") and "communaute" not in body.decode("utf-8-sig")


def test_partner_xlsx_export_is_typed(client, sales, partners):
    client.force_login(sales)

    sheet = load_workbook(io.BytesIO(b"".join(client.get(f"{LIST}?export=xlsx").streaming_content))).active

    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Bientôt fini")
    assert row[4].is_date and row[4].value.date() == paris_today() and row[4].number_format == "DD/MM/YYYY"
    assert row[2].value == "Standard" and row[6].value == "Oui"


def test_http_address_gets_a_clear_french_error_and_saves_nothing(client, sales):
    client.force_login(sales)
    logo = make_logo(text="Http")

    response = client.post(
        f"{LIST}add/",
        {
            "name": "Pas sûr",
            "url": "http://pas-sur.example.com/",
            "tier": "standard",
            "logo": logo.pk,
            "logo_alt": "Pas sûr",
            "active_from": paris_today().isoformat(),
            "on_site": "on",
        },
    )

    assert response.status_code == 200
    assert "L’adresse doit commencer par https://" in response.content.decode()
    assert not Partner.objects.filter(name="Pas sûr").exists()
