"""Sales reports: clicks by day and month with an SVG chart, CSV and XLSX exports; the dashboard panel."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from demo.partner_factories import make_partner
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


@pytest.fixture
def clicks():
    today = paris_today()
    first = make_partner(name="animauxpro.fr")
    second = make_partner(name="stereance.com")
    ClickCount.objects.create(partner=first, placement="site", day=today, clicks=5)
    ClickCount.objects.create(partner=first, placement="article", day=today, clicks=2)
    ClickCount.objects.create(partner=second, placement="site", day=today - datetime.timedelta(days=40), clicks=9)
    return first, second


def test_daily_report_has_a_server_rendered_chart_and_totals(client, sales, clicks):
    client.force_login(sales)

    response = client.get("/admin/partenaires/statistiques/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<rect" in html
    assert "style=" not in html[html.index("<svg") : html.index("</svg>")]  # strict CSP: no inline style
    rows = response.context["rows"]
    assert [(row["partner"], row["clicks"]) for row in rows] == [("animauxpro.fr", 7), ("stereance.com", 9)]


def test_monthly_report_groups_by_month(client, sales, clicks):
    client.force_login(sales)

    response = client.get("/admin/partenaires/statistiques/mois/")

    labels = {row["label"] for row in response.context["rows"]}
    assert all(label.split()[-1].isdigit() for label in labels)
    assert sum(row["clicks"] for row in response.context["rows"]) == 16


def test_report_filters_by_partner(client, sales, clicks):
    first, _second = clicks
    client.force_login(sales)

    response = client.get(f"/admin/partenaires/statistiques/?partner={first.pk}")

    assert [row["partner"] for row in response.context["rows"]] == ["animauxpro.fr"]


def test_csv_and_xlsx_exports(client, sales, clicks):
    client.force_login(sales)

    csv_response = client.get("/admin/partenaires/statistiques/?export=csv")
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert csv_text.splitlines()[0] == "Partenaire,Période,Clics"
    assert "animauxpro.fr" in csv_text and ",7" in csv_text

    xlsx_response = client.get("/admin/partenaires/statistiques/mois/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Partenaire", "Période", "Clics"]
    assert sum(row[2] for row in values[1:]) == 16


def test_dashboard_panel_for_sales_only(client, sales, journalist):
    today = paris_today()
    ending = make_partner(name="Fin proche", active_until=today + datetime.timedelta(days=5))
    make_partner(name="Longue durée", active_until=today + datetime.timedelta(days=60))
    ClickCount.objects.create(partner=ending, placement="site", day=today, clicks=4)

    client.force_login(sales)
    html = client.get("/admin/").content.decode()
    assert "2</strong> partenaires en ligne" in html
    assert "1</strong> campagne se termine dans les 14 jours" in html
    assert "4</strong> clics ce mois-ci" in html
    assert "Fin proche" in html

    client.force_login(journalist)
    assert "partenaires en ligne" not in client.get("/admin/").content.decode()
