"""The admin home page per role: what a journalist and the rédaction en chef need each morning.

Each list is one query (two for the review list: the pages and their last reviewer comment), so
a dashboard costs the same with ten articles or ten thousand. Times are Paris days.
"""

import datetime

from django.db.models import CharField, DateTimeField, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import Revision, TaskState, WorkflowState

from articles.models import ArticlePage, SectionPage
from newsroom.health import overdue_scheduled_revisions

LIST_LIMIT = 10
# « Embargos levés bientôt »: embargoes ending within this time.
EMBARGO_SOON = datetime.timedelta(days=3)


def paris_day_bounds(day_offset: int = 0, *, now=None) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of a Paris calendar day (today, tomorrow…) as aware datetimes."""
    local = timezone.localtime(now or timezone.now())
    start = local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=day_offset)
    start = timezone.make_aware(start.replace(tzinfo=None))
    return start, timezone.make_aware((start + datetime.timedelta(days=1)).replace(tzinfo=None))


def _articles():
    """Articles with the few columns the lists show, and their id as text: revisions and workflow
    states point at pages by a text `object_id`."""
    return (
        ArticlePage.objects.defer_streamfields()
        .only("id", "title", "draft_title", "live", "owner_id", "first_published_at", "latest_revision_created_at")
        .annotate(text_id=Cast("pk", CharField()))
    )


def _workflow_rows(*, status, owner=None):
    """Articles whose workflow is in `status`, with the last finished task comment (one query)."""
    last_comment = (
        TaskState.objects.filter(workflow_state=OuterRef("pk")).exclude(comment="").order_by("-finished_at").values("comment")[:1]
    )
    states = WorkflowState.objects.filter(status=status, base_content_type__app_label="wagtailcore")
    states = states.annotate(last_comment=Subquery(last_comment)).select_related("current_task_state", "requested_by")
    rows = {int(state.object_id): state for state in states.order_by("-created_at")[: LIST_LIMIT * 5]}
    pages = _articles().filter(pk__in=list(rows))
    if owner is not None:
        pages = pages.filter(owner=owner)
    return [(page, rows[page.pk]) for page in sorted(pages, key=lambda page: list(rows).index(page.pk))][:LIST_LIMIT]


def _scheduled(start=None, end=None, owner=None):
    """Articles approved for a future go-live, soonest first, with their time (one query)."""
    revisions = Revision.objects.filter(approved_go_live_at__isnull=False, base_content_type__app_label="wagtailcore")
    if start is not None:
        revisions = revisions.filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
    go_live = revisions.filter(object_id=OuterRef("text_id")).order_by("approved_go_live_at").values("approved_go_live_at")[:1]
    pages = _articles().annotate(go_live=Subquery(go_live)).filter(go_live__isnull=False)
    if owner is not None:
        pages = pages.filter(owner=owner)
    return list(pages.order_by("go_live")[:LIST_LIMIT])


def _published_today(owner=None):
    start, end = paris_day_bounds()
    pages = _articles().filter(live=True, first_published_at__gte=start, first_published_at__lt=end)
    if owner is not None:
        pages = pages.filter(owner=owner)
    return list(pages.order_by("-first_published_at")[:LIST_LIMIT])


def _embargoes_lifting_soon(*, now=None):
    """Articles whose embargo (in their latest version, where the editor writes it) ends within
    EMBARGO_SOON, soonest first (one query: the JSON field is read in the database)."""
    now = now or timezone.now()
    embargo = Cast(KeyTextTransform("embargo_until", "latest_revision__content"), DateTimeField())
    pages = _articles().annotate(embargo=embargo).filter(embargo__gt=now, embargo__lte=now + EMBARGO_SOON)
    return list(pages.order_by("embargo")[:LIST_LIMIT])


def journalist_dashboard(*, user) -> dict:
    """« Écrire un article » per rubrique, my drafts, mine in review or sent back, my scheduled, mine published today."""
    in_workflow = WorkflowState.objects.filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]).values(
        "object_id"
    )
    scheduled = Revision.objects.filter(approved_go_live_at__isnull=False).values("object_id")
    drafts = _articles().filter(owner=user, live=False).exclude(text_id__in=in_workflow).exclude(text_id__in=scheduled)
    return {
        "sections": list(SectionPage.objects.live().only("id", "title").order_by("path")),
        "drafts": list(drafts.order_by("-latest_revision_created_at")[:LIST_LIMIT]),
        "in_review": _workflow_rows(status=WorkflowState.STATUS_IN_PROGRESS, owner=user),
        "sent_back": _workflow_rows(status=WorkflowState.STATUS_NEEDS_CHANGES, owner=user),
        "scheduled": _scheduled(owner=user),
        "published_today": _published_today(owner=user),
    }


def editor_dashboard() -> dict:
    """To review (with the row's actions), scheduled today and tomorrow, late schedules, embargoes
    lifting soon, published today."""
    today_start, _ = paris_day_bounds()
    _, tomorrow_end = paris_day_bounds(1)
    late_ids = overdue_scheduled_revisions().values("object_id")
    return {
        "to_review": _workflow_rows(status=WorkflowState.STATUS_IN_PROGRESS),
        "scheduled_soon": _scheduled(today_start, tomorrow_end),
        "late": list(_articles().filter(text_id__in=late_ids)[:LIST_LIMIT]),
        "embargoes_soon": _embargoes_lifting_soon(),
        "published_today": _published_today(),
    }


def role_of(user) -> set[str]:
    """The dashboard roles of a user: « journaliste », « redaction » (a superuser sees both)."""
    names = {group.name for group in user.groups.all()}
    roles = set()
    if user.is_superuser or "Rédaction en chef" in names:
        roles.add("redaction")
    if user.is_superuser or "Journalistes" in names:
        roles.add("journaliste")
    return roles
