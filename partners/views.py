"""The click redirect: count one click, then send the reader to the partner's saved address."""

import re

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partners.click_guard import RATE_WINDOW_SECONDS, click_is_first_today, click_rate_exceeded
from partners.models import Partner, Placement
from partners.services import click_record

# Obvious robots only: crawlers, link previewers and HTTP libraries announce themselves. An empty
# User-Agent is a script too. Humans with unusual browsers are still counted.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|curl|wget|python-requests|python-urllib|httpx|"
    r"aiohttp|go-http-client|java/|okhttp|libwww|headless|lighthouse|pingdom|uptime|monitor|scrapy|feedfetcher",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


@never_cache
@require_GET
def partner_click(request, partner_id: int, placement: str):
    """Redirect to the partner's own URL, whatever the query string: there is no `next` to bend.

    Nothing about the reader is stored, only a counter per partner, placement and day; a visitor
    counts once per partner, placement and day (partners/click_guard.py), and an address that
    clicks too fast gets a 429 before any query.
    """
    if click_rate_exceeded(request):
        response = HttpResponse(
            "Trop de clics depuis votre adresse\u00a0: réessayez dans une minute.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
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
