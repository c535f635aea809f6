"""Public endpoints: the click redirect, and the impression count sent by the partner block's script."""

import re

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from partners.click_guard import (
    RATE_WINDOW_SECONDS,
    click_is_first_today,
    click_rate_exceeded,
    impression_is_first_today,
    impression_rate_exceeded,
)
from partners.models import Partner, Placement
from partners.services import click_record, impressions_record

# Obvious robots only: crawlers, link previewers and HTTP libraries announce themselves. An empty
# User-Agent is a script too. Humans with unusual browsers are still counted.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|curl|wget|python-requests|python-urllib|httpx|"
    r"aiohttp|go-http-client|java/|okhttp|libwww|headless|lighthouse|pingdom|uptime|monitor|scrapy|feedfetcher",
    re.IGNORECASE,
)
# A block shows a few dozen logos at most: a longer list is not from our script.
MAX_PARTNERS_PER_IMPRESSION = 60


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def too_many_requests() -> HttpResponse:
    response = HttpResponse(
        "Trop de requêtes depuis votre adresse\u00a0: réessayez dans une minute.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


@never_cache
@require_GET
def partner_click(request, partner_id: int, placement: str):
    """Redirect to the partner's own URL, whatever the query string: there is no `next` to bend.

    Nothing about the reader is stored, only a counter per partner, placement and day; a visitor
    counts once per partner, placement and day (partners/click_guard.py), and an address that
    clicks too fast gets a 429 before any query.
    """
    if click_rate_exceeded(request):
        return too_many_requests()
    if placement not in Placement.values:
        raise Http404("Emplacement inconnu.")
    partner = get_object_or_404(Partner.objects.only("pk", "url", "archived"), pk=partner_id, archived=False)
    if not is_bot(request.headers.get("User-Agent", "")) and click_is_first_today(request, partner_id=partner.pk, placement=placement):
        click_record(partner=partner, placement=placement)
    response = HttpResponseRedirect(partner.url)
    # The partner learns the reader came from us, not from which page.
    response["Referrer-Policy"] = "origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# No CSRF token: the request changes nothing but a counter, carries no cookie (the script sends
# none) and a cached page could not hold a per-reader token anyway.
@csrf_exempt
@never_cache
@require_POST
def partner_impressions(request, placement: str):
    """Count that the logos of `?p=1.2.3` were shown in `placement`: 204, no body, nothing about the reader kept.

    Sent by static/js/partner-impressions.js when a block comes into view, so the cached page
    stays cached. Robots are ignored, a visitor counts once per partner, placement and day, and
    only active partners count (one query); all of it in at most two queries.
    """
    if impression_rate_exceeded(request):
        return too_many_requests()
    try:
        ids = {int(value) for value in request.GET.get("p", "").split(".") if value}
    except ValueError:
        ids = set()
    # A bad request, not a missing page (a 404 would also send Wagtail looking for a redirect).
    if placement not in Placement.values or not ids or len(ids) > MAX_PARTNERS_PER_IMPRESSION:
        return HttpResponse("Emplacement ou liste de partenaires illisible.", status=400, content_type="text/plain; charset=utf-8")
    if not is_bot(request.headers.get("User-Agent", "")):
        shown = Partner.objects.active().filter(pk__in=ids)
        if placement not in (Placement.SECTION, Placement.CONTENT, Placement.SPONSORSHIP):  # those depend on the page: any active partner
            shown = shown.for_placement(placement)
        fresh = [
            pk
            for pk in sorted(shown.values_list("pk", flat=True))
            if impression_is_first_today(request, partner_id=pk, placement=placement)
        ]
        impressions_record(partner_ids=fresh, placement=placement)
    response = HttpResponse(status=204)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
