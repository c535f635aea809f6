"""`/health/`: is the database reachable, and has any scheduled publication been missed?"""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from wagtail.models import Revision


def overdue_scheduled_revisions():
    """Revisions approved for publication whose go-live time passed more than the grace period ago.

    `publish_scheduled` publishes these every minute; any left over means the scheduler is not
    running (or failed), which would silently hold back an embargoed article.
    """
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSROOM_SCHEDULE_GRACE)
    return Revision.objects.filter(approved_go_live_at__lt=cutoff)


@never_cache
def health_view(request):
    """Answer 200 when the site can serve readers, 503 when the database is down.

    A missed schedule is reported (status « degraded ») without failing the check, so a load
    balancer keeps the server in rotation. Titles are withheld: scheduled articles are embargoed.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        # Pages, not revisions: a page counts once however many of its revisions are late.
        overdue = sorted({int(pk) for pk in overdue_scheduled_revisions().values_list("object_id", flat=True)})
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    body = {
        "status": "degraded" if overdue else "ok",
        "database": "ok",
        "scheduler": {"overdue_count": len(overdue), "overdue_page_ids": overdue},
    }
    return JsonResponse(body)
