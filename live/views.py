"""Public routes of a live page outside the page tree: its fragment of updates and its feed.

`/direct/<id>/maj/?depuis=N` is what static/js/live.js fetches: the updates changed since the
reader's last look. `/direct/<id>/flux/` is the Atom feed. Both are the same for every reader at
the same point, so they are page-cached (purged on each post) and revalidated by ETag (304).
A direct URL by id costs one query, where a route under the page would walk the tree.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from live.feeds import live_feed
from live.models import LivePage
from live.selectors import updates_since
from newsroom.restrictions import public_pages


def _since(request) -> int:
    value = request.GET.get("depuis", "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


def _live_page(page_id: int) -> LivePage:
    """The live, public live page, or 404 (a private or unpublished one is never shown here)."""
    page = public_pages(LivePage.objects.live()).filter(pk=page_id).first()
    if page is None:
        raise Http404("Direct introuvable")
    return page


@require_GET
def updates_fragment(request, page_id: int):
    """`<ol>` of the updates with a change number above `?depuis=N`, the page's current number and
    state in data attributes."""
    page = _live_page(page_id)
    since = _since(request)
    context = {"page": page, "updates": updates_since(page, since), "since": since}
    return TemplateResponse(request, "live/updates_fragment.html", context)


@require_GET
def updates_feed(request, page_id: int):
    """The newest updates of a live page as Atom."""
    return live_feed(request, _live_page(page_id))
