"""Garbage in, never a 500: property-based requests against the public URLs.

Hypothesis throws random bytes and oversized strings at paths, query strings (search, pagination,
filters), feeds and sitemaps, hostile conditional and content-negotiation headers, and odd HTTP
methods. Every answer must be a client error, a redirect or a page: never a server error. The
number of examples is capped so that the file stays well under 40 seconds.
"""

from urllib.parse import quote, urlencode

from django.test import Client

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from zeal import zeal_context, zeal_ignore

from demo import factories

pytestmark = pytest.mark.django_db

# Function-scoped fixtures hold the site: Hypothesis reuses it across examples, on purpose.
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Search and listings render whole pages: fewer examples, one URL each.
SLOW = settings(FAST, max_examples=25)
LISTINGS = ["/recherche/", "/", "/business/", "/tags/ia-generative/", "/auteurs/claire-dubreuil/", "/entites/"]

PUBLIC_URLS = [
    "/",
    "/business/",
    "/business/une-levee-record/",
    "/auteurs/claire-dubreuil/",
    "/tags/ia-generative/",
    "/entites/",
    "/entites/mistral-ai/",
    "/recherche/",
    "/flux/rss/",
    "/flux/atom/",
    "/flux/rubrique/business/rss/",
    "/flux/tag/ia-generative/atom/",
    "/flux/auteur/claire-dubreuil/rss/",
    "/flux/entite/mistral-ai/rss/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/robots.txt",
    "/health/",
]
# Raw bytes, including NUL, controls, invalid UTF-8 and the UTF-8 encoding of lone surrogates.
raw_bytes = st.binary(max_size=300) | st.sampled_from([b"\x00", b"\xed\xa0\x80", b"\xff\xfe", b"%00", b"../" * 40])
any_text = st.text(max_size=200) | st.sampled_from(["\x00", "\ud800", "é" * 50_000, "-1", "0", "9" * 400, "1e309", "NaN"])


WAGTAIL_REDIRECT_LOOKUPS = [{"model": "wagtailredirects.Redirect", "field": "get()"}]


class OneRequestAtATime(Client):
    """A client whose every request gets its own N+1 detection context, as a server gives it.

    The suite's detector spans a whole test; Hypothesis sends hundreds of requests in one test,
    and the same 404 lookup repeated across requests is not an N+1. Within one request, Wagtail's
    redirect middleware looks a 404 up twice (with and without its query string): two queries,
    not N, in third-party code, so allowed.
    """

    def request(self, **request):
        """Send the request inside a fresh detection context."""
        with zeal_context(), zeal_ignore(WAGTAIL_REDIRECT_LOOKUPS):
            return super().request(**request)


@pytest.fixture
def site(home):
    """A small public site: a rubrique, an article with author, tags and an entity."""
    section = factories.make_section(title="Business", home=home)
    section.slug = "business"
    section.save_revision().publish()
    author = factories.make_author(name="Claire Dubreuil", slug="claire-dubreuil")
    entity = factories.make_entity(name="Mistral AI", slug="mistral-ai")
    factories.make_article(
        section=section, title="Une levée record", slug="une-levee-record", authors=[author], tags=["IA générative"], entities=[entity]
    )
    return OneRequestAtATime(raise_request_exception=False, enforce_csrf_checks=True)


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what!r}"


def as_query_value(value) -> str:
    """Bytes percent-encoded as they would travel; text as a browser would encode it."""
    if isinstance(value, bytes):
        return quote(value, safe="")
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@FAST
@given(tail=raw_bytes, prefix=st.sampled_from(PUBLIC_URLS))
@example(tail=b"a" * 20_000, prefix="/")
@example(tail=b"%2e%2e/%2e%2e/etc/passwd", prefix="/media/")
@example(tail=b"\x00", prefix="/tags/")
def test_random_paths(site, tail, prefix):
    path = prefix + quote(tail, safe="/")
    assert_no_server_error(site.get(path), path)


@SLOW
@given(
    path=st.sampled_from(LISTINGS),
    q=raw_bytes | any_text,
    page=any_text,
    extra=st.lists(
        st.tuples(st.sampled_from(["q", "page", "rubrique", "entite", "du", "au", "type", "lettre", "p"]), any_text), max_size=6
    ),
)
@example(path="/recherche/", q=b"\x00", page="-1", extra=[("du", "2026-02-30"), ("au", "0000-00-00")])
@example(path="/recherche/", q="\ud800\udfff", page="9" * 400, extra=[("rubrique", "\x00"), ("entite", "\x00")])
@example(path="/recherche/", q="a" * 100_000, page="abc", extra=[("q", "deuxième"), ("q", "troisième")])
@example(path="/recherche/", q="mistral", page="2", extra=[("du", "9999-12-31"), ("au", "0001-01-01")])
@example(path="/entites/", q="", page="-1", extra=[("type", "\x00"), ("lettre", "ZZ")])
@example(path="/", q="", page="99999999999999999999", extra=[])
@example(path="/business/", q="", page="1e309", extra=[("page", "2")])
def test_query_strings_on_search_and_listings(site, path, q, page, extra):
    query = "&".join(
        [f"q={as_query_value(q)}", f"page={as_query_value(page)}"] + [f"{name}={as_query_value(value)}" for name, value in extra]
    )
    assert_no_server_error(site.get(f"{path}?{query}"), f"{path}?{query[:200]}")


@SLOW
@given(slug=raw_bytes | any_text, kind=st.sampled_from(["rubrique", "tag", "auteur", "entite", "", "??"]), fmt=any_text)
def test_feed_urls(site, slug, kind, fmt):
    slug_part = as_query_value(slug) if slug else "x"
    for path in (
        f"/flux/{kind}/{slug_part}/rss/",
        f"/flux/{kind}/{slug_part}/{as_query_value(fmt)}/",
        f"/flux/rss/?page={as_query_value(fmt)}",
    ):
        assert_no_server_error(site.get(path), path)


@SLOW
@given(section=raw_bytes | any_text, page=any_text)
@example(section="articles", page="-1")
@example(section="articles", page="99999999999999999999")
@example(section="news", page="\x00")
def test_sitemap_urls(site, section, page):
    for path in (
        f"/sitemap-{as_query_value(section)}.xml",
        f"/sitemap.xml?p={as_query_value(page)}",
        f"/sitemap-articles.xml?p={as_query_value(page)}",
    ):
        assert_no_server_error(site.get(path), path)


header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=300) | st.sampled_from(
    ["*", '"', 'W/"', "*/*;q=abc", "text/html;q=-1", "Mon, 99 Foo 2026 99:99:99 GMT", "0", "-1", "x" * 8000, '"' * 500]
)


@FAST
@given(
    accept=header_text,
    if_none_match=header_text,
    if_modified_since=header_text,
    accept_language=header_text,
    cookie=header_text,
    path=st.sampled_from(PUBLIC_URLS),
)
def test_garbage_headers(site, accept, if_none_match, if_modified_since, accept_language, cookie, path):
    headers = {
        "Accept": accept,
        "If-None-Match": if_none_match,
        "If-Modified-Since": if_modified_since,
        "Accept-Language": accept_language,
        "Range": accept,
        "Cookie": cookie,
        "X-Request-ID": if_none_match,
    }
    assert_no_server_error(site.get(path, headers=headers), (path, headers))


@FAST
@given(
    method=st.sampled_from(["HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "CONNECT", "BREW", "get"]),
    path=st.sampled_from(PUBLIC_URLS),
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json", "text/plain", "\x00"]
    ),
)
def test_odd_methods(site, method, path, body, content_type):
    response = site.generic(method, path, data=body, content_type=content_type)
    assert_no_server_error(response, (method, path))


def test_a_huge_post_form_is_refused_politely(site):
    fields = urlencode([("q", "x")] * 20_000)

    response = site.post("/recherche/", data=fields, content_type="application/x-www-form-urlencoded")

    assert response.status_code in {400, 403, 405}


def test_a_disallowed_host_is_a_400(site):
    assert site.get("/", headers={"Host": "evil.example\x00.com"}).status_code == 400
