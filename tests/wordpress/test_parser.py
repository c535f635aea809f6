"""The WXR reader streams: memory does not grow with the export, and oversized text is refused."""

import tracemalloc

import pytest

from tests.wordpress.wxr import Post, write_export
from wordpress.parser import WXRError, WXRReader


def test_reading_a_large_export_keeps_memory_bounded(tmp_path):
    body = "<p>" + "Les laboratoires se disputent les chercheurs. " * 40 + "</p>"
    path = write_export(tmp_path, [Post(number, f"Article {number}", content=body) for number in range(1, 3001)])
    size = path.stat().st_size
    assert size > 6_000_000

    tracemalloc.start()
    try:
        count = sum(1 for _item in WXRReader(path).items())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 3000
    # One item (a few KiB), the 64 KiB read buffer and the parser: far below the file's size.
    print(f"export {size / 1e6:.1f} MB, peak traced memory while reading {peak / 1e6:.2f} MB")
    assert peak < size / 10


def test_items_carry_their_fields_and_the_channel_its_site(tmp_path):
    path = write_export(tmp_path, [Post(7, "L'IA &amp; nous", slug="l-ia", tags=[("ia", "IA")])], version="1.1")
    reader = WXRReader(path)
    (item,) = list(reader.items())
    assert (reader.channel.version, reader.channel.site_url) == ("1.1", "https://ancien-blog.exemple.fr")
    assert reader.channel.authors["claire"]["author_display_name"] == "Claire Dubreuil"
    assert reader.channel.category_ids["3"] == "business"
    assert (item.wp_id, item.title, item.slug, item.status, item.post_type) == (7, "L'IA & nous", "l-ia", "publish", "post")
    assert item.modified_gmt == ""  # WXR 1.1 has no modification date
    assert ("post_tag", "ia", "IA") in item.terms


def test_a_text_node_over_the_limit_is_refused_while_it_grows(tmp_path, monkeypatch):
    monkeypatch.setattr("wordpress.parser.MAX_TEXT", 10_000)
    path = write_export(tmp_path, [Post(1, "Énorme", content="a" * 50_000)])
    with pytest.raises(WXRError, match="un texte dépasse"):
        list(WXRReader(path).items())
