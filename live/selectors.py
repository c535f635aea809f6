"""Reads of a live page, in a fixed number of queries whatever the number of updates."""

from wagtail.images import get_image_model

from live.models import LiveAuthor, LiveEntity, LivePage, LiveUpdate
from newsroom.restrictions import public_pages

# The page shows every update (a keynote has dozens, a trial a few hundred): past this, the
# oldest are left to the feed. JSON-LD and the feed carry the newest ones.
PAGE_LIMIT = 400
JSON_LD_UPDATES = 10
FEED_UPDATES = 30
UPDATE_RENDITIONS = ("width-640", "width-1280")
HERO_RENDITIONS = ("fill-1200x675", "fill-1200x630")


def attach_renditions(images, specs) -> None:
    """Every rendition of `specs` of `images` in one query, as Wagtail's prefetched renditions
    (`get_rendition` then reads them instead of querying once per image). A lean twin of
    articles/renditions.py (a sibling app: floors forbid importing it; it belongs in newsroom/)."""
    images = [image for image in images if image is not None]
    if not images:
        return
    Rendition = get_image_model().get_rendition_model()
    found = {}
    for rendition in Rendition.objects.filter(image_id__in={image.pk for image in images}, filter_spec__in=specs):
        found.setdefault(rendition.image_id, []).append(rendition)
    for image in images:
        renditions = found.get(image.pk, [])
        for rendition in renditions:
            rendition.image = image
        # What Wagtail's get_rendition() and {% image %} read before querying.
        image.prefetched_renditions = renditions


def visible_updates(page: LivePage, *, limit: int = PAGE_LIMIT) -> list[LiveUpdate]:
    """The updates readers see, newest first, with their images' renditions (two queries)."""
    updates = list(page.updates.filter(deleted_at__isnull=True).select_related("image")[:limit])
    attach_renditions([update.image for update in updates], UPDATE_RENDITIONS)
    return updates


def updates_since(page: LivePage, seq: int) -> list[LiveUpdate]:
    """Updates posted, corrected or deleted after change number `seq` (deleted ones included:
    the script removes them), newest first; two queries."""
    updates = list(page.updates.filter(seq__gt=seq).select_related("image")[:PAGE_LIMIT])
    attach_renditions([update.image for update in updates if update.deleted_at is None], UPDATE_RENDITIONS)
    return updates


def live_detail(page: LivePage) -> dict:
    """What the page shows beyond its own fields: updates, bylines, tags, entities (fixed cost)."""
    updates = visible_updates(page)
    attach_renditions([page.hero_image], HERO_RENDITIONS)
    return {
        "updates": updates,
        "authors": [byline.author for byline in LiveAuthor.objects.filter(page=page).select_related("author")],
        "tags": list(page.tags.all()),
        "entity_links": [link for link in LiveEntity.objects.filter(page=page).select_related("entity") if link.entity.live],
    }


def running_lives(*, under_path: str = ""):
    """Live public pages « en cours » below a tree path, newest first (the « En direct » strip)."""
    return public_pages(LivePage.objects.live().filter(state=LivePage.State.RUNNING, path__startswith=under_path)).order_by("-starts_at")
