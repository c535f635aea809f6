"""Live pages and their updates, for the tests, the demo and the realistic site."""

from datetime import timedelta

from django.utils import timezone

from live.models import LiveAuthor, LivePage, LiveUpdate


def make_live(
    *, section, title: str = "Keynote en direct", state: str = LivePage.State.RUNNING, authors=(), publish=True, **fields
) -> LivePage:
    """A live page under `section`, published in `state` (« en cours » by default)."""
    page = LivePage(
        title=title,
        chapo=fields.pop("chapo", "Suivez l'événement minute par minute."),
        state=state,
        starts_at=fields.pop("starts_at", timezone.now() - timedelta(hours=1)),
        **fields,
    )
    section.add_child(instance=page)
    page.live_authors.set([LiveAuthor(author=author) for author in authors])
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def add_updates(page: LivePage, count: int, *, user=None, author_name: str = "Rédaction", start=None, **fields) -> list[LiveUpdate]:
    """`count` updates one minute apart (bypassing the desk's permission checks: data set-up)."""
    start = start or timezone.now() - timedelta(minutes=count)
    updates = []
    for number in range(count):
        page.update_seq += 1
        updates.append(
            LiveUpdate.objects.create(
                page=page,
                author=user,
                author_name=author_name,
                posted_at=start + timedelta(minutes=number),
                body=fields.get("body", f"<p>Mise à jour numéro {number + 1}.</p>"),
                seq=page.update_seq,
                **{key: value for key, value in fields.items() if key != "body"},
            )
        )
    LivePage.objects.filter(pk=page.pk).update(update_seq=page.update_seq)
    return updates
