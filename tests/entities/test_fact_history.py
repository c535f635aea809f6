"""The public history of facts (entities/fact_history.py) and the entity page that shows it: what
a publication records, what a draft or a first publication does not, the French rendering, the
« Dernière mise à jour » date, every public report of a deal, and a query count that stays flat."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset

import pytest

from articles.models import ArticleDeal
from articles.selectors import TEASER_RENDITIONS
from demo import factories
from entities.models import Deal, Entity, FactChange, GroupLink, Role
from entities.services import entity_merge
from newsroom.cache_purge import paths_purged
from tests.entities.forms import entity_form as shared_entity_form

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
PARIS = ZoneInfo("Europe/Paris")


def first_published(name, slug, kind="entreprise", *, deals=(), roles=(), links=()):
    """An entity published once with its facts, as the admin's « Publier » on a new entity does."""
    entity = Entity(name=name, slug=slug, kind=kind)
    entity.deals = [Deal(**fields) for fields in deals]
    entity.roles = [Role(**fields) for fields in roles]
    entity.subsidiary_links = [GroupLink(**fields) for fields in links]
    entity.save()
    entity.save_revision().publish()
    return entity


def republish(entity, change):
    """Edit the facts of the latest revision, then publish it (a new revision, as the admin does)."""
    draft = Entity.objects.get(pk=entity.pk).get_latest_revision_as_object()
    change(draft)
    draft.save_revision().publish()


def edit(model_children, pk, **fields):
    children = list(model_children.all())
    for child in children:
        if child.pk == pk:
            for name, value in fields.items():
                setattr(child, name, value)
    return children


def deal_row(deal, **overrides):
    """A deal as the entity's edit form posts it."""
    row = {
        "id": deal.pk,
        "target": deal.target_id,
        "kind": deal.kind,
        "status": deal.status,
        "date": deal.date.isoformat() if deal.date else "",
        "amount": "" if deal.amount is None else str(deal.amount),
        "currency": deal.currency,
        "valuation": "" if deal.valuation is None else str(deal.valuation),
        "note": deal.note,
    }
    return {**row, **overrides}


def entity_form(entity, deals):
    return shared_entity_form(
        name=entity.name, kind=entity.kind, slug=entity.slug, aliases="", deals=inline_formset(deals, initial=len(deals))
    )


@pytest.fixture
def meta_and_scale(db):
    scale = first_published("Scale AI", "scale-ai")
    meta = first_published(
        "Meta",
        "meta",
        deals=[
            {
                "target": scale,
                "kind": Deal.Kind.INVESTMENT,
                "status": Deal.Status.TALKING,
                "date": datetime.date(2025, 6, 12),
                "amount": 14_000_000_000,
                "currency": "USD",
            }
        ],
    )
    return meta, scale, Deal.objects.get(source=meta)


def test_publishing_a_new_amount_in_the_admin_records_the_old_and_the_new_value(client, editor, meta_and_scale):
    meta, scale, deal = meta_and_scale
    client.force_login(editor)

    response = client.post(
        f"/admin/snippets/entities/entity/edit/{meta.pk}/",
        {**entity_form(meta, [deal_row(deal, amount="15000000000")]), "action-publish": "action-publish"},
    )

    assert response.status_code == 302
    change = FactChange.objects.get()
    assert change.kind == FactChange.Kind.DEAL_AMOUNT
    assert (change.old_value, change.old_currency, change.new_value, change.new_currency) == ("14000000000", "USD", "15000000000", "USD")
    assert (change.entity, change.other, change.deal_id) == (meta, scale, deal.pk)
    assert change.revision_id == Entity.objects.get(pk=meta.pk).live_revision_id
    assert change.summary == "Montant de l’investissement de Meta dans Scale AI"
    assert change.values_display == f"14{NBSP}milliards de dollars{NBSP}→ 15{NBSP}milliards de dollars"


def test_a_draft_save_records_nothing_until_it_is_published(client, editor, meta_and_scale):
    meta, _, deal = meta_and_scale
    client.force_login(editor)
    url = f"/admin/snippets/entities/entity/edit/{meta.pk}/"

    draft = client.post(url, entity_form(meta, [deal_row(deal, amount="15000000000", status=Deal.Status.DONE)]))

    assert draft.status_code == 302
    assert Deal.objects.get(pk=deal.pk).amount == Decimal(14_000_000_000)  # readers still see the old one
    assert not FactChange.objects.exists()

    client.post(url, {**entity_form(meta, [deal_row(deal, amount="15000000000", status=Deal.Status.DONE)]), "action-publish": "1"})

    assert sorted(FactChange.objects.values_list("kind", flat=True)) == [FactChange.Kind.DEAL_AMOUNT, FactChange.Kind.DEAL_STATUS]
    status = FactChange.objects.get(kind=FactChange.Kind.DEAL_STATUS)
    assert status.values_display == f"en discussion{NBSP}→ conclu"


def test_a_first_publication_and_a_republication_without_change_record_nothing(client, editor):
    scale = first_published("Scale AI", "scale-ai")
    client.force_login(editor)
    new_deal = {
        "target": scale.pk,
        "kind": "acquisition",
        "status": "conclu",
        "date": "",
        "amount": "5",
        "currency": "EUR",
        "valuation": "",
    }
    new_entity = Entity(name="Meta", kind="entreprise", slug="meta")

    created = client.post(
        "/admin/snippets/entities/entity/add/",
        {**entity_form(new_entity, [{**new_deal, "id": "", "note": ""}]), "action-publish": "action-publish"},
    )

    assert created.status_code == 302
    meta = Entity.objects.get(slug="meta")
    assert meta.live and meta.deals.count() == 1
    factories.make_entity(name="Mistral AI", slug="mistral-ai")
    meta.save_revision().publish()  # the same facts again
    assert not FactChange.objects.exists()


def test_a_role_ending_is_recorded_and_shown_on_both_pages(client):
    meta = first_published("Meta", "meta")
    lecun = first_published(
        "Yann LeCun",
        "yann-lecun",
        kind="personne",
        roles=[
            {
                "organisation": meta,
                "kind": Role.Kind.RESEARCHER,
                "title": "directeur scientifique",
                "start_date": datetime.date(2013, 12, 9),
            }
        ],
    )
    role = Role.objects.get(person=lecun)

    republish(lecun, lambda draft: setattr(draft, "roles", edit(draft.roles, role.pk, end_date=datetime.date(2025, 11, 19))))

    change = FactChange.objects.get()
    assert (change.kind, change.role_id, change.entity, change.other) == (FactChange.Kind.ROLE_ENDED, role.pk, lecun, meta)
    assert change.summary == f"Fin de fonction{NBSP}: Yann LeCun chez Meta"
    assert change.values_display == "chercheur ou chercheuse (directeur scientifique), de décembre 2013 à novembre 2025"
    for url in ("/entites/yann-lecun/", "/entites/meta/"):
        page = client.get(url).content.decode()
        assert "Historique des faits" in page, url
        assert f"Fin de fonction{NBSP}: Yann LeCun chez Meta{NBSP}: chercheur ou chercheuse" in page, url


def test_added_removed_and_changed_facts_each_make_one_change(meta_and_scale):
    meta, _, deal = meta_and_scale
    openai = first_published("OpenAI", "openai")
    instagram = first_published("Instagram", "instagram")

    def change(draft):
        draft.deals = [
            *edit(draft.deals, deal.pk, date=datetime.date(2025, 6, 13), valuation=29_000_000_000),
            Deal(target=openai, kind=Deal.Kind.ACQUISITION, status=Deal.Status.RUMOUR, amount=1_000_000_000, currency="EUR"),
        ]
        draft.subsidiary_links = [GroupLink(child=instagram, start_date=datetime.date(2012, 4, 9))]

    republish(meta, change)
    republish(meta, lambda draft: setattr(draft, "deals", [d for d in draft.deals.all() if d.pk == deal.pk]))

    changes = {change.kind: change for change in FactChange.objects.all()}
    assert set(changes) == {
        FactChange.Kind.DEAL_DATE,
        FactChange.Kind.DEAL_VALUATION,
        FactChange.Kind.DEAL_ADDED,
        FactChange.Kind.GROUP_ADDED,
        FactChange.Kind.DEAL_REMOVED,
    }
    assert changes[FactChange.Kind.DEAL_DATE].values_display == f"12 juin 2025{NBSP}→ 13 juin 2025"
    assert changes[FactChange.Kind.DEAL_VALUATION].values_display == f"non communiquée{NBSP}→ 29{NBSP}milliards de dollars"
    assert changes[FactChange.Kind.DEAL_ADDED].summary == f"Nouvelle opération{NBSP}: l’acquisition d’OpenAI par Meta"
    assert changes[FactChange.Kind.DEAL_ADDED].values_display == f"1{NBSP}milliard d’euros"
    removed = changes[FactChange.Kind.DEAL_REMOVED]
    assert removed.deal_id is None and removed.other == openai and removed.values_display == f"1{NBSP}milliard d’euros"
    assert str(changes[FactChange.Kind.GROUP_ADDED]) == f"Entrée dans le groupe{NBSP}: Instagram, filiale de Meta{NBSP}: depuis avril 2012"


def test_the_entity_page_shows_the_last_update_and_the_latest_ten_changes_in_french(client, meta_and_scale):
    meta, scale, deal = meta_and_scale
    for amount in range(15, 27):  # 12 publications, one new amount each
        republish(meta, lambda draft, amount=amount: setattr(draft, "deals", edit(draft.deals, deal.pk, amount=amount * 10**9)))
    changes = list(FactChange.objects.order_by("pk"))
    assert len(changes) == 12
    # One a day, from 24 November to 5 December: the page shows 26 November to 5 December.
    for day, change in enumerate(changes):
        when = datetime.datetime(2026, 11, 24, 21, tzinfo=PARIS) + datetime.timedelta(days=day)
        FactChange.objects.filter(pk=change.pk).update(when=when)
    Entity.objects.filter(pk__in=[meta.pk, scale.pk]).update(last_published_at=datetime.datetime(2026, 11, 20, tzinfo=PARIS))

    for slug in ("meta", "scale-ai"):
        page = client.get(f"/entites/{slug}/").content.decode()

        assert 'Dernière mise à jour le <time datetime="2026-12-05T21:00:00+01:00">5 décembre 2026</time>' in page, slug
        history = page[page.index('<h2 id="historique"') :]
        items = re.findall(r"<li>(.*?)</li>", history[: history.index("</ol>")], re.DOTALL)
        assert len(items) == 10
        assert items[0] == (
            '<time class="fact-list__dates" datetime="2026-12-05T21:00:00+01:00">5 décembre 2026</time>'
            f"Montant de l’investissement de Meta dans Scale AI{NBSP}: 25{NBSP}milliards de dollars{NBSP}→ 26{NBSP}milliards de dollars"
        )
        assert "1er décembre 2026" in history  # the first of the month, the French way
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
        assert data["@type"] == "Organization"


def test_the_last_update_is_the_last_publication_when_no_fact_changed_since(client):
    first_published("Meta", "meta")
    Entity.objects.filter(slug="meta").update(last_published_at=datetime.datetime(2025, 6, 1, 8, tzinfo=PARIS))

    page = client.get("/entites/meta/").content.decode()

    assert 'Dernière mise à jour le <time datetime="2025-06-01T08:00:00+02:00">1er juin 2025</time></p>' in page
    assert "Historique des faits" not in page


def test_a_change_naming_a_draft_entity_is_not_shown(client, meta_and_scale):
    meta, _, _ = meta_and_scale
    secret = factories.make_entity(name="Projet secret", slug="projet-secret", live=False)

    republish(
        meta,
        lambda draft: setattr(draft, "deals", [*draft.deals.all(), Deal(target=secret, kind=Deal.Kind.TALKS, status=Deal.Status.RUMOUR)]),
    )

    assert FactChange.objects.filter(other=secret).exists()
    assert "Projet secret" not in client.get("/entites/meta/").content.decode()


def reporting_article(section, deal, title, published, **fields):
    article = factories.make_article(section=section, title=title, **fields)
    type(article).objects.filter(pk=article.pk).update(first_published_at=published)
    ArticleDeal.objects.create(article=article, deal=deal)
    return article


def test_a_deal_reported_by_three_articles_lists_the_three_newest_first_with_their_dates(client, section, meta_and_scale):
    _, _, deal = meta_and_scale
    dates = [datetime.datetime(2025, 6, day, 10, tzinfo=PARIS) for day in (1, 12, 20)]
    reports = [reporting_article(section, deal, f"Épisode {number}", when) for number, when in enumerate(dates, start=1)]
    draft = reporting_article(section, deal, "Brouillon de l’épisode 4", dates[2], publish=False)
    restricted = reporting_article(section, deal, "Épisode réservé", dates[2])
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    for slug in ("meta", "scale-ai"):
        page = client.get(f"/entites/{slug}/").content.decode()

        listed = re.findall(r'<li>Lire\xa0: <a href="([^"]+)">([^<]+)</a>, <time datetime="[^"]+">([^<]+)</time></li>', page)
        assert listed == [
            (reports[2].url, "Épisode 3", "20 juin 2025"),
            (reports[1].url, "Épisode 2", "12 juin 2025"),
            (reports[0].url, "Épisode 1", "1er juin 2025"),
        ], slug
        assert draft.title not in page and restricted.title not in page


def test_publishing_a_fact_change_purges_both_entity_pages(meta_and_scale):
    meta, _, deal = meta_and_scale
    purged = set()

    def collect(sender, paths, **kwargs):
        purged.update(paths)

    paths_purged.connect(collect)
    try:
        republish(meta, lambda draft: setattr(draft, "deals", edit(draft.deals, deal.pk, status=Deal.Status.DONE)))
    finally:
        paths_purged.disconnect(collect)

    assert FactChange.objects.filter(kind=FactChange.Kind.DEAL_STATUS).exists()
    assert {"/entites/meta/", "/entites/scale-ai/"} <= purged


def test_bulk_created_entities_record_nothing_and_a_merge_keeps_the_history(meta_and_scale):
    meta, _, deal = meta_and_scale
    Entity.objects.bulk_create([Entity(name=f"Import {index}", slug=f"import-{index}") for index in range(2000)])
    assert not FactChange.objects.exists()
    republish(meta, lambda draft: setattr(draft, "deals", edit(draft.deals, deal.pk, amount=15_000_000_000)))
    facebook = first_published("Facebook", "facebook")

    entity_merge(keep=facebook, absorb=meta)

    assert FactChange.objects.get().entity == facebook


# --- Query count --------------------------------------------------------------------------------


def _world(section, size):
    """Meta with `size` deals, each reported by `size` public articles, and `size` × 3 changes."""
    meta = first_published("Meta", "meta")
    targets = [first_published(f"Cible {index}", f"cible-{index}") for index in range(size)]
    people = [first_published(f"Personne {index}", f"personne-{index}", kind="personne") for index in range(size)]
    deals = Deal.objects.bulk_create(
        [Deal(source=meta, target=target, kind=Deal.Kind.INVESTMENT, amount=1000 + index) for index, target in enumerate(targets)]
    )
    image = factories.make_image()
    for index in range(size):
        article = factories.make_article(section=section, title=f"Article {index}", entities=[meta], hero_image=image, hero_alt="x")
        ArticleDeal.objects.bulk_create([ArticleDeal(article=article, deal=deal) for deal in deals])
    image.get_renditions(*TEASER_RENDITIONS)  # made on publication: readers never make renditions
    FactChange.objects.bulk_create(
        [
            FactChange(
                entity=meta, other=targets[index % size], kind=FactChange.Kind.DEAL_AMOUNT, summary="Montant", old_value="1", new_value="2"
            )
            for index in range(size * 2)
        ]
        + [
            FactChange(entity=person, other=meta, kind=FactChange.Kind.ROLE_ADDED, summary="Nouvelle fonction", new_value="PDG")
            for person in people
        ]
    )


def _counts(client, url):
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries.captured_queries))
    return counts


@pytest.mark.parametrize("size", [1, 6])
def test_entity_page_query_count_does_not_grow_with_deals_reports_and_changes(client, section, settings, size):
    from tests.entities.test_knowledge_base import ENTITY_PAGE_BUDGET

    settings.NEWSROOM_PAGE_CACHE = False  # count renders, not full-page cache hits
    _world(section, size)

    page = client.get("/entites/meta/").content.decode()
    assert page.count("<li>Lire\xa0: ") == size * size
    assert page.count('<time class="fact-list__dates"') == min(size * 3, 10)
    assert _counts(client, "/entites/meta/") == ENTITY_PAGE_BUDGET
