"""63 XSS payloads typed into every text field editors and sales fill, rendered in Chromium.

Payloads come in groups of six: per group one article, one author and one organisation, so 11 of
each instead of 63 pages. A field holds a label then as many whole payloads of its group as its
length allows (`pack`); list-like things (body blocks, tags, update notes, aliases, roles, deals,
partners) get one payload each. Only payloads stored whole are counted as tried.

How each field is stored (the honest path):
- Articles: the real page editor form, POSTed as the Rédaction en chef with the Django test client
  and published (title, surtitre, chapô, SEO title and description, hero alt/caption/credit; per
  payload a paragraph whose link address is the payload, converted by Wagtail's Draftail converter
  as on a real save, an intertitre, a citation and attribution, a partner strip heading, a tag and
  an update-log note; per article an image block alt/caption/credit and a « Lire aussi » label;
  the sponsor). Embed URLs are checked apart (`test_embed_block_refuses_payload_urls`): an embed is
  fetched from its provider, which a test must not do.
- Entities (names, aliases, descriptions, role titles, deal notes), authors (name, role, bio) and
  partners (name, logo alt, note; every payload as the partner's URL is refused): the models and
  `full_clean()`, the validation their admin forms run.
- Search queries: typed in /recherche/?q=.

Read in Chromium with the CSP bypassed (so escaping, not the policy, is tested): each article, its
first tag's page, each author and entity page, one search per group, the home and section pages;
in the admin the section's page listing, two article edit views, the entity and author listings
and two edit views of each, and as sales the dashboard, the partner listing, two partner edit
views and the sponsored-articles report. The RSS feed is read as XML text in its own test. On each
page: no dialog, `__xss` never called, no injected element, handler or script URL, and every
field's text shows as typed (compared after folding what |typo and CSS change: quotes,
apostrophes, spaces, letter case).
"""

import re
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

import pytest
from taggit.utils import parse_tags

from articles.blocks import PARAGRAPH_FEATURES
from articles.models import ArticlePage, Author
from articles.search import MAX_QUERY_LENGTH, clean_query
from demo import factories
from demo.partner_factories import make_logo
from entities.models import Deal, Entity, Role
from partners.models import Partner
from tests.admin_forms import article_form
from tests.security.xss_payloads import NUL_PAYLOADS, payloads

PAYLOADS = payloads()

# Runs before any page script, in every frame: records calls instead of running them.
DETECTOR = """
window.__xssFired = [];
window.__xss = (n) => { (window.top.__xssFired || window.__xssFired).push(String(n)); };
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (n) => { (window.top.__xssFired || window.__xssFired).push(name + ":" + n); };
}
"""

# What was executed or injected, and every string a reader can see (text, alt, title, meta, values).
INSPECT = """
() => {
  const injected = [];
  const risky = new Set(["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "MARQUEE", "MATH", "BASE",
    "NOSCRIPT", "TEMPLATE", "ANIMATE", "SOURCE", "VIDEO", "DETAILS", "MGLYPH"]);  // LINK: by its href
  const seen = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toUpperCase();
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value;
      if (name.startsWith("on") && /__xss|alert|confirm|prompt/.test(value)) injected.push(`${tag} ${name}=${value}`);
      if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"].includes(name)
          && /^\\s*((java|vb)script\\s*:|data:text\\/(html|css|javascript))/i.test(value)) injected.push(`${tag} ${name}=${value}`);
      if (name === "srcdoc" || (name === "style" && /expression\\(|javascript:/i.test(value))) injected.push(`${tag} ${name}`);
      if (["alt", "title", "content", "aria-label", "placeholder", "value", "label"].includes(name)) seen.push(value);
    }
    // A <template> (Wagtail's empty inline forms) holds escaped payload text legitimately (a deal's
    // label in a <select>): only elements with a payload in their markup count, not text.
    const markupHasPayload = tag === "TEMPLATE"
      ? [...el.content.querySelectorAll("*")].some((child) => [...child.attributes].some(
          (a) => /__xss/.test(a.value) && (a.name.startsWith("on") || risky.has(child.tagName.toUpperCase()))))
      : /__xss/.test(el.outerHTML);
    if (risky.has(tag) && markupHasPayload && !(tag === "SCRIPT" && /json/.test(el.type))) {
      injected.push(`${tag}: ${el.outerHTML.slice(0, 120)}`);
    }
    if (tag === "INPUT" || tag === "TEXTAREA") seen.push(el.value);
  }
  return {
    fired: window.__xssFired || [],
    injected,
    text: [document.title, document.body.innerText, ...seen].join("\\n"),
  };
}
"""

QUOTES = str.maketrans(dict.fromkeys("«»“”„‘’'", '"'))


def fold(text: str) -> str:
    """Text as compared: |typo changes quotes (' may become « or ’), apostrophes and spaces, and
    CSS upper-cases kickers and credits (innerText follows text-transform): all folded away."""
    return re.sub(r"\s+", "", text.translate(QUOTES)).casefold()


GROUP = 6  # payloads per article, author and entity: 11 of each instead of 63 pages
GROUPS = [list(range(start, min(start + GROUP, len(PAYLOADS)) + 1))[:GROUP] for start in range(1, len(PAYLOADS) + 1, GROUP)]


def pack(field: str, numbers: list[int], limit: int) -> tuple[str, list[int]]:
    """A label, then as many whole payloads of `numbers` as the field's length allows.

    The order rotates with the field's name, so short fields do not always keep the same ones.
    """
    start = sum(map(ord, field)) % len(numbers)
    text, included = f"[{field}]", []
    for number in numbers[start:] + numbers[:start]:
        piece = f" {PAYLOADS[number - 1]}"
        if len(text) + len(piece) <= limit:
            text += piece
            included.append(number)
    return text, included


class Ledger:
    """Counts payload × field checks, and collects every failure for one final assertion."""

    def __init__(self):
        self.combinations = set()  # (payload number, field) stored whole and checked on a page
        self.checks = 0
        self.executed = set()
        self.failures = []
        self.dialogs = []
        self.pages = 0

    def check_page(self, page, url, expected, wait_until=None):
        """`expected`: (field, value typed, payload numbers in it) that must show as typed."""
        # The admin's « load » waits on its live preview; its scripts have run at DOMContentLoaded.
        wait_until = wait_until or ("domcontentloaded" if "/admin/" in url else "load")
        self.dialogs.clear()
        self.pages += 1
        response = page.goto(url, wait_until=wait_until, timeout=30_000)
        if response.status >= 400:
            self.failures.append(f"{url}: HTTP {response.status}")
        page.wait_for_timeout(50 if wait_until == "load" else 500)  # lets a late handler (onerror, ontoggle) fire
        found = page.evaluate(INSPECT)
        haystack = fold(found["text"])
        fired = found["fired"] + self.dialogs
        if fired or found["injected"]:
            self.executed.update(fired)
            self.failures.append(f"{url}: executed {fired}, injected {found['injected'][:5]}")
        for field, value, numbers in expected:
            self.checks += len(numbers)
            self.combinations.update((number, field) for number in numbers)
            if fold(value) not in haystack:
                self.failures.append(f"{url}: {field} not shown as typed: {value[:100]!r}")


@pytest.fixture
def ledger():
    return Ledger()


@pytest.fixture
def without_n_plus_one_detector(settings):
    """This test is about escaping; zeal (tests/conftest.py) would stop it on a query pattern first:
    the page editor reads each chooser block's image twice (newsroom/admin_guards.py, then the form)."""
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("zeal.")]


def _people_entities_partners():
    """Per group, one author and one organisation; one partner per payload. Models + full_clean()."""
    target = factories.make_entity(name="Cible commune", kind="entreprise")
    authors, organisations, partners = [], [], []
    url_refused = 0
    for index, numbers in enumerate(GROUPS, start=1):
        author = Author(slug=f"auteur-xss-{index}")
        author.typed = {}
        for field, attribute, limit in (("auteur", "name", 120), ("fonction", "role", 120), ("bio", "bio", 600)):
            author.typed[field] = pack(field, numbers, limit)
            setattr(author, attribute, author.typed[field][0])
        author.full_clean()
        author.save()
        authors.append(author)

        organisation = Entity(slug=f"entite-xss-{index}", kind="entreprise")
        organisation.typed = {"entite": pack("entite", numbers, 160), "description": pack("description", numbers, 800)}
        organisation.name, organisation.description = organisation.typed["entite"][0], organisation.typed["description"][0]
        organisation.aliases = [pack(f"alias{n}", [n], 160)[0] for n in numbers]
        organisation.typed.update({f"alias{n}": pack(f"alias{n}", [n], 160) for n in numbers})
        organisation.full_clean()
        organisation.save()
        organisation.save_revision().publish()
        for number in numbers:
            person = Entity(name=pack("personne", [number], 160)[0] or "x", slug=f"personne-xss-{number}", kind="personne")
            person.full_clean()
            person.save()
            person.save_revision().publish()
            role = Role(person=person, organisation=organisation, kind="pdg", title=pack("role", [number], 160)[0])
            role.full_clean(exclude=["person"])
            role.save()
            deal = Deal(source=organisation, target=target, kind="acquisition", note=pack("deal", [number], 300)[0])
            deal.full_clean(exclude=["source"])
            deal.save()
            organisation.typed[f"personne{number}"] = (person.name, [number] if person.name != "[personne]" else [])
            organisation.typed[f"role{number}"] = (role.title, [number] if role.title != "[role]" else [])
            organisation.typed[f"deal{number}"] = (deal.note, [number] if deal.note != "[deal]" else [])
        organisations.append(organisation)

    logo = make_logo(text="partenaire")
    for number, payload in enumerate(PAYLOADS, start=1):
        partner = Partner(
            name=pack("partenaire", [number], 120)[0],
            logo=logo,
            logo_alt=pack("logo", [number], 200)[0],
            url=payload[:500],
            note=pack("note", [number], 2000)[0],
            on_articles=True,
        )
        try:
            partner.full_clean()
        except ValidationError as error:
            assert set(error.message_dict) == {"url"}, error.message_dict
            url_refused += 1
            partner.url = f"https://partenaire-{number}.example.com/?q={quote(payload[:200])}"
            partner.full_clean()
        partner.save()
        partners.append(partner)
    return authors, organisations, partners, url_refused


SCALAR_FIELDS = {  # form field: (label, max length)
    "title": ("titre", 255),
    "kicker": ("surtitre", 80),
    "chapo": ("chapo", 600),
    "seo_title": ("seo", 255),
    "search_description": ("description", 300),
    "hero_alt": ("hero_alt", 250),
    "hero_caption": ("hero_legende", 300),
    "hero_credit": ("hero_credit", 120),
}


def _post_articles(client, section, authors, partners):
    """One article per group of payloads, through the page editor's real form (published)."""
    image = factories.make_image(size=(800, 450))
    base = factories.make_article(section=section, title="Article de base", slug="article-de-base")
    typed_by_article = {}
    for index, numbers in enumerate(GROUPS, start=1):
        typed = {label: pack(label, numbers, limit) for label, limit in SCALAR_FIELDS.values()}
        # Chooser blocks fetch their image or page one by one: one of each per article, packed.
        packed = {label: pack(label, numbers, limit) for label, limit in PACKED_BLOCK_FIELDS.items()}
        typed.update(packed)
        blocks = [
            (
                "image",
                {
                    "image": image.pk,
                    **{
                        name: packed[label][0]
                        for name, label in (("alt", "image_alt"), ("caption", "image_legende"), ("credit", "image_credit"))
                    },
                },
            ),
            ("read_also", {"article": base.pk, "label": packed["lire_aussi"][0]}),
        ]
        for number in numbers:
            one = {label: pack(label, [number], limit) for label, limit in BLOCK_FIELDS.items()}
            typed.update({f"{label}{number}": value for label, value in one.items()})
            paragraph = f'<p>{escape(one["paragraphe"][0])} <a href="{escape(PAYLOADS[number - 1])}">{escape(one["lien"][0])}</a></p>'
            blocks += [
                ("paragraph", rich_text(paragraph, features=PARAGRAPH_FEATURES)),
                ("heading", {"text": one["intertitre"][0], "level": "h2"}),
                ("quote", {"quote": one["citation"][0], "attribution": one["attribution"][0]}),
                ("partner_strip", {"heading": one["bandeau"][0], "mode": "tous", "partners": {"count": 0}}),
            ]
        # A double quote delimits tags in Wagtail's tag field: inside a tag it is typed as '.
        tags = {number: pack("tag", [number], 98)[0].replace('"', "'") for number in numbers}
        data = article_form(
            authors[index - 1],
            slug=f"article-xss-{index}",
            **{name: typed[label][0] for name, (label, _limit) in SCALAR_FIELDS.items()},
            hero_image=image.pk,
            sponsor=partners[numbers[0] - 1].pk,
            tags=", ".join(f'"{tag}"' for tag in tags.values()),
            body=streamfield(blocks),
            updates=inline_formset(
                [{"kind": "correction", "date": "20/11/2026 10:00", "note": typed[f"maj{number}"][0]} for number in numbers]
            ),
        )
        data["action-publish"] = "action-publish"
        response = client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
        assert response.status_code == 302, response.context and response.context["form"].errors.as_text()[:2000]
        for number, tag in tags.items():
            for name in parse_tags(f'"{tag}"'):
                typed[f"tag{number}"] = (name, [number])
        typed_by_article[f"article-xss-{index}"] = typed
    return typed_by_article


BLOCK_FIELDS = {  # one paragraph, heading, quote and strip per payload: label → max length
    "paragraphe": 2000,
    "lien": 200,
    "intertitre": 160,
    "citation": 1000,
    "attribution": 200,
    "bandeau": 80,
    "maj": 1000,
}
PACKED_BLOCK_FIELDS = {"image_alt": 250, "image_legende": 300, "image_credit": 120, "lire_aussi": 200}


def shown(typed: dict, *labels) -> list:
    """(field, value, payload numbers) for the fields named (all when none), skipping empty packs."""
    return [
        (label.rstrip("0123456789"), value, numbers)
        for label, (value, numbers) in typed.items()
        if numbers and (not labels or label in labels)
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_xss_catalogue_nothing_executes_and_text_shows_as_typed(
    live_server, new_context, log_in, section, editor, sales, client, ledger, without_n_plus_one_detector
):
    base = live_server.url
    started = time.monotonic()
    authors, organisations, partners, url_refused = _people_entities_partners()
    client.force_login(editor)
    typed_by_article = _post_articles(client, section, authors, partners)
    articles = {page.slug: page for page in ArticlePage.objects.live().filter(slug__startswith="article-xss-")}
    assert len(articles) == len(GROUPS)
    stored = time.monotonic()

    def browser_page(context):
        context.add_init_script(DETECTOR)
        page = context.new_page()
        page.on("dialog", lambda dialog: (ledger.dialogs.append(f"dialog:{dialog.message}"), dialog.dismiss()))
        return page

    page = browser_page(new_context(bypass_csp=True))
    partner_names = {partner.pk: partner.name for partner in partners}
    for index, numbers in enumerate(GROUPS, start=1):
        slug = f"article-xss-{index}"
        typed = typed_by_article[slug]
        expected = shown(typed) + shown(authors[index - 1].typed, "auteur")
        expected.append(("sponsor", partner_names[articles[slug].sponsor_id], [numbers[0]]))
        ledger.check_page(page, f"{base}{articles[slug].url}", expected)
        tag_link = page.locator("a[rel=tag]").first.get_attribute("href")
        ledger.check_page(page, f"{base}{tag_link}", [("titre", *typed["titre"])])
        ledger.check_page(page, f"{base}/auteurs/{authors[index - 1].slug}/", shown(authors[index - 1].typed))
        ledger.check_page(page, f"{base}{organisations[index - 1].get_url_path()}", shown(organisations[index - 1].typed))
        query, searched = pack("q", numbers, MAX_QUERY_LENGTH)
        # The search shows the query as it searched it: control and format characters become spaces.
        ledger.check_page(page, f"{base}/recherche/?q={quote(query)}", [("recherche", clean_query(query).text, searched)])
    newest = [typed_by_article[f"article-xss-{index}"]["titre"] for index in range(len(GROUPS), 0, -1)][:12]
    footer = [("logo", partner.logo_alt, [number]) for number, partner in enumerate(partners, start=1)]
    ledger.check_page(page, f"{base}/", [("titre", *title) for title in newest] + footer)
    ledger.check_page(page, f"{base}{section.url}", [("titre", *title) for title in newest])

    # The admin, as the people who type these fields. The article editor's entity panel loads the
    # French language model once per process (about 15 s): load it first, outside the page timeouts.
    from entities.ner import load_model

    load_model()
    admin = browser_page(new_context(bypass_csp=True))
    log_in(admin, editor.username)
    titles = [("titre", *typed["titre"]) for typed in typed_by_article.values()]
    ledger.check_page(admin, f"{base}/admin/pages/{section.pk}/", titles, wait_until="domcontentloaded")
    for index in (1, 6):  # script tags, then the attribute breakouts
        typed = typed_by_article[f"article-xss-{index}"]
        fields = shown(typed, *[label for label, _limit in SCALAR_FIELDS.values()], *[f"maj{n}" for n in GROUPS[index - 1]])
        ledger.check_page(admin, f"{base}/admin/pages/{articles[f'article-xss-{index}'].pk}/edit/", fields, wait_until="domcontentloaded")
    for model, objects in ((Entity, organisations), (Author, authors)):
        ledger.check_page(admin, f"{base}{reverse(model.snippet_viewset.get_url_name('list'))}", [], wait_until="domcontentloaded")
        for index in (1, 6):
            edit_url = reverse(model.snippet_viewset.get_url_name("edit"), args=[objects[index - 1].pk])
            ledger.check_page(
                admin,
                f"{base}{edit_url}",
                shown(objects[index - 1].typed, "entite", "auteur", "description", "bio"),
                wait_until="domcontentloaded",
            )

    desk = browser_page(new_context(bypass_csp=True))
    log_in(desk, sales.username)
    ledger.check_page(desk, f"{base}/admin/", [], wait_until="domcontentloaded")
    partner_list = reverse(Partner.snippet_viewset.get_url_name("list"))
    ledger.check_page(
        desk, f"{base}{partner_list}", [("partenaire", partner.name, [n]) for n, partner in enumerate(partners[:20], start=1)]
    )
    for number in (2, 31):
        partner = partners[number - 1]
        edit_url = reverse(Partner.snippet_viewset.get_url_name("edit"), args=[partner.pk])
        ledger.check_page(
            desk,
            f"{base}{edit_url}",
            [("partenaire", partner.name, [number]), ("note", partner.note, [number]), ("logo", partner.logo_alt, [number])],
        )
    ledger.check_page(
        desk, f"{base}{reverse('articles_sponsored_report')}", [("titre", *title) for title in newest], wait_until="domcontentloaded"
    )

    fields = {field for _number, field in ledger.combinations}
    print(f"\nstored in {stored - started:.0f} s, {ledger.pages} pages read in {time.monotonic() - stored:.0f} s")
    print(
        f"\nXSS catalogue: {len(PAYLOADS)} payloads; {len(ledger.combinations)} payload × field combinations "
        f"({len(fields)} fields) stored whole and checked, {ledger.checks} payload checks on pages; "
        f"executed: {len(ledger.executed)}; partner URLs refused by validation: {url_refused}/{len(PAYLOADS)}"
    )
    assert not ledger.failures, "\n".join(ledger.failures[:40])
    assert not ledger.executed


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def test_feed_titles_show_every_payload_as_typed(client, section):
    """The RSS feed, read as XML text: every payload (without control characters, see below) as typed."""
    titles = []
    for index, numbers in enumerate(GROUPS, start=1):
        title = CONTROL.sub("", pack("titre", numbers, 255)[0])
        factories.make_article(section=section, title=title, chapo=title, slug=f"flux-{index}")
        titles.append(title)

    response = client.get("/flux/rss/")

    assert response.status_code == 200
    items = ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 - our own feed
    assert {fold(item.findtext("title")) for item in items} == {fold(title) for title in titles}
    assert b"<script" not in response.content and b"<img" not in response.content


def test_feed_survives_a_control_character(client, section):
    factories.make_article(section=section, title="Saut de page \x0c et tabulation verticale \x0b", slug="controle")

    for feed in ("/flux/rss/", "/flux/atom/"):
        response = client.get(feed)
        assert response.status_code == 200
        # Parsed by a real XML parser, the control characters gone and the words kept.
        titles = [element.text for element in ET.fromstring(response.content).iter() if element.tag.endswith("title")]  # noqa: S314
        assert "Saut de page  et tabulation verticale " in titles


def test_a_symbol_only_tag_is_refused_in_french(client, editor, section, author, without_n_plus_one_detector):
    client.force_login(editor)
    data = article_form(author, slug="symboles", tags='"{{", "<>", "IA"')
    data["action-publish"] = "action-publish"

    response = client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)

    # Such a tag would have an empty slug: no page, no feed, broken links. Refused, nothing saved.
    assert response.status_code == 200
    assert response.context["form"].errors["tags"] == [
        "Un mot-clé doit contenir au moins une lettre ou un chiffre de l’alphabet latin\u00a0: «\u202f<>\u202f», «\u202f{{\u202f» ne peuvent pas servir."
    ]
    assert not ArticlePage.objects.filter(slug="symboles").exists()


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if ":" in p or "/" in p][:20])
def test_embed_block_refuses_payload_urls(payload, db):
    with pytest.raises(ValidationError):
        EmbedBlock().clean(EmbedValue(payload))


@pytest.mark.parametrize("payload", NUL_PAYLOADS)
def test_nul_characters_are_refused_in_french_by_the_editor(client, editor, section, author, payload, without_n_plus_one_detector):
    client.force_login(editor)
    data = article_form(author, title=f"Titre {payload}", slug="nul", chapo=f"Chapô {payload}")
    response = client.post(f"/admin/pages/add/articles/articlepage/{section.pk}/", data)
    assert response.status_code == 200
    refusal = ["Le caractère nul n’est pas autorisé."]
    assert response.context["form"].errors == {"title": refusal, "chapo": refusal}
    assert not ArticlePage.objects.filter(slug="nul").exists()
