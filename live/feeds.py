"""The Atom feed of a live page's updates (its own, beside the site's article feeds)."""

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from wagtail.rich_text import expand_db_html

from live.selectors import FEED_UPDATES, visible_updates
from live.structured_data import update_headline
from newsroom.dates import machine_datetime


def live_feed(request, page) -> HttpResponse:
    """The newest updates, « important » ones flagged in their title, as Atom."""
    base_url = f"{request.scheme}://{request.get_host()}"
    page_url = base_url + page.url
    feed = Atom1Feed(
        title=f"{page.title} — en direct",
        link=page_url,
        description=strip_tags(page.chapo),
        language="fr",
        feed_url=base_url + request.path,
        subtitle=strip_tags(page.chapo),
    )
    for update in visible_updates(page, limit=FEED_UPDATES):
        headline = update_headline(update)
        feed.add_item(
            title=f"Important : {headline}" if update.important else headline,
            link=f"{page_url}#{update.anchor}",
            unique_id=f"{page_url}#{update.anchor}",
            description=expand_db_html(update.body),
            author_name=update.author_name,
            pubdate=machine_datetime(update.posted_at),
            updateddate=machine_datetime(update.corrected_at or update.posted_at),
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
