"""The planning as an iCalendar (RFC 5545) feed that calendar apps subscribe to."""

import datetime

from django.utils import timezone

from icalendar import Calendar, Event

from planning.models import PlannedStory

PRODID = "-//Newsroom//Planning de la rédaction//FR"


def _story_event(story: PlannedStory, *, host: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"sujet-{story.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", story.due_date)
    event.add("dtend", story.due_date + datetime.timedelta(days=1))
    event.add("summary", f"À rendre : {story.subject} ({story.get_status_display().lower()})")
    lines = [story.angle] if story.angle else []
    if story.section_id:
        lines.append(f"Rubrique : {story.section.title}")
    names = ", ".join(person.get_full_name() or person.username for person in story.assignees.all())
    if names:
        lines.append(f"Journalistes : {names}")
    if story.expected_length:
        lines.append(f"Longueur prévue : {story.expected_length} signes")
    event.add("description", "\n".join(lines))
    event.add("categories", ["Planning"])
    return event


def _newsroom_event(item, *, host: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"evenement-{item.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", timezone.localtime(item.starts_at))
    event.add("dtend", timezone.localtime(item.ends_at or item.starts_at + datetime.timedelta(hours=1)))
    event.add("summary", item.title)
    if item.place:
        event.add("location", item.place)
    entities = ", ".join(entity.name for entity in item.entities.all())
    description = "\n".join(part for part in (f"Entités : {entities}" if entities else "", item.notes) if part)
    if description:
        event.add("description", description)
    return event


def calendar_bytes(*, name: str, stories, events, host: str) -> bytes:
    """The feed: one all-day entry per story on its due date, one timed entry per event (Paris time)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = timezone.now().replace(microsecond=0)
    for story in stories:
        calendar.add_component(_story_event(story, host=host, stamp=stamp))
    for item in events:
        calendar.add_component(_newsroom_event(item, host=host, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
