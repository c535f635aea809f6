"""Sales reports: impressions, clicks and CTR by day, week and month, a readable SVG chart with the
previous period, French CSV and typed XLSX exports; the dashboard panel."""

import csv
import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from demo.partner_factories import make_partner
from partners.charts import nice_ceiling
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]


@pytest.fixture
def counts():
    today = paris_today()
    first = make_partner(name="animauxpro.fr")
    second = make_partner(name="stereance.com", tier="communaute")
    ClickCount.objects.create(partner=first, placement="site", day=today, clicks=5, impressions=200)
    ClickCount.objects.create(partner=first, placement="article", day=today, clicks=2, impressions=100)
    ClickCount.objects.create(partner=second, placement="site", day=today - datetime.timedelta(days=3), clicks=3, impressions=40)
    # The previous 30 days: compared, not counted in the period.
    ClickCount.objects.create(partner=second, placement="site", day=today - datetime.timedelta(days=40), clicks=9, impressions=90)
    return first, second


def svg_of(html: str) -> str:
    start = html.index('<svg class="partner-chart__svg"')
    return html[start : html.index("</svg>", start)]


def test_daily_report_draws_a_readable_chart_and_the_same_figures_as_a_table(client, sales, counts):
    client.force_login(sales)

    response = client.get("/admin/partenaires/statistiques/")

    html = response.content.decode()
    svg = svg_of(html)
    assert response.status_code == 200
    assert "style=" not in svg  # strict CSP: no inline style
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    # Axes, round gridlines with their values, one line per partner, the previous period dashed, a legend.
    assert svg.count('stroke="#d0d0d0"') == len(re.findall(r'text-anchor="end" fill="#333333">', svg)) >= 3
    assert svg.count('class="partner-chart__series"') == 2
    assert ">animauxpro.fr</text>" in svg and ">stereance.com</text>" in svg
    assert ">Période précédente (total)</text>" in svg
    assert 'font-weight="700">7</text>' in svg  # the peak value written on its point
    figures = response.context["figures"]
    assert [(series.name, series.total, series.impressions, series.previous_total) for series in figures.series] == [
        ("animauxpro.fr", 7, 300, 0),
        ("stereance.com", 3, 40, 9),
    ]
    assert len(figures.keys) == 30 and figures.keys[-1] == paris_today()
    # The table under the chart: one row per day, one column per partner, the total and the previous period.
    table = html[html.index('class="partner-chart__table') :]
    assert table.count('<tr><th scope="row">') == 30
    # CTR per partner in the summary: 7 clicks for 300 impressions.
    assert "2,33\u00a0%" in html and "7,5\u00a0%" in html


def test_weekly_and_monthly_reports_group_by_period(client, sales, counts):
    client.force_login(sales)

    weekly = client.get("/admin/partenaires/statistiques/semaine/").context
    monthly = client.get("/admin/partenaires/statistiques/mois/").context

    assert all(key.weekday() == 0 for key in weekly["figures"].keys) and len(weekly["figures"].keys) == 12
    assert all(key.day == 1 for key in monthly["figures"].keys) and len(monthly["figures"].keys) == 12
    assert sum(row["clicks"] for row in monthly["rows"]) == 19
    assert {row["period_label"].split()[-1].isdigit() for row in monthly["rows"]} == {True}


def test_report_filters_by_partner_and_dates(client, sales, counts):
    first, _second = counts
    client.force_login(sales)
    today = paris_today()

    by_partner = client.get(f"/admin/partenaires/statistiques/?partner={first.pk}").context
    by_dates = client.get(f"/admin/partenaires/statistiques/?day_after={today:%Y-%m-%d}&day_before={today:%Y-%m-%d}").context

    assert {row["partner"] for row in by_partner["rows"]} == {"animauxpro.fr"}
    assert [series.name for series in by_partner["figures"].series] == ["animauxpro.fr"]
    assert by_dates["figures"].keys == [today]
    assert {row["partner"] for row in by_dates["rows"]} == {"animauxpro.fr"}


def test_csv_export_opens_in_french_excel(client, sales, counts):
    client.force_login(sales)

    response = client.get("/admin/partenaires/statistiques/?export=csv")

    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")  # the UTF-8 BOM Excel needs to read accents
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Partenaire", "Emplacement", "Jour", "Affichages", "Clics", "Taux de clic (%)"]
    today = paris_today().strftime("%d/%m/%Y")
    assert ["animauxpro.fr", "Tout le site (pied de page)", today, "200", "5", "2,50"] in rows
    assert ["animauxpro.fr", "Pages article", today, "100", "2", "2,00"] in rows


def test_monthly_xlsx_export_is_typed(client, sales, counts):
    client.force_login(sales)

    response = client.get("/admin/partenaires/statistiques/mois/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == ["Partenaire", "Emplacement", "Mois", "Affichages", "Clics", "Taux de clic (%)"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("animauxpro.fr")
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "animauxpro.fr" and row[1].value == "Pages article")
    assert row[2].is_date and row[2].value.date() == paris_today().replace(day=1) and row[2].number_format == "MM/YYYY"
    assert row[3].value == 100 and row[3].data_type == "n"
    assert row[5].value == 2.0 and row[5].number_format == "0.00"


def test_nice_axis_tops():
    assert [nice_ceiling(value) for value in (0, 7, 37, 180, 999)] == [(4, 1), (8, 2), (40, 10), (200, 50), (1000, 200)]


def test_dashboard_panel_for_sales_only(client, sales, journalist):
    today = paris_today()
    ending = make_partner(name="Fin proche", active_until=today + datetime.timedelta(days=5))
    make_partner(name="Longue durée", active_until=today + datetime.timedelta(days=60))
    ClickCount.objects.create(partner=ending, placement="site", day=today, clicks=4, impressions=160)

    client.force_login(sales)
    html = client.get("/admin/").content.decode()
    assert "2</strong> partenaires en ligne" in html
    assert "1</strong> campagne se termine dans les 14 jours" in html
    assert "160</strong> affichages ce mois-ci" in html
    assert "4</strong> clics ce mois-ci" in html
    assert "<strong>2,5\u00a0%</strong>" in html
    assert "Fin proche" in html
    assert 'id="dashboard-partner-chart-title"' in html

    client.force_login(journalist)
    assert "partenaires en ligne" not in client.get("/admin/").content.decode()
