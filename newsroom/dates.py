"""Machine-readable dates: whole seconds at the Paris offset, valid everywhere a machine reads them.

Real timestamps carry microseconds (`revision.publish()` at `timezone.now()`), and the formats
that read them disagree on fractions: HTML's `<time datetime>` accepts at most three digits,
schema.org and sitemaps want W3C dates, feeds their own. A reader never needs a fraction of a
second, so every machine-readable date of the site goes through `machine_datetime` (a datetime)
or `iso_datetime` (its text, also the `|iso_datetime` template filter of newsroom's `french`
library): `2026-12-04T15:09:42+01:00`.
"""

import datetime

from django.utils import timezone


def machine_datetime(value):
    """`value` in Paris time, to the whole second (naive values are taken as Paris time); dates and None unchanged."""
    if not isinstance(value, datetime.datetime):
        return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return timezone.localtime(value, timezone.get_default_timezone()).replace(microsecond=0)


def iso_datetime(value) -> str:
    """`2026-12-04T15:09:42+01:00` for a datetime, `2026-12-04` for a date, "" for nothing."""
    if not value:
        return ""
    return machine_datetime(value).isoformat()
