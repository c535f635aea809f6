"""An entity page with its fact history and a deal reported by several articles, in Chromium, on
a desktop (1280 × 900) and on a phone (390 px): « Dernière mise à jour », « Historique des faits »
and « Lire : <titre>, <date> » under the deal, readable at both widths."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from articles.models import ArticleDeal, ArticlePage
from demo import factories
from entities.models import Deal, Entity, GroupLink, Role
from tests.browser.helpers import BrowserProblems

PARIS = ZoneInfo("Europe/Paris")
REPORTS = [
    ("Meta prend 49 % de Scale AI", datetime.datetime(2025, 6, 12, 9, tzinfo=PARIS)),
    ("Scale AI : ce que Meta achète vraiment", datetime.datetime(2025, 6, 20, 9, tzinfo=PARIS)),
    ("Un an après, l’investissement de Meta dans Scale AI en chiffres", datetime.datetime(2026, 6, 1, 9, tzinfo=PARIS)),
]


def _publish(entity, change):
    draft = Entity.objects.get(pk=entity.pk).get_latest_revision_as_object()
    change(draft)
    draft.save_revision().publish()


def _edited(children, **fields):
    children = list(children.all())
    for name, value in fields.items():
        setattr(children[0], name, value)
    return children


def _entity_with_history(section):
    """Meta: an investment in Scale AI whose figures changed over three publications, a
    subsidiary, a researcher who left, and three public articles reporting the deal."""
    scale = factories.make_entity(name="Scale AI", slug="scale-ai", description="Données annotées pour l’IA.")
    instagram = factories.make_entity(name="Instagram", slug="instagram")
    meta = Entity(name="Meta", slug="meta", kind="entreprise", aliases=["Facebook"], description="Groupe américain.")
    meta.deals = [
        Deal(
            target=scale,
            kind=Deal.Kind.INVESTMENT,
            status=Deal.Status.RUMOUR,
            date=datetime.date(2025, 6, 10),
            amount=10_000_000_000,
            currency="USD",
        )
    ]
    meta.save()
    meta.save_revision().publish()
    lecun = Entity(name="Yann LeCun", slug="yann-lecun", kind="personne")
    lecun.roles = [
        Role(organisation=meta, kind=Role.Kind.RESEARCHER, title="directeur scientifique", start_date=datetime.date(2013, 12, 9))
    ]
    lecun.save()
    lecun.save_revision().publish()

    _publish(meta, lambda draft: setattr(draft, "deals", _edited(draft.deals, amount=14_300_000_000, status=Deal.Status.TALKING)))
    _publish(
        meta,
        lambda draft: (
            setattr(
                draft, "deals", _edited(draft.deals, status=Deal.Status.DONE, date=datetime.date(2025, 6, 12), valuation=29_000_000_000)
            ),
            setattr(draft, "subsidiary_links", [GroupLink(child=instagram, start_date=datetime.date(2012, 4, 9))]),
        ),
    )
    _publish(lecun, lambda draft: setattr(draft, "roles", _edited(draft.roles, end_date=datetime.date(2025, 11, 19))))

    deal = Deal.objects.get(source=meta)
    for title, published in REPORTS:
        article = factories.make_article(section=section, title=title, entities=[meta, scale])
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published)
        ArticleDeal.objects.create(article=article, deal=deal)
    hidden = factories.make_article(section=section, title="Brouillon non publié", publish=False)
    ArticleDeal.objects.create(article=hidden, deal=deal)
    return meta


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_entity_page_shows_its_history_and_every_report_on_desktop_and_phone(live_server, new_context, screenshot):
    section = factories.make_section(title="Business")
    _entity_with_history(section)
    url = f"{live_server.url}/entites/meta/"

    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = new_context(viewport=viewport).new_page()
        problems = BrowserProblems(page)
        assert page.goto(url).status == 200

        expect(page.get_by_role("heading", level=1)).to_have_text("Meta")
        expect(page.get_by_text("Dernière mise à jour le")).to_be_visible()
        deals = page.get_by_role("region", name="Opérations")
        reports = deals.locator(".timeline__reports li")
        expect(reports).to_have_count(3)
        expect(reports.first).to_have_text(f"Lire\u00a0: {REPORTS[2][0]}, 1er juin 2026")
        expect(reports.nth(1)).to_contain_text("20 juin 2025")
        expect(reports.last).to_contain_text("12 juin 2025")
        expect(deals).not_to_contain_text("Brouillon non publié")

        history = page.get_by_role("region", name="Historique des faits")
        expect(history).to_contain_text(
            "Montant de l’investissement de Meta dans Scale AI\u00a0: 10\u00a0milliards de dollars\u00a0→ 14,3\u00a0milliards de dollars"
        )
        expect(history).to_contain_text("Statut de l’investissement de Meta dans Scale AI\u00a0: en discussion\u00a0→ conclu")
        expect(history).to_contain_text("Fin de fonction\u00a0: Yann LeCun chez Meta")
        expect(history).to_contain_text("Entrée dans le groupe\u00a0: Instagram, filiale de Meta\u00a0: depuis avril 2012")
        expect(history.get_by_role("listitem")).to_have_count(7)
        # Nothing wider than the screen on a phone: the longest sentences wrap.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow} px of horizontal scroll"

        page.get_by_role("link", name="voir l’historique des faits").click()
        expect(history.get_by_role("heading", name="Historique des faits")).to_be_in_viewport()
        screenshot(page, f"entity-history-{name}.png")
        problems.check()
