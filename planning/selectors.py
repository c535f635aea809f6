"""Reads of the planning, each in a fixed number of queries whatever the number of stories."""

import calendar
import datetime

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from wagtail.models import Page

from planning.models import JOURNALISTS, SECTION_CHOICES, NewsroomEvent, PlannedStory

OPEN_STATUSES = [status for status in PlannedStory.Status.values if status != PlannedStory.Status.PUBLISHED]


def week_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday of `day`'s week, and the Monday after."""
    start = day - datetime.timedelta(days=day.weekday())
    return start, start + datetime.timedelta(days=7)


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first of `day`'s month, and the first of the next."""
    start = day.replace(day=1)
    return start, start + datetime.timedelta(days=calendar.monthrange(day.year, day.month)[1])


def _stories():
    journalists = get_user_model().objects.only("id", "username", "first_name", "last_name").order_by("last_name", "first_name")
    return PlannedStory.objects.select_related("section", "draft").prefetch_related(Prefetch("assignees", queryset=journalists))


def plan_for_period(*, start: datetime.date, end: datetime.date, section_id=None, user_id=None) -> dict:
    """The stories due and the events starting between `start` (included) and `end` (excluded),
    filtered by rubrique and person, by day: `{"days": [(date, stories, events)], …}`. Four queries."""
    stories = _stories().filter(due_date__gte=start, due_date__lt=end)
    if section_id:
        stories = stories.filter(section_id=section_id)
    if user_id:
        stories = stories.filter(assignees__id=user_id)
    paris = timezone.get_default_timezone()
    events = NewsroomEvent.objects.filter(
        starts_at__gte=datetime.datetime.combine(start, datetime.time(), paris),
        starts_at__lt=datetime.datetime.combine(end, datetime.time(), paris),
    ).prefetch_related("entities")
    by_day = {start + datetime.timedelta(days=offset): ([], []) for offset in range((end - start).days)}
    for story in stories:
        by_day[story.due_date][0].append(story)
    for event in events:
        by_day[timezone.localtime(event.starts_at).date()][1].append(event)
    return {"days": [(day, found[0], found[1]) for day, found in by_day.items()]}


def filter_choices() -> dict:
    """The rubriques and journalists the filters offer (two queries)."""
    return {
        "sections": list(Page.objects.filter(**SECTION_CHOICES).only("id", "title").order_by("path")),
        "people": list(get_user_model().objects.filter(**JOURNALISTS).distinct().order_by("last_name", "first_name", "username")),
    }


def assignments_for(user, *, limit: int = 10) -> list[PlannedStory]:
    """A journalist's open assignments, soonest first (two queries)."""
    return list(_stories().filter(assignees=user, status__in=OPEN_STATUSES).order_by("due_date")[:limit])


def stories_for_feed(*, user=None):
    """What a calendar feed lists: a person's assignments or the whole desk's, from 60 days back."""
    since = timezone.localdate() - datetime.timedelta(days=60)
    stories = _stories().filter(due_date__gte=since)
    if user is not None:
        stories = stories.filter(assignees=user)
    return stories


def events_for_feed():
    """The desk's events from 60 days back, with their entities."""
    since = timezone.now() - datetime.timedelta(days=60)
    return NewsroomEvent.objects.filter(starts_at__gte=since).prefetch_related("entities")
