"""The public search page, `/recherche/?q=…`: live, public articles only, ranked, highlighted.

On PostgreSQL the matching reads the stored, weighted vectors of `articles.search_index` (title A,
chapô B, body C; French, accent-insensitive `french_unaccent`): the GIN index finds the matches, only
the newest MAX_CANDIDATES of them are ranked. On SQLite (`make run`) Wagtail's FTS5 index does it
(accents ignored, no stemming). Excerpts mark the words PostgreSQL matched, found with the same
French Snowball stemmer (snowballstemmer). Entities named in the query (name or alias, as the mention
detector sees them) get a card above the results, and the articles linked to them join the results
even when their text never spells the alias (« Facebook » finds Meta's articles). The entity filter
(`entite=meta`) widens to the group with `groupe=tout`: the articles linked to Meta or to any of its
current subsidiaries (entities.groups), found in one query whatever the group's size.

The ranking mixes relevance and freshness in Python over at most MAX_CANDIDATES ids, so a page of
results costs the same number of queries and about the same time whatever the number of hits.
"""

import datetime
import functools
import html
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

import snowballstemmer

from articles.body_text import iter_body_texts
from articles.chrome import load_chrome
from articles.models import ArticleAuthor, ArticleEntity, ArticlePage
from articles.search_index import match_documents
from articles.selectors import paginate
from entities.groups import current_subsidiaries
from entities.mentions import find_mentions
from entities.models import Entity

MAX_QUERY_LENGTH = 200
# More words than this only narrow an AND query to nothing; the rest are dropped.
MAX_TERMS = 12
# A reader never pages this far; the cap keeps the ranking pass small and its cost bounded.
MAX_CANDIDATES = 500
# Freshness: an article loses half of its bonus every HALF_LIFE_DAYS.
RECENCY_WEIGHT = 0.3
HALF_LIFE_DAYS = 60
# Being linked to the entity the reader named counts as much as a strong text match.
ENTITY_WEIGHT = 0.6
EXCERPT_WORDS = 32

# Control and format characters (null bytes, bidi overrides, zero-width spaces…): PostgreSQL refuses
# some of them and none of them means anything in a query.
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")

# Words too common to mark in an excerpt (the French configuration ignores them when searching).
_STOP_WORDS = frozenset({"a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "il", "ils", "la", "le", "les", "leur", "l", "d", "j", "n", "s", "t", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "un", "une", "ou", "par", "pour", "pas", "plus", "est", "sont"})  # fmt: skip
# PostgreSQL's French Snowball stemmer, in Python: what it finds, the excerpt marks (« recrutement »
# marks « recruter »). Words are folded first, as `french_unaccent` does (unaccent, then stem).


@dataclass
class CleanQuery:
    """What the reader typed, made safe to search and to show."""

    text: str
    terms: list[str]
    truncated: bool


def clean_query(raw: str | None) -> CleanQuery:
    """Drop control characters, collapse spaces, keep MAX_QUERY_LENGTH characters, find the words."""
    raw = raw or ""
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in raw)
    text = _SPACES.sub(" ", text).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH]
        # Cut on a word boundary when there is one, so no half word is searched.
        if " " in text[MAX_QUERY_LENGTH // 2 :]:
            text = text.rsplit(" ", 1)[0]
        text = text.strip()
    # Only letters and digits reach the search backend: quotes, operators and FTS5 syntax never do.
    terms = _WORD.findall(text)[:MAX_TERMS]
    return CleanQuery(text=text, terms=terms, truncated=truncated)


# --- Highlighting -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Lower case without accents: « Sécurité » → « securite », « Œuvre » → « oeuvre »."""
    if word.isascii():
        return word.lower()
    word = word.casefold().replace("œ", "oe").replace("æ", "ae")
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


_HEAD = 3


class Highlighter:
    """Says whether a word of an article matches one of the query's words, accents and endings aside."""

    def __init__(self, terms: list[str]):
        # One stemmer per highlighter: a Snowball stemmer keeps state while it works.
        self._stemmer = snowballstemmer.stemmer("french")
        self._stems_of = {}
        folded = {_fold(term) for term in terms}
        self.exact = {term for term in folded if term and term not in _STOP_WORDS}
        self.stems = set(self._stemmer.stemWords(sorted(self.exact)))
        # The stemmer only rewrites endings: a word whose first letters start no stem cannot match,
        # and most words of an article are dismissed so, without running the (pure Python) stemmer.
        # (Its last letter may change too: « payer » → « pai ».)
        self._heads = {stem[: min(_HEAD, max(1, len(stem) - 1))] for stem in self.stems}
        self._head_lengths = sorted({len(head) for head in self._heads})
        # A page of results reads ten bodies of about a thousand words, most of them seen before.
        self._verdicts: dict[str, bool] = {}

    def matches(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._verdicts[word] = self._matches(word)
        return verdict

    def _matches(self, word: str) -> bool:
        folded = _fold(word)
        if folded in self.exact:
            return True
        if not any(folded[:length] in self._heads for length in self._head_lengths):
            return False
        if folded not in self._stems_of:
            self._stems_of[folded] = self._stemmer.stemWord(folded)
        return self._stems_of[folded] in self.stems

    def mark(self, text: str) -> SafeString:
        """The whole text, escaped, with every matching word in <mark>."""
        return self._render(text, list(_WORD.finditer(text)), 0, None)

    def excerpt(self, texts: Iterable[str]) -> SafeString | None:
        """About EXCERPT_WORDS words around the first match in `texts`, or None without any match."""
        for text in texts:
            # Up to the first match only: the words after it are read again just to be marked.
            first = next((index for index, word in enumerate(_WORD.finditer(text)) if self.matches(word.group())), None)
            if first is not None:
                words = list(_WORD.finditer(text))
                start = max(0, first - EXCERPT_WORDS // 3)
                end = min(len(words), start + EXCERPT_WORDS)
                return self._render(text, words, start, end)
        return None

    def _render(self, text, words, start, end) -> SafeString:
        if not words:
            return mark_safe(html.escape(text))  # noqa: S308 - escaped just now
        end = len(words) if end is None else end
        first = 0 if start == 0 else words[start].start()
        last = len(text) if end == len(words) else words[end - 1].end()
        parts = ["… "] if start > 0 else []
        position = first
        for word in words[start:end]:
            if self.matches(word.group()):
                parts.append(html.escape(text[position : word.start()]))
                parts.append(f"<mark>{html.escape(word.group())}</mark>")
                position = word.end()
        parts.append(html.escape(text[position:last]))
        if end < len(words):
            parts.append(" …")
        return mark_safe("".join(parts))  # noqa: S308 - every piece of text escaped above


def _body_texts(article: ArticlePage) -> Iterator[str]:
    """The chapô then the readable text of the body, in order: where an excerpt may come from."""
    yield article.chapo
    yield from iter_body_texts(article.body.raw_data)


# --- Filters ------------------------------------------------------------------------------------


@dataclass
class Filters:
    section: object = None
    entity: Entity | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    # `groupe=tout`: the entity's current subsidiaries count as the entity (see with_group).
    whole_group: bool = False
    group: list[Entity] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any((self.section, self.entity, self.date_from, self.date_to))

    @property
    def entity_ids(self) -> list[int]:
        """The entity filter's scope: the entity, and its current subsidiaries with `groupe=tout`."""
        if self.entity is None:
            return []
        return [self.entity.pk, *(member.pk for member in self.group)] if self.whole_group else [self.entity.pk]

    def with_group(self, groups: dict[int, list[Entity]]) -> str | None:
        """Take the entity's current subsidiaries from `groups` (entities.groups.current_subsidiaries);
        a French note when `groupe=tout` was asked of an entity without any."""
        if self.entity is None:
            self.whole_group = False
            return None
        self.group = groups.get(self.entity.pk, [])
        if self.whole_group and not self.group:
            self.whole_group = False
            return f"{self.entity.name} n’a pas de filiale aujourd’hui\u00a0: la recherche porte sur {self.entity.name} seulement."
        return None


# Dates outside this range are typing errors, and near the ends of Python's calendar they would
# overflow once converted to UTC or moved by a day.
DATE_RANGE = (datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,160}$")


def _parse_date(value: str | None) -> datetime.date | None:
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        parsed = datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if DATE_RANGE[0] <= parsed <= DATE_RANGE[1] else None


def read_filters(params, sections) -> tuple[Filters, list[str]]:
    """The filters of the query string, and a French note for each one we had to ignore or fix."""
    notes = []
    filters = Filters()
    section_slug = params.get("rubrique", "")
    if section_slug:
        filters.section = next((section for section in sections if section.slug == section_slug), None)
        if filters.section is None:
            notes.append("Cette rubrique n’existe pas : la recherche porte sur tout le site.")
    entity_slug = params.get("entite", "")
    if entity_slug:
        # A slug never holds a null byte, which PostgreSQL would refuse outright.
        filters.entity = Entity.objects.filter(live=True, slug=entity_slug).first() if _SLUG.match(entity_slug) else None
        if filters.entity is None:
            notes.append("Cette entité est inconnue : le filtre a été ignoré.")
        # Checked against the group once its subsidiaries are known (Filters.with_group).
        filters.whole_group = filters.entity is not None and params.get("groupe", "") == "tout"
    for name, label in (("du", "de début"), ("au", "de fin")):
        value = params.get(name, "")
        parsed = _parse_date(value)
        if value and parsed is None:
            notes.append(f"La date {label} n’est pas valide (format attendu : AAAA-MM-JJ) : elle a été ignorée.")
        setattr(filters, "date_from" if name == "du" else "date_to", parsed)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        filters.date_from, filters.date_to = filters.date_to, filters.date_from
        notes.append("Les dates étaient inversées : nous les avons remises dans l’ordre.")
    return filters, notes


def _date_bounds(filters: Filters) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """The filters' dates as [start, end) instants in the site's time zone."""
    start = end = None
    if filters.date_from:
        start = timezone.make_aware(datetime.datetime.combine(filters.date_from, datetime.time.min))
    if filters.date_to:
        end = timezone.make_aware(datetime.datetime.combine(filters.date_to + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def _filtered_articles(filters: Filters):
    """Live, public articles narrowed by the filters, only with fields Wagtail's search accepts."""
    articles = ArticlePage.objects.live().public()
    if filters.section is not None:
        articles = articles.descendant_of(filters.section)
    start, end = _date_bounds(filters)
    if start:
        articles = articles.filter(first_published_at__gte=start)
    if end:
        articles = articles.filter(first_published_at__lt=end)
    if filters.entity is not None:
        # A subquery on the primary key: Wagtail's search only filters on declared FilterFields.
        articles = articles.filter(pk__in=ArticleEntity.objects.filter(entity_id__in=filters.entity_ids).values("article_id"))
    # Only what the ranking needs: the bodies stay in the database until the page of results.
    return articles.only("first_published_at")


# --- Ranking ------------------------------------------------------------------------------------


def _text_scores(filters: Filters, terms: list[str], *, about=()) -> dict[int, tuple[float, datetime.datetime]]:
    """Ids of the articles matching every term (and linked to one of the `about` entities, if
    given), at most MAX_CANDIDATES of them, with their relevance scaled to 0..1."""
    if connection.vendor == "postgresql":
        # The stored weighted vectors: the newest MAX_CANDIDATES matches, ranked (search_index).
        start, end = _date_bounds(filters)
        rows = match_documents(
            text=" ".join(terms),
            limit=MAX_CANDIDATES,
            published_from=start,
            published_before=end,
            entity_sets=[ids for ids in (filters.entity_ids, list(about)) if ids],
            section_path=filters.section.path if filters.section is not None else None,
        )
    else:
        # SQLite: Wagtail's FTS5 index; bm25() is negative, better when lower.
        articles = _filtered_articles(filters)
        if about:
            articles = articles.filter(pk__in=ArticleEntity.objects.filter(entity_id__in=about).values("article_id"))
        found = articles.search(" ".join(terms), operator="and").annotate_score("search_score")[:MAX_CANDIDATES]
        rows = [(article.pk, -(article.search_score or 0.0), article.first_published_at) for article in found]
    raw = [max(0.0, score or 0.0) for _pk, score, _published in rows]
    best = max(raw, default=0.0)
    scores = {}
    for position, ((pk, _score, published), score) in enumerate(zip(rows, raw, strict=True)):
        # Without usable scores (fallback backend), the backend's order still says something.
        relevance = score / best if best > 0 else 1 / (1 + position)
        scores[pk] = (relevance, published)
    return scores


def rank_articles(*, filters: Filters, terms: list[str], entity_ids: list[int], remainder: list[str]) -> tuple[list[int], bool]:
    """Ids of the matching articles, best first, and whether the candidate cap was reached."""
    text = _text_scores(filters, terms)
    linked = {}
    if entity_ids:
        if remainder:
            # « Meta lunettes »: Meta's articles that also speak of glasses, not all of Meta's.
            linked = _text_scores(filters, remainder, about=entity_ids)
        else:
            about = _filtered_articles(filters).filter(pk__in=ArticleEntity.objects.filter(entity_id__in=entity_ids).values("article_id"))
            linked = {article.pk: (1.0, article.first_published_at) for article in about.order_by("-first_published_at")[:MAX_CANDIDATES]}
    now = timezone.now()
    ranked = []
    for pk in text.keys() | linked.keys():
        published = (text.get(pk) or linked[pk])[1]
        score = text[pk][0] if pk in text else 0.0
        if pk in linked:
            score += ENTITY_WEIGHT
        age_days = max(0.0, (now - published).total_seconds() / 86400) if published else math.inf
        score += RECENCY_WEIGHT * 0.5 ** (age_days / HALF_LIFE_DAYS)
        ranked.append((-score, -(published.timestamp() if published else 0), -pk))
    ranked.sort()
    capped = len(text) >= MAX_CANDIDATES or len(linked) >= MAX_CANDIDATES
    return [-pk for _score, _date, pk in ranked], capped


def named_entities(query_text: str) -> tuple[list[Entity], list[str]]:
    """Live entities named in the query (name or alias), and the query's words outside those names."""
    mentions = find_mentions(query_text)
    if not mentions:
        return [], _WORD.findall(query_text)[:MAX_TERMS]
    order = list(dict.fromkeys(mention.entity.pk for mention in mentions))
    # The detector's entities carry only their names: one query for what a card shows.
    by_id = Entity.objects.filter(live=True, pk__in=order).select_related("image").in_bulk()
    remainder_text = query_text
    for mention in reversed(mentions):
        remainder_text = remainder_text[: mention.start] + " " + remainder_text[mention.end :]
    return [by_id[pk] for pk in order if pk in by_id], _WORD.findall(remainder_text)[:MAX_TERMS]


# --- View ---------------------------------------------------------------------------------------


@dataclass
class Result:
    article: ArticlePage
    section: object
    title_html: SafeString
    excerpt_html: SafeString


def _results_page(ids: list[int], page_number, highlighter: Highlighter, chrome):
    page = paginate(ids, page_number)
    if not page.object_list:
        return page
    # Ids already filtered for live and public pages. The body is needed for the excerpts; the hero
    # image is not (results are text only), so teaser_queryset's image prefetches would be wasted.
    by_id = (
        ArticlePage.objects.select_related("sponsor")
        .prefetch_related(Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")))
        .in_bulk(list(page.object_list))
    )
    results = []
    for pk in page.object_list:
        article = by_id.get(pk)
        if article is None:
            continue
        excerpt = highlighter.excerpt(_body_texts(article)) or highlighter.mark(article.chapo)
        results.append(Result(article, chrome.section_of(article), highlighter.mark(article.title), excerpt))
    page.object_list = results
    return page


def _count_label(count: int, capped: bool) -> str:
    if capped:
        return f"Plus de {MAX_CANDIDATES:,} résultats".replace(",", "\u202f")
    if count == 0:
        return "Aucun résultat"
    return "1 résultat" if count == 1 else f"{count:,} résultats".replace(",", "\u202f")


@require_safe
def search_view(request):
    """`/recherche/?q=…&rubrique=…&du=…&au=…&entite=…&page=…`: never an error, whatever is typed."""
    query = clean_query(request.GET.get("q"))
    chrome = load_chrome(request)
    filters, notes = read_filters(request.GET, chrome.sections)
    context = {
        "query": query.text,
        # The header's search field (base.html) shows the query too.
        "search_query": query.text,
        "truncated": query.truncated,
        "max_length": MAX_QUERY_LENGTH,
        "filters": filters,
        "notes": notes,
        "sections": chrome.sections,
        "entity_cards": [],
        "results": None,
        "count_label": "",
        "state": "empty",
    }
    entities, remainder = named_entities(query.text) if query.terms else ([], [])
    # One query for every group the page may offer: the filtered entity's and each card's.
    groups = current_subsidiaries([*filters.entity_ids[:1], *(entity.pk for entity in entities)])
    note = filters.with_group(groups)
    if note:
        notes.append(note)
    for entity in entities:
        entity.current_subsidiaries = groups.get(entity.pk, [])
    if query.text and not query.terms:
        context["state"] = "garbage"
    elif query.terms:
        linked_ids = [entity.pk for entity in entities]
        if filters.whole_group and filters.entity.pk in linked_ids:
            # « Meta » typed with the whole group asked for: the group's articles are Meta's too.
            linked_ids += [member.pk for member in filters.group]
        ids, capped = rank_articles(filters=filters, terms=query.terms, entity_ids=linked_ids, remainder=remainder)
        context.update(
            state="results" if ids else "no_results",
            entity_cards=entities,
            results=_results_page(ids, request.GET.get("page"), Highlighter(query.terms), chrome),
            count_label=_count_label(len(ids), capped),
        )
    params = {key: value for key, value in (
        ("q", query.text),
        ("rubrique", filters.section.slug if filters.section else ""),
        ("entite", filters.entity.slug if filters.entity else ""),
        ("groupe", "tout" if filters.whole_group else ""),
        ("du", filters.date_from.isoformat() if filters.date_from else ""),
        ("au", filters.date_to.isoformat() if filters.date_to else ""),
    ) if value}  # fmt: skip
    context["querystring"] = urlencode(params)
    context["querystring_without_entity"] = urlencode({key: value for key, value in params.items() if key not in ("entite", "groupe")})
    # The two scopes of the entity filter: the entity alone, or with its current subsidiaries.
    context["querystring_entity_only"] = urlencode({key: value for key, value in params.items() if key != "groupe"})
    context["querystring_whole_group"] = urlencode({**params, "groupe": "tout"})
    return render(request, "articles/search_page.html", context)
