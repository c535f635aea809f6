"""French presentation filters: dates as « mercredi 2 juillet 2025 », typography of texts."""

import datetime
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from newsroom.dates import iso_datetime as _iso_datetime
from newsroom.typography import french_typography

register = template.Library()

# The pass costs about 20 ms for 5,000 characters of HTML, and the same headline or paragraph is
# rendered on every page view: memoise it per process (a few MB at most).
_typography = lru_cache(maxsize=4096)(french_typography)


@register.filter
def day_fr(value) -> str:
    """« 5 décembre 2026 », « 1er juin 2025 » (Paris time for a datetime): a date in running text."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {formats.date_format(value, 'F Y')}"


@register.filter
def date_fr(value):
    """« mercredi 2 juillet 2025 », with « 1er » on the first of the month, in Paris time."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{formats.date_format(value, 'l')} {day_fr(value)}"


VOWELS = tuple("aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")


def elide(word: str, name) -> str:
    """« de » / « que » / « le » before a name, elided before a vowel: « d’OpenAI », « qu’Alexandr
    Wang », « de Meta »."""
    name = str(name)
    return f"{word[:-1]}’{name}" if name.startswith(VOWELS) else f"{word} {name}"


@register.filter
def datetime_fr(value):
    """« mercredi 2 juillet 2025 à 9 h 30 »: the French way of writing a time."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{date_fr(value)} à {value.hour}\u00a0h\u00a0{value.minute:02d}"


@register.filter
def iso_datetime(value):
    """The machine-readable twin of |date_fr: `2026-12-04T15:09:42+01:00` (whole seconds, Paris
    offset), for `<time datetime>`, meta tags and sitemaps; see newsroom/dates.py."""
    return _iso_datetime(value)


@register.filter(is_safe=True)
def typo(value):
    """French typography on text or trusted HTML: the stored text stays as typed.

    Plain strings are escaped first, so `<`, `>`, `&` and quotes typed by an editor show exactly
    as typed; strings already marked safe (rich text) are typographed as HTML.
    """
    if value is None:
        return ""
    html = str(conditional_escape(value))
    return mark_safe(_typography(html))  # noqa: S308 - input escaped or already safe


CURRENCY_NAMES = {"EUR": "euros", "USD": "dollars", "GBP": "livres sterling"}


@register.filter
def money_fr(amount, currency="EUR"):
    """« 14 milliards de dollars », « 350 millions d’euros », « 12 500 euros »."""
    if amount in (None, ""):
        return ""
    value = float(amount)
    unit = CURRENCY_NAMES.get(currency, currency)
    of = "d’" if unit[0] in "aeiouy" else "de "
    for threshold, word in ((1e9, "milliard"), (1e6, "million")):
        if value >= threshold:
            count = value / threshold
            number = f"{count:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            plural = "s" if count >= 2 else ""
            return f"{number}\u00a0{word}{plural} {of}{unit}"
    return f"{int(value):,}".replace(",", "\u202f") + f"\u00a0{unit}"
