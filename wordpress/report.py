"""What an import did (or, with --dry-run, would do): counts per kind and one row per item.

Printed at the end of the command and saved as CSV. A cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return is prefixed with an apostrophe, so that a title typed in WordPress cannot run
as a formula when the report is opened in a spreadsheet.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["identifiant WordPress", "type", "statut WordPress", "titre", "action", "nouvelle adresse", "remarques"]


_BEFORE = re.compile(r" ([:;!?»])")
_AFTER = re.compile(r"« ")


def french_spacing(text: str) -> str:
    """No-break spaces where French typography wants them: before « : ; ! ? » and after « (not in addresses)."""
    text = _BEFORE.sub("\u00a0\\1", text)
    return _AFTER.sub("«\u00a0", text)


def neutralise(value) -> str:
    """A CSV cell a spreadsheet shows as text, never evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass
class Row:
    """One item of the export and what became of it."""

    wp_id: int | None
    post_type: str
    status: str
    title: str
    action: str
    url: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Counts per kind (« articles créés »…) and the rows."""

    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # site-wide: images, sections…

    def add(self, row: Row, *counted: str) -> None:
        self.rows.append(row)
        for kind in counted:
            self.counts[kind] += 1

    def summary_lines(self) -> list[str]:
        """The French summary: the counts, then each row with a remark or an error."""
        title = "Import WordPress — simulation (--dry-run) : rien n’a été écrit." if self.dry_run else "Import WordPress terminé."
        lines = [title]
        lines += [f"  {kind} : {number}" for kind, number in sorted(self.counts.items())]
        noted = [row for row in self.rows if row.notes]
        if noted:
            lines.append(f"Éléments avec des remarques ({len(noted)}) :")
            for row in noted:
                lines.append(f"  #{row.wp_id} « {row.title} » ({row.action})")
                lines += [f"    - {note}" for note in row.notes]
        if self.problems:
            lines.append("Autres remarques :")
            lines += [f"  - {problem}" for problem in self.problems]
        return [french_spacing(line) for line in lines]

    def write_csv(self, path) -> None:
        """The rows, then the counts, as a CSV file (UTF-8 with BOM, so spreadsheets read the accents)."""
        with open(path, "w", newline="", encoding="utf-8-sig") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS)
            for row in self.rows:
                cells = [row.wp_id, row.post_type, row.status, row.title, row.action, row.url, french_spacing(" | ".join(row.notes))]
                writer.writerow([neutralise(cell) for cell in cells])
            writer.writerow([])
            for kind, number in sorted(self.counts.items()):
                writer.writerow([neutralise(french_spacing(kind)), number])
            for problem in self.problems:
                writer.writerow(["remarque", neutralise(french_spacing(problem))])
