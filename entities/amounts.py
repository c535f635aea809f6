"""Amounts of money written the French way: « 14 milliards de dollars », « 14,3 Md$ », « 600 M€ »,
« 14 300 millions », « 1,5 milliard d’euros » (no-break and narrow no-break spaces included).

`find_amounts(text)` returns every amount with its value in units, its currency when written, and
whether the text hedges it (« environ », « plus de »…). A bare number is not an amount: it needs a
scale word or a currency (« 2025 » is a year).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

_SPACE = "[ \u00a0\u202f]"
_NUMBER = (
    rf"(?<![\w,.])(?P<int>\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?!\d)|\d+)(?:,(?P<dec>\d+)|\.(?P<dot>\d{{1,2}})(?!\d))?"
)
# Long words alone make an amount; a one-letter scale only before a currency (« 600 M€ », not « 600 m »).
_SCALE_WORDS = r"(?P<word>milliards?|millions?|milliers?|mille)"
_SCALE_SHORT = r"(?P<short>Mds?|Md|Mrds?|G|M|k|K)"
_CURRENCY_BODY = r"(?:€|\$|£|euros?|dollars?|USD|EUR|GBP|livres?\s+sterling)"
_AMOUNT = re.compile(
    rf"{_NUMBER}{_SPACE}*"
    rf"(?:{_SCALE_WORDS}(?:{_SPACE}+(?:d[e'’]{_SPACE}*)?(?={_CURRENCY_BODY}))?|{_SCALE_SHORT}{_SPACE}?(?={_CURRENCY_BODY}))?"
    rf"(?P<cur>{_CURRENCY_BODY})?(?![\w])"
)
_HEDGES = re.compile(
    r"(?:environ|près\s+de|quelque|plus\s+de|moins\s+de|autour\s+de|jusqu['’]à|au-delà\s+de|~|presque|quasiment|près\s+d['’])\s*$",
    re.IGNORECASE,
)
SCALES = {
    "milliard": 10**9,
    "million": 10**6,
    "millier": 10**3,
    "mille": 10**3,
    "md": 10**9,
    "mds": 10**9,
    "mrd": 10**9,
    "mrds": 10**9,
    "g": 10**9,
    "m": 10**6,
    "k": 10**3,
}
CURRENCIES = {"€": "EUR", "euro": "EUR", "eur": "EUR", "$": "USD", "dollar": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "livre": "GBP"}
CURRENCY_WORDS = {"EUR": "euros", "USD": "dollars", "GBP": "livres sterling"}


@dataclass(frozen=True)
class Amount:
    """An amount found in a text: `text[start:end]` is how it is written."""

    value: Decimal
    currency: str | None
    start: int
    end: int
    written: str
    approximate: bool = False


def _currency(raw: str | None) -> str | None:
    if not raw:
        return None
    key = raw.lower().split()[0].rstrip("s") if raw[0].isalpha() else raw
    return CURRENCIES.get(key) or CURRENCIES.get(raw.lower())


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in `text`, in order."""
    found = []
    for match in _AMOUNT.finditer(text):
        if not (match["word"] or match["cur"]):
            continue
        integer = re.sub(r"[ \u00a0\u202f.]", "", match["int"])
        decimals = match["dec"] or match["dot"] or ""
        number = Decimal(f"{integer}.{decimals}" if decimals else integer)
        scale_word = (match["word"] or match["short"] or "").lower()
        scale = SCALES.get(scale_word.rstrip("s") if scale_word.endswith("s") and scale_word not in SCALES else scale_word, 1)
        found.append(
            Amount(
                value=number * scale,
                currency=_currency(match["cur"]),
                start=match.start(),
                end=match.end(),
                written=match.group(),
                approximate=bool(_HEDGES.search(text[max(0, match.start() - 30) : match.start()])),
            )
        )
    return found


def close_enough(amount: Amount, recorded: Decimal) -> bool:
    """Whether a written amount agrees with a recorded one: within 1 % (« 14,3 » for 14,31), or
    within 10 % when the text hedges it (« environ 14 milliards »)."""
    tolerance = Decimal("0.10") if amount.approximate else Decimal("0.01")
    return abs(amount.value - recorded) <= tolerance * recorded


def format_amount(value: Decimal, currency: str | None = None) -> str:
    """« 14,3 milliards de dollars », « 600 millions d’euros »: how the checks quote a recorded figure."""
    for scale, word in ((10**9, "milliard"), (10**6, "million")):
        if value >= scale:
            number = (value / scale).quantize(Decimal("0.01")).normalize()
            plural = "s" if number >= 2 else ""
            text = f"{number:f}".replace(".", ",") + f"\u00a0{word}{plural}"
            break
    else:
        text = f"{int(value):,}".replace(",", "\u202f")
    if currency:
        word = CURRENCY_WORDS[currency]
        text += f" d’{word}" if word[0] in "aeiou" else f" de {word}"
    return text
