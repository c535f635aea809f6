"""Spreadsheet exports that French Excel opens right, for any Wagtail view with `SpreadsheetExportMixin`.

Wagtail writes a CSV that French Excel reads as one garbled column: comma-separated (French Excel
splits on `;`), UTF-8 without the byte-order mark Excel needs to guess the encoding, `True`/`False`,
ISO dates and decimal points. `FrenchSpreadsheetExportMixin` writes instead:

- CSV: UTF-8 with BOM, `;` separator, « Oui »/« Non », dates « 04/12/2026 », times « 19:42 »
  (Paris), decimals with a comma, the label of a choice rather than its stored value;
- XLSX: typed cells (dates as dates, numbers as numbers, with French-friendly number formats), a
  bold header row frozen in place, column widths fitted to their content.

Every text cell still goes through the formula guard (`newsroom.spreadsheets`): the CSV by the
project-wide writer, the XLSX by storing formula-looking text as text.
"""

import csv
import datetime
import decimal
from io import BytesIO

from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.utils.encoding import force_str

from wagtail.admin.views.mixins import Echo

from newsroom.spreadsheets import neutralise_formula

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"
XLSX_DATE = "DD/MM/YYYY"
XLSX_DATETIME = "DD/MM/YYYY HH:MM"
MAX_COLUMN_WIDTH = 60


def paris(value: datetime.datetime) -> datetime.datetime:
    """`value` as naive Paris (project) time: what a reader of the sheet expects to see."""
    if timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    return value.replace(tzinfo=None, microsecond=0)


def french_number(value, *, digits: int | None = None) -> str:
    """`1234.5` → « 1234,5 »: the decimal comma French Excel reads as a number (no thousands separator)."""
    text = f"{value:.{digits}f}" if digits is not None else str(value)
    return text.replace(".", ",")


def french_csv_value(value):
    """One value as French Excel reads it from a CSV cell (text, dates, booleans, decimals)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime.datetime):
        return paris(value).strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, (float, decimal.Decimal)):
        return french_number(value)
    if isinstance(value, int):
        return str(value)
    return force_str(value)


class FrenchSpreadsheetExportMixin:
    """Mix before a Wagtail view with exports (`SnippetViewSet.index_view_class`, `ReportView`…).

    `export_number_formats` maps a field to an Excel number format (`"0.00"`, `"MM/YYYY"`), and
    `export_csv_digits` a field to its number of decimals in the CSV.
    """

    export_number_formats: dict[str, str] = {}
    export_csv_digits: dict[str, int] = {}

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if isinstance(item, models.Model):
            # A choice exports its label (« Communauté »), never its stored value (« communaute »).
            fields = {model_field.name: model_field for model_field in item._meta.get_fields()}
            for field in row:
                # Only model fields with choices; a method or a dotted path is exported as it is.
                if getattr(fields.get(field), "choices", None):
                    row[field] = getattr(item, f"get_{field}_display")()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            if isinstance(value, (float, decimal.Decimal)) and field in self.export_csv_digits:
                return french_number(value, digits=self.export_csv_digits[field])
            return french_csv_value(value)
        return super().preprocess_field_value(field, value, export_format)

    def stream_csv(self, queryset):
        """`;`-separated, starting with the UTF-8 byte-order mark: French Excel splits columns and reads accents."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield "\ufeff".encode() + writer.writerow(
            {field: neutralise_formula(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_xlsx(self, queryset, output):
        """A typed sheet: header row in bold and frozen, dates and numbers as such, widths fitted."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = force_str(getattr(self, "export_sheet_title", "Export"))[:31]
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        sheet.append(headings)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(heading) for heading in headings]
        for row_number, item in enumerate(queryset, start=2):
            for column, (field, value) in enumerate(self.to_row_dict(item).items(), start=1):
                value = self.xlsx_value(value)
                cell = sheet.cell(row=row_number, column=column, value=value)
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
                if field in self.export_number_formats and isinstance(value, (int, float, datetime.date)):
                    cell.number_format = self.export_number_formats[field]
                elif isinstance(value, datetime.datetime):
                    cell.number_format = XLSX_DATETIME
                elif isinstance(value, datetime.date):
                    cell.number_format = XLSX_DATE
                widths[column - 1] = max(widths[column - 1], len(french_csv_value(value)))
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(MAX_COLUMN_WIDTH, width + 2)
        sheet.freeze_panes = "A2"
        workbook.save(output)

    @staticmethod
    def xlsx_value(value):
        """Excel has no time zones and no booleans worth reading in French: Paris time, « Oui »/« Non »."""
        if isinstance(value, bool):
            return "Oui" if value else "Non"
        if isinstance(value, datetime.datetime):
            return paris(value)
        if isinstance(value, decimal.Decimal):
            return float(value)
        if value is None or isinstance(value, (datetime.date, int, float, str)):
            return value
        return force_str(value)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx_response(self, queryset):
        output = BytesIO()
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{self.get_filename()}.xlsx",
        )
