"""`load_demo`'s live page: a finished keynote with its updates, created once."""

from django.contrib.auth import get_user_model

from articles.models import Author, SectionPage
from demo import live_data
from live.models import LiveAuthor, LivePage, LiveUpdate


def ensure_live_page(home, paris) -> list[str]:
    """Create the demo live page if it is missing; its title in a list, else an empty list."""
    spec = live_data.LIVE
    if LivePage.objects.filter(slug=spec["slug"]).exists():
        return []
    section = SectionPage.objects.child_of(home).get(slug=spec["section"])
    day = spec["starts_at"][:10]
    page = LivePage(
        title=spec["title"],
        slug=spec["slug"],
        chapo=spec["chapo"],
        summary=spec["summary"],
        state=LivePage.State.ENDED,
        starts_at=paris(spec["starts_at"]),
        ends_at=paris(spec["ends_at"]),
    )
    section.add_child(instance=page)
    authors = {author.name: author for author in Author.objects.filter(slug__in=spec["authors"])}
    page.live_authors.set([LiveAuthor(author=author) for author in authors.values()])
    page.tags.set(spec["tags"])
    page.save_revision().publish()
    LivePage.objects.filter(pk=page.pk).update(first_published_at=paris(spec["starts_at"]), last_published_at=paris(spec["ends_at"]))
    # The demo accounts, when they exist, are the posters; the signature is the journalist's name.
    users = {user.get_full_name(): user for user in get_user_model().objects.filter(last_name__in=[n.split()[-1] for n in authors])}
    updates = [
        LiveUpdate(
            page=page,
            posted_at=paris(f"{day}T{time}"),
            author=users.get(name),
            author_name=name,
            body=f"<p>{text}</p>",
            important=important,
            seq=number,
        )
        for number, (time, name, text, important) in enumerate(spec["updates"], start=1)
    ]
    LiveUpdate.objects.bulk_create(updates)
    LivePage.objects.filter(pk=page.pk).update(update_seq=len(updates))
    return [page.title]
