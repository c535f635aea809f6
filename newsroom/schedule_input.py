"""Publication dates typed the way people type them, read as Paris time, never silently in the past.

Wagtail's date picker rewrites what it cannot parse with its own format: « 2026-12-04 15:02 » typed
into a « jj/mm/aaaa » picker became a date in the past, and « Publier » then put the page live at
once. The editor gets a plain text field instead, read by `parse_paris_datetime`, and the page form
refuses a go-live time that has already passed with a French error naming the time it understood.
"""

import datetime
import re

from django import forms
from django.utils import timezone

from newsroom.typography import NBSP

EXAMPLES = "«\u00a004/12/2026 15:02\u00a0», «\u00a04/12 15h02\u00a0», «\u00a02026-12-04 15:02\u00a0» ou «\u00a0demain 8h\u00a0»"
INPUT_FORMAT = "%d/%m/%Y %H:%M"

_RELATIVE_DAYS = {"aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "demain": 1, "après-demain": 2, "apres-demain": 2}
_TIME = re.compile(r"(?:^|\s)(?:à\s*|a\s+)?(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?:\s*(?:min)?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_FRENCH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?")
_RELATIVE_DATE = re.compile(r"^(" + "|".join(re.escape(word) for word in sorted(_RELATIVE_DAYS, key=len, reverse=True)) + r")\b")


class UnreadableDate(ValueError):
    """The text is not a date and time this module can read; the message is French."""


def parse_paris_datetime(text: str, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """Read a date and time as typed by a French editor and return an aware datetime (Paris time).

    Accepted: « 04/12/2026 15:02 », « 4/12/26 15h », « 4/12 15h02 » (this year), ISO
    « 2026-12-04 15:02 » or « 2026-12-04T15:02 », « aujourd'hui 18h », « demain 8h »,
    « après-demain à 9h30 ». The time is required: a date alone is ambiguous for a publication.
    """
    paris = timezone.get_current_timezone()
    today = timezone.localtime(now or timezone.now(), paris).date()
    cleaned = " ".join(text.replace("\u2019", "'").replace("T", " ").lower().split())
    cleaned = re.sub(r"^le\s+", "", cleaned)
    if not cleaned:
        raise UnreadableDate("Indiquez une date et une heure.")
    date, rest = _read_date(cleaned, today)
    time_match = _TIME.search(" " + rest.strip()) if rest.strip() else None
    if time_match is None:
        if rest.strip():
            raise UnreadableDate(f"Heure non reconnue{NBSP}: «{NBSP}{rest.strip()}{NBSP}». Écrivez par exemple {EXAMPLES}.")
        raise UnreadableDate(f"Précisez l’heure de publication, par exemple {EXAMPLES}.")
    leftover = (" " + rest.strip())[: time_match.start()].strip()
    if leftover not in {"", "à", "a"}:
        raise UnreadableDate(f"Date ou heure non reconnue{NBSP}: «{NBSP}{text.strip()}{NBSP}». Écrivez par exemple {EXAMPLES}.")
    hour, minute = int(time_match.group(1)), int(time_match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise UnreadableDate(f"Heure impossible{NBSP}: {hour}{NBSP}h{NBSP}{minute:02d}.")
    naive = datetime.datetime.combine(date, datetime.time(hour, minute))
    return timezone.make_aware(naive, paris)


def _read_date(cleaned: str, today: datetime.date) -> tuple[datetime.date, str]:
    """The date at the start of `cleaned`, and what follows it."""
    try:
        if match := _ISO_DATE.match(cleaned):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day), cleaned[match.end() :]
        if match := _FRENCH_DATE.match(cleaned):
            day, month = int(match.group(1)), int(match.group(2))
            year = match.group(3)
            year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
            return datetime.date(year, month, day), cleaned[match.end() :]
    except ValueError as error:
        raise UnreadableDate(f"Cette date n’existe pas{NBSP}: «{NBSP}{cleaned}{NBSP}».") from error
    if match := _RELATIVE_DATE.match(cleaned):
        return today + datetime.timedelta(days=_RELATIVE_DAYS[match.group(1)]), cleaned[match.end() :]
    raise UnreadableDate(f"Date non reconnue{NBSP}: «{NBSP}{cleaned}{NBSP}». Écrivez par exemple {EXAMPLES}.")


def describe(moment: datetime.datetime) -> str:
    """« jeudi 4 décembre 2026 à 15 h 02 », in Paris time, for messages."""
    from django.utils import formats

    local = timezone.localtime(moment)
    day = formats.date_format(local, "l j F Y")
    return f"{day} à {local.hour}{NBSP}h{NBSP}{local.minute:02d}"


class ScheduleInput(forms.DateTimeInput):
    """A plain text box (no picker to rewrite what is typed), showing Paris time as jj/mm/aaaa hh:mm."""

    def __init__(self, attrs=None):
        defaults = {"placeholder": "jj/mm/aaaa hh:mm", "autocomplete": "off", "spellcheck": "false"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format=INPUT_FORMAT)


class ParisDateTimeField(forms.DateTimeField):
    """A date-time form field that reads what people type (see `parse_paris_datetime`)."""

    widget = ScheduleInput

    def to_python(self, value):
        if isinstance(value, datetime.datetime):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_paris_datetime(str(value))
        except UnreadableDate as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime(INPUT_FORMAT)
        return value

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except forms.ValidationError:
            return True
        if isinstance(initial, datetime.datetime):
            # The box shows minutes: a stored time with seconds is unchanged when shown back as is.
            initial = initial.replace(second=0, microsecond=0)
        return (initial or None) != value


# The attributes Wagtail's publishing dialog gives its picker: reset when the dialog closes unsaved,
# and tell the dialog a value is set.
DIALOG_ATTRS = {"data-controller": "w-action", "data-action": "w-dialog:hidden->w-action#reset", "data-w-dialog-target": "notify"}
HELP = f"Heure de Paris. Par exemple {EXAMPLES}."


class SafeScheduleFormMixin(forms.Form):
    """Page-form mixin: typed go-live and expiry times, and no go-live time in the past.

    A past go-live time is refused only when it was typed in this edit: one already stored (the
    page went live at that time) stays as it is.
    """

    go_live_at = ParisDateTimeField(
        label="Date et heure de publication", required=False, widget=ScheduleInput(DIALOG_ATTRS), help_text=HELP
    )
    expire_at = ParisDateTimeField(label="Date et heure d’expiration", required=False, widget=ScheduleInput(DIALOG_ATTRS), help_text=HELP)

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        if go_live_at and "go_live_at" in self.changed_data and go_live_at <= timezone.now():
            self.add_error(
                "go_live_at",
                forms.ValidationError(
                    f"Cette date de publication est passée ({describe(go_live_at)}, heure de Paris){NBSP}: "
                    "choisissez une heure à venir, ou videz le champ pour publier tout de suite.",
                    code="past_go_live",
                ),
            )
        return cleaned_data
