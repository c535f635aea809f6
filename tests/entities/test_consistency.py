"""What a text says against the knowledge base: amounts of deals and roles of people, shown as
warnings with a link in the editor's panels, never as blockers."""

import datetime
from decimal import Decimal

from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.checklist import ArticleDraft, run_checklist
from demo import factories
from entities.consistency import check_text
from entities.models import Deal, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(db):
    meta = factories.make_entity(name="Meta", slug="meta")
    scale = factories.make_entity(name="Scale AI", slug="scale-ai")
    github = factories.make_entity(name="GitHub", slug="github")
    wang = factories.make_entity(name="Alexandr Wang", slug="alexandr-wang", kind="personne")
    friedman = factories.make_entity(name="Nat Friedman", slug="nat-friedman", kind="personne")
    Deal.objects.create(
        source=meta, target=scale, kind="investissement", date=datetime.date(2025, 6, 12),
        amount=Decimal(14300000000), valuation=Decimal(29000000000), currency="USD",
    )  # fmt: skip
    Role.objects.create(person=wang, organisation=scale, kind="fondateur", start_date=datetime.date(2016, 1, 1))
    Role.objects.create(
        person=wang, organisation=scale, kind="pdg", start_date=datetime.date(2016, 1, 1), end_date=datetime.date(2025, 6, 12)
    )
    Role.objects.create(person=friedman, organisation=github, kind="ancien_pdg", end_date=datetime.date(2021, 11, 3))
    return meta, scale, wang, friedman


def test_an_amount_beyond_rounding_is_flagged_with_a_link_to_the_deal(base):
    meta, *_ = base

    (finding,) = check_text("Meta a investi 14 milliards de dollars dans Scale AI.")

    assert "«\u00a014 milliards de dollars\u00a0»" in finding.message and "14,3\u00a0milliards de dollars" in finding.message
    assert finding.url == reverse("wagtailsnippets_entities_entity:edit", args=[meta.pk])


@pytest.mark.parametrize(
    "text",
    [
        "Meta a investi 14,3 Md$ dans Scale AI.",
        "Meta a investi 14 300 millions de dollars dans Scale AI.",
        "Meta a investi environ 14 milliards de dollars dans Scale AI.",
        "Scale AI est désormais valorisée 29 milliards de dollars.",
        "Meta offrirait jusqu’à 100 millions de dollars de prime, loin de Scale AI.",  # another figure
    ],
)
def test_agreeing_or_unrelated_figures_are_not_flagged(base, text):
    assert check_text(text) == []


def test_an_amount_in_another_currency_is_flagged(base):
    (finding,) = check_text("Meta a investi 14,3 milliards d’euros dans Scale AI.")

    assert "14,3 milliards d’euros" in finding.message


def test_roles_that_ended_or_were_never_recorded_are_flagged(base):
    findings = [str(f) for f in check_text("Alexandr Wang, PDG de Scale AI, rejoint Meta. Nat Friedman, fondateur de GitHub, aussi.")]

    assert findings == [
        "Le texte dit Alexandr Wang PDG de Scale AI\u00a0: d’après la base, ce rôle a pris fin depuis le 12 juin 2025.",
        "Le texte présente Nat Friedman comme fondateur de GitHub\u00a0: la base n’enregistre pas ce rôle.",
    ]


def test_recorded_roles_pass(base):
    assert check_text("Alexandr Wang, fondateur de Scale AI, et Nat Friedman, ancien PDG de GitHub, rejoignent Meta.") == []


def test_the_editor_shows_the_warnings_in_both_panels_and_publication_is_not_blocked(client, base, section, author, editor):
    article = factories.make_article(
        section=section, publish=False, authors=[author], title="Meta et Scale AI",
        body=[{"type": "paragraph", "value": "<p>Meta a investi 14 milliards de dollars dans Scale AI.</p>"}],
    )  # fmt: skip
    client.force_login(editor)

    page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    result = run_checklist(ArticleDraft.from_page(article), knowledge_base=True)

    assert page.count("14 milliards de dollars\u00a0» près de Meta et Scale AI") == 2  # checklist and entities panel
    assert reverse("wagtailsnippets_entities_entity:edit", args=[base[0].pk]) in page
    assert any("14 milliards" in str(message) for message in result.warnings)
    assert not any("14 milliards" in str(message) for message in run_checklist(ArticleDraft.from_page(article)).blockers)


def test_a_known_name_written_another_way_is_flagged_but_not_an_alias(base):
    from entities.consistency import name_variant_findings

    wang = base[2]
    findings = name_variant_findings(["Alexander Wang", "Mistral AI", "Scale AI"])

    assert [finding.url for finding in findings] == [reverse("wagtailsnippets_entities_entity:edit", args=[wang.pk])]
    assert "«\u00a0Alexander Wang\u00a0» ressemble à «\u00a0Alexandr Wang\u00a0»" in findings[0].message


@pytest.fixture
def wang_at_meta(base):
    meta, _, wang, _ = base
    return Role.objects.create(person=wang, organisation=meta, kind="a_rejoint", start_date=datetime.date(2025, 6, 12))


@pytest.mark.parametrize(
    "text",
    [
        "Alexandr Wang a rejoint Meta en juin 2025.",
        "Alexandr Wang, recruté par Meta le 12 juin 2025, dirige le laboratoire.",
        "En 2025, Alexandr Wang a rejoint Meta.",
        "Alexandr Wang a rejoint Meta.",  # no date: nothing to compare
        "Alexandr Wang a rejoint Meta, qui a investi en 2024 dans d’autres sociétés.",  # another date
    ],
)
def test_a_join_date_that_agrees_with_the_base_passes(wang_at_meta, text):
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Alexandr Wang a rejoint Meta en mars 2025.", "en mars 2025"),
        ("Alexandr Wang, recruté par Meta le 1er juin 2025, dirige le laboratoire.", "le 1er juin 2025"),
        ("En 2024, Alexandr Wang a rejoint Meta.", "En 2024"),
        ("Alexandr Wang, arrivé chez Meta en\u00a0juillet\u00a02025, dirige le laboratoire.", "en juillet 2025"),
    ],
)
def test_a_join_date_that_differs_from_the_base_is_flagged_with_the_recorded_date(wang_at_meta, text, said):
    (finding,) = check_text(text)

    assert finding.message == (
        f"Le texte dit qu’Alexandr Wang a rejoint Meta «\u00a0{said}\u00a0»\u00a0: la base enregistre son arrivée le 12 juin 2025."
    )
    assert finding.url == reverse("wagtailsnippets_entities_entity:edit", args=[wang_at_meta.person_id])


def test_a_join_date_is_not_compared_when_the_base_has_none(base):
    assert check_text("Alexandr Wang a rejoint Meta en mars 2025.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 12 juin 2025", (2025, 6, 12)),
        ("le 1er août 2024", (2024, 8, 1)),
        ("en fevrier 2023", (2023, 2, None)),
        ("en 2019", (2019, None, None)),
        ("Décembre\u00a02026", (2026, 12, None)),
        ("sans date", None),
    ],
)
def test_french_dates_are_read_as_precisely_as_written(text, expected):
    from entities.consistency import parse_written_date

    written = parse_written_date(text)

    assert (None if written is None else (written.year, written.month, written.day)) == expected


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)), st.sampled_from(["day", "month", "year"]))
def test_any_french_date_reads_back_and_agrees_only_with_the_days_it_covers(day, precision):
    from django.utils.formats import date_format

    from entities.consistency import parse_written_date

    written = {"day": date_format(day, "j F Y"), "month": date_format(day, "F Y"), "year": str(day.year)}[precision]
    written = written.replace("1 ", "1er ", 1) if precision == "day" and day.day == 1 else written

    parsed = parse_written_date(f"Il est arrivé le {written}.")

    assert (parsed.year, parsed.month, parsed.day) == (
        day.year,
        None if precision == "year" else day.month,
        day.day if precision == "day" else None,
    )
    assert parsed.agrees_with(day)
    next_year = day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else datetime.date(day.year + 1, 3, 1)
    assert not parsed.agrees_with(next_year)
