"""Counting reads without cookies or personal data (the CNIL's audience-measurement exemption).

A read is a `POST /audience/vu/<id>/` sent by `static/js/audience.js` once the article is shown:
the page itself stays in the page cache and at the edge, and the beacon is a tiny request that
is never cached. Robots are ignored twice: most never run the script, and a User-Agent that says
it is one is not counted. A reader counts once per article and Paris day, known only by a keyed
hash of address and User-Agent under the day’s random salt (newsroom.visitor_hash), held in the
shared cache until midnight and never written to the database.
"""

import datetime
import re

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string

from audience.models import ArticleReadCount
from audience.selectors import most_read, public_articles
from newsroom.visitor_hash import first_visit_today
from partners.models import paris_today

ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|fetch|monitor|headless|curl|wget|python|java/|httpclient|lighthouse", re.IGNORECASE)
SEEN_PREFIX = "audience:read-seen"
BOX_KEY = "audience:most-read-box"


def is_robot(request) -> bool:
    """Whether the request says it comes from a robot (or says nothing at all)."""
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(ROBOTS.search(agent))


def count_read(request, *, article_id: int) -> bool:
    """Count one read of a live, public article, once per reader and day; True when counted."""
    if is_robot(request):
        return False
    if not first_visit_today(request, "read", str(article_id), prefix=SEEN_PREFIX):
        return False
    if not public_articles().filter(pk=article_id).exists():
        return False
    day = paris_today()
    if ArticleReadCount.objects.filter(article_id=article_id, day=day).update(views=F("views") + 1):
        return True
    try:
        with transaction.atomic():
            ArticleReadCount.objects.create(article_id=article_id, day=day, views=1)
    except IntegrityError:  # another process created the row first
        ArticleReadCount.objects.filter(article_id=article_id, day=day).update(views=F("views") + 1)
    return True


def most_read_box() -> str:
    """The « Les plus lus » box (last 24 hours and 7 days), rendered at most every few minutes.

    Kept whole in the shared cache, so every process serves the same box and a reader's request
    costs no query while it lives.
    """
    html = cache.get(BOX_KEY)
    if html is None:
        today = paris_today()
        context = {"day": most_read(since=today - datetime.timedelta(days=1)), "week": most_read(since=today - datetime.timedelta(days=6))}
        html = render_to_string("audience/most_read_box.html", context)
        cache.set(BOX_KEY, html, timeout=settings.NEWSROOM_MOST_READ_TTL)
    return html
