"""Spreadsheet exports that never hand a formula to Excel or LibreOffice (CSV injection).

Every admin export of the project — partners, click reports, sponsored articles, authors, entities,
and Wagtail's own reports (aging pages, locked pages, site history, workflows, redirects) — is
written by Wagtail's `SpreadsheetExportMixin`. XLSX is safe already (Wagtail stores a cell that
looks like a formula as text); a CSV cell is whatever the spreadsheet makes of it, so a partner
named `=HYPERLINK("https://…","Cliquez")` becomes a live link, and `@SUM(…)` or `+cmd|…` worse.

`install_csv_formula_guard()` (called once by the newsroom app's `ready()`) makes the mixin's one
CSV row writer pass every text cell through `neutralise_formula`, so every export present and
future is covered without each view opting in.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

# Characters that make a spreadsheet read a cell as a formula (OWASP « CSV injection »), plus the
# full-width forms some spreadsheets normalise to their ASCII twins, and line breaks that a
# spreadsheet may strip before evaluating what follows.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise_formula(value):
    """Return `value` so that no spreadsheet evaluates it: a text cell starting with a formula
    character gets a leading apostrophe (shown as text, the apostrophe hidden by Excel and
    LibreOffice). Numbers, dates and None pass unchanged: a negative click count stays a number.
    """
    if isinstance(value, str) and value and value[0] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def install_csv_formula_guard() -> None:
    """Wrap Wagtail's CSV row writer once so every CSV export neutralises formula cells."""
    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "neutralises_formulas", False):
        return

    def write_csv_row(self, writer, row_dict):
        preprocessed = {field: self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in row_dict.items()}
        return writer.writerow({field: neutralise_formula(value) for field, value in preprocessed.items()})

    write_csv_row.neutralises_formulas = True
    write_csv_row.__doc__ = original.__doc__
    SpreadsheetExportMixin.write_csv_row = write_csv_row
