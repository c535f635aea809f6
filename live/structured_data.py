"""`LiveBlogPosting` JSON-LD: the coverage times and the newest updates as `liveBlogUpdate`."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

from newsroom.dates import iso_datetime

HEADLINE_CHARS = 110


def update_headline(update) -> str:
    """The update's text as a one-line headline (search engines cut at about 110 characters)."""
    text = " ".join(strip_tags(update.body).split())
    return Truncator(text).chars(HEADLINE_CHARS)


def live_json_ld(*, page, base_url: str, site_name: str, updates, authors, image_url: str | None = None) -> dict:
    """A LiveBlogPosting node for `page` with `updates` (newest first) as BlogPosting items."""
    url = base_url + page.url
    node = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": page.title,
        "description": strip_tags(page.chapo),
        "url": url,
        "inLanguage": "fr",
        "datePublished": iso_datetime(page.published_at),
        "dateModified": iso_datetime(max([page.last_published_at or page.published_at, *(u.corrected_at or u.posted_at for u in updates)])),
        "coverageStartTime": iso_datetime(page.starts_at),
        "author": [{"@type": "Person", "name": author.name, "url": base_url + f"/auteurs/{author.slug}/"} for author in authors],
        "publisher": {"@type": "Organization", "name": site_name, "url": base_url + "/"},
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": update_headline(update),
                "url": f"{url}#{update.anchor}",
                "datePublished": iso_datetime(update.posted_at),
                **({"dateModified": iso_datetime(update.corrected_at)} if update.corrected_at else {}),
                "author": {"@type": "Person", "name": update.author_name},
                "articleBody": " ".join(strip_tags(update.body).split()),
            }
            for update in updates
        ],
    }
    if page.ends_at:
        node["coverageEndTime"] = iso_datetime(page.ends_at)
    if image_url:
        node["image"] = [base_url + image_url]
    return node
