"""Issue 18, finding 5 and the memory bound: what the cache key ignores, the page never sees; a path
keeps a bounded number of query variants; Varnish strips the same campaign tags as the app."""

import re
from pathlib import Path

import pytest

from demo import factories
from newsroom.page_cache import TRACKING_PARAMS, TRACKING_PREFIX, is_tracking_param, normalised_query

pytestmark = pytest.mark.django_db

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "newsroom.vcl"


@pytest.fixture
def tag_page(section):
    factories.make_article(section=section, title="Bruxelles et l'IA", tags=["Europe"])
    return "/tags/europe/"


def test_a_poisoned_query_never_reaches_the_stored_page(client, tag_page):
    poisoned = client.get(tag_page + '?utm_source="><x>POISON&fbclid=1&UTM_Medium=z&gclid')
    assert poisoned.status_code == 200
    assert poisoned["X-Cache"] == "MISS"
    # Rendered as if the reader had asked for the plain page: the canonical link is the page's own.
    assert b"POISON" not in poisoned.content
    assert b"utm_" not in poisoned.content.lower()
    assert b"fbclid" not in poisoned.content
    plain = client.get(tag_page)
    assert plain["X-Cache"] == "HIT"
    assert plain.content == poisoned.content
    assert b'<link rel="canonical" href="http://testserver/tags/europe/">' in plain.content


def test_the_view_sees_the_parameters_it_reads_in_key_order(client, tag_page):
    first = client.get(tag_page + "?page=1&utm_campaign=lettre")
    assert first.status_code == 200
    assert b"utm_campaign" not in first.content
    assert client.get(tag_page + "?page=1")["X-Cache"] == "HIT"


def test_campaign_tags_are_recognised_in_any_case_and_without_a_value():
    assert normalised_query("b=2&UTM_Source=x&a=1&FbClId&utm_1=y&xtor=SEC-1") == "a=1&b=2"
    assert all(is_tracking_param(name) for name in ("utm_", "Utm_Content", "_GA", "MSCLKID"))
    assert not any(is_tracking_param(name) for name in ("page", "q", "utm", "fbclid2", "outm_x"))


def test_a_path_keeps_a_bounded_number_of_query_variants(client, tag_page, settings):
    settings.NEWSROOM_PAGE_CACHE_MAX_VARIANTS = 3
    answers = [client.get(f"{tag_page}?x={number}") for number in range(6)]
    assert [answer["X-Cache"] for answer in answers] == ["MISS"] * 3 + ["PASS"] * 3
    assert all(answer.status_code == 200 for answer in answers)
    # Past the cap, answers are not kept by the edge either.
    assert "s-maxage=0" in answers[-1]["Cache-Control"]
    assert [client.get(f"{tag_page}?x={number}")["X-Cache"] for number in range(4)] == ["HIT"] * 3 + ["PASS"]
    # The page itself (no query) is always kept, and a purge starts the count again.
    assert client.get(tag_page)["X-Cache"] == "MISS"
    assert client.get(tag_page)["X-Cache"] == "HIT"
    from newsroom.cache_purge import purge_paths

    purge_paths([tag_page])
    assert client.get(f"{tag_page}?x=5")["X-Cache"] == "MISS"


def test_varnish_strips_exactly_the_app_campaign_tags():
    vcl = VCL.read_text()
    patterns = set(re.findall(r'"\(\?i\)[^"]*?\((utm_\[\^=&\]\*(?:\|[a-z_]+)+)\)', vcl))
    assert patterns, "the VCL no longer names the campaign tags where this test expects them"
    for pattern in patterns:
        names = pattern.split("|")
        assert names[0] == TRACKING_PREFIX + "[^=&]*"
        assert set(names[1:]) == TRACKING_PARAMS
