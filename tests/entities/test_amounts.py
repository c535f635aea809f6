"""The French amount parser: units, separators, hedges, and a property test over written forms."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entities.amounts import close_enough, find_amounts, format_amount

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Meta a investi 14 milliards de dollars.", 14 * 10**9, "USD"),
        ("soit 14,3 Md$ au total", Decimal("14.3") * 10**9, "USD"),
        ("14 300 millions", 14_300 * 10**6, None),
        (f"1,5{NBSP}milliard d’euros", Decimal("1.5") * 10**9, "EUR"),
        ("600 M€ levés", 600 * 10**6, "EUR"),
        ("12 G$", 12 * 10**9, "USD"),
        (f"14{NNBSP}300{NNBSP}000{NNBSP}000 $", 14_300_000_000, "USD"),
        ("2 500 €", 2_500, "EUR"),
        ("100 millions de livres sterling", 100 * 10**6, "GBP"),
    ],
)
def test_french_amounts_are_read_with_unit_and_currency(text, value, currency):
    (amount,) = find_amounts(text)

    assert amount.value == value and amount.currency == currency
    assert text[amount.start : amount.end] == amount.written


@pytest.mark.parametrize("text", ["en 2025", "une tour de 600 m", "à 3 ans", "le 12 juin 2025", "version 1,5"])
def test_years_distances_and_bare_numbers_are_not_amounts(text):
    assert find_amounts(text) == []


def test_hedged_amounts_get_a_wider_tolerance():
    (hedged,) = find_amounts("environ 14 milliards de dollars")
    (exact,) = find_amounts("14 milliards de dollars")
    recorded = Decimal("14.3") * 10**9

    assert hedged.approximate and close_enough(hedged, recorded)
    assert not exact.approximate and not close_enough(exact, recorded)


def test_recorded_amounts_are_quoted_the_french_way():
    assert format_amount(Decimal(14_300_000_000), "USD") == f"14,3{NBSP}milliards de dollars"
    assert format_amount(Decimal(600_000_000), "EUR") == f"600{NBSP}millions d’euros"


SPACES = st.sampled_from([" ", NBSP, NNBSP])


def _grouped(number: int, space: str) -> str:
    return f"{number:,}".replace(",", space)


@settings(deadline=None)  # a shared 2-core machine: no per-example timing
@given(
    units=st.integers(min_value=1, max_value=999),
    tenths=st.integers(min_value=0, max_value=9),
    scale=st.sampled_from([("milliards", 10**9), ("Md", 10**9), ("millions", 10**6), ("M", 10**6)]),
    currency=st.sampled_from([("€", "EUR"), ("$", "USD"), ("d’euros", "EUR"), ("de dollars", "USD")]),
    space=SPACES,
)
def test_any_written_form_reads_back_its_value(units, tenths, scale, currency, space):
    word, factor = scale
    symbol, code = currency
    if len(word) <= 2 and symbol not in ("€", "$"):
        symbol, code = "€", "EUR"  # « 14 Md » needs a symbol right after it
    number = f"{units},{tenths}" if tenths else str(units)
    text = f"Un tour de {number}{space}{word}{'' if len(word) <= 2 else space}{symbol} annoncé."

    (amount,) = find_amounts(text)

    assert amount.value == (Decimal(units) + Decimal(tenths) / 10) * factor
    assert amount.currency == code


@settings(deadline=None)
@given(value=st.integers(min_value=1_000, max_value=10**13), space=SPACES)
def test_grouped_digits_read_back_whatever_the_space(value, space):
    (amount,) = find_amounts(f"pour {_grouped(value, space)}{space}€ au total")

    assert amount.value == value and amount.currency == "EUR"
