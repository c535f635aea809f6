"""Admin-wide banners of the desk: a scheduled publication that did not happen."""

from django import template

from newsroom.health import overdue_scheduled_revisions

register = template.Library()


@register.inclusion_tag("newsroom/late_schedules_banner.html", takes_context=True)
def late_schedules_banner(context):
    """What `/health/` reports as late, on every admin page, so nobody waits for a page that never goes live.

    One query (the pages, not the revisions, are counted); nothing for anonymous views of the
    admin base (login pages do not extend it).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"late_count": 0}
    late_count = overdue_scheduled_revisions().values("object_id").distinct().count()
    return {"late_count": late_count}
