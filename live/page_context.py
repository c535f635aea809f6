"""The context of a live page: its updates, bylines, JSON-LD and the refresh settings of live.js."""

from django.conf import settings

from live.selectors import JSON_LD_UPDATES, live_detail
from live.structured_data import live_json_ld
from newsroom.models import SiteIdentity


def live_page_context(*, page, request) -> dict:
    """Everything the template shows beyond the page's own fields, in a fixed number of queries."""
    context = live_detail(page)
    base_url = f"{request.scheme}://{request.get_host()}"
    hero = page.hero_image.get_rendition("fill-1200x630") if page.hero_image else None
    context["hero_social"] = hero
    context["json_ld"] = live_json_ld(
        page=page,
        base_url=base_url,
        site_name=SiteIdentity.for_request(request).name,
        updates=context["updates"][:JSON_LD_UPDATES],
        authors=context["authors"],
        image_url=hero.url if hero else None,
    )
    context["poll_seconds"] = settings.NEWSROOM_LIVE_POLL_SECONDS
    return context
