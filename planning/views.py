"""The private calendar feed: `/planning/agenda/<token>.ics`, for calendar apps (no login)."""

from django.http import Http404, HttpResponse

from planning import selectors, services
from planning.ics import calendar_bytes


def calendar_feed_view(request, token):
    """A person's assignments, or the whole desk's plan and events; 404 once revoked or forged."""
    feed = services.feed_for_token(token)
    if feed is None:
        raise Http404("Agenda inconnu ou révoqué.")
    if feed.user_id:
        name = f"Planning de {feed.user.get_full_name() or feed.user.username}"
        stories, events = selectors.stories_for_feed(user=feed.user), selectors.events_for_feed()
    else:
        name = "Planning de la rédaction"
        stories, events = selectors.stories_for_feed(), selectors.events_for_feed()
    body = calendar_bytes(name=name, stories=stories, events=events, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="planning.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
