"""Purge the page cache and the edge with the exact set of URLs each change makes stale.

Connected by `NewsroomConfig.ready()`, for every page type and every model registered with
`newsroom.cache_purge.register_object_paths` — no app is named here. The set of a change is what
showed the content before it (read from the database just before the save, so a removed tag or a
changed slug is purged too) and what shows it after.

- Pages, any type: publishing (and the scheduled go-live), unpublishing, moving, deleting.
- Registered objects: saving and deleting; for models with a draft state (entities), publishing,
  unpublishing and deleting a live one.
- Images (a new file or focal point), view restrictions (login, groups, password), redirects and
  the site identity.

Scheduling a page does not change what readers see (a never-published page stays hidden, a live
one keeps its live version until the go-live), so it purges nothing; the go-live is a publish.
Saving a draft purges nothing either: readers see the live row.
"""

import threading

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move, published, unpublished

from newsroom.cache_purge import (
    all_public_paths,
    is_watched,
    purge_paths,
    purges_when_created,
    urls_for_image,
    urls_for_object,
    urls_for_page,
    urls_for_restriction,
)
from newsroom.models import SiteIdentity

IMAGE_DISPLAY_FIELDS = frozenset({"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"})
_BEFORE = "_newsroom_paths_before"
# Moves hand different instances to the pre and post signals: the set before waits here.
_moves = threading.local()


def _stash_before(instance, paths: set[str]) -> None:
    setattr(instance, _BEFORE, paths)


def _before(instance) -> set[str]:
    return getattr(instance, _BEFORE, None) or set()


# --- Pages, of any type ------------------------------------------------------------------------


@receiver(pre_save, dispatch_uid="newsroom.cache.before_save")
def before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a full save of a live page or object (a publish, an unpublish): what showed it until now.

    Wagtail saves drafts and bookkeeping with `update_fields`; a full save of a page is a publish
    or an unpublish."""
    if raw or instance.pk is None:
        return
    if isinstance(instance, Page):
        if update_fields is None:
            old = sender.objects.filter(pk=instance.pk, live=True).first()
            _stash_before(instance, urls_for_page(old) if old is not None else set())
    elif is_watched(sender):
        if isinstance(instance, DraftStateMixin):
            if update_fields is None:
                old = sender._default_manager.filter(pk=instance.pk, live=True).first()
                _stash_before(instance, urls_for_object(old) if old is not None else set())
        else:
            old = sender._default_manager.filter(pk=instance.pk).first()
            _stash_before(instance, urls_for_object(old) if old is not None else set())


@receiver(page_published, dispatch_uid="newsroom.cache.page_published")
def page_was_published(sender, instance, **kwargs):
    after = urls_for_page(instance) if instance.live else set()
    purge_paths(_before(instance) | after)


@receiver(page_unpublished, dispatch_uid="newsroom.cache.page_unpublished")
def page_was_unpublished(sender, instance, **kwargs):
    # Also sent by Wagtail before a live page is deleted.
    purge_paths(_before(instance) | urls_for_page(instance, leaving=True))


@receiver(pre_page_move, dispatch_uid="newsroom.cache.page_moving")
def page_moving(sender, instance, **kwargs):
    page = instance.specific
    if page.live:
        moves = getattr(_moves, "pending", {})
        moves[page.pk] = urls_for_page(page, leaving=True)
        _moves.pending = moves


@receiver(post_page_move, dispatch_uid="newsroom.cache.page_moved")
def page_moved(sender, instance, **kwargs):
    before = getattr(_moves, "pending", {}).pop(instance.pk, set())
    page = Page.objects.get(pk=instance.pk).specific
    after = urls_for_page(page) if page.live else set()
    purge_paths(before | after)


# --- Objects registered by the apps (entities, authors, partners, tags…) ---------------------


@receiver(post_save, dispatch_uid="newsroom.cache.object_saved")
def object_saved(sender, instance, created=False, raw=False, **kwargs):
    """A registered object without a draft state: what showed it, and what shows it now."""
    if raw or isinstance(instance, (Page, DraftStateMixin)) or not is_watched(sender):
        return
    if created and not purges_when_created(sender):
        return
    purge_paths(_before(instance) | urls_for_object(instance))


@receiver(published, dispatch_uid="newsroom.cache.object_published")
@receiver(unpublished, dispatch_uid="newsroom.cache.object_unpublished")
def object_published(sender, instance, **kwargs):
    """A registered object with a draft state: its row (what readers see) changed."""
    if is_watched(sender):
        purge_paths(_before(instance) | urls_for_object(instance))


@receiver(pre_delete, dispatch_uid="newsroom.cache.object_deleted")
def object_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or not is_watched(sender):
        return
    if not isinstance(instance, DraftStateMixin) or instance.live:
        purge_paths(urls_for_object(instance))


# --- Images, restrictions, redirects, site identity ---------------------------------------------


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A new file or focal point: pages showing the image point at renditions that are gone.

    Wagtail's own bookkeeping saves (file size, hash) change nothing readers see."""
    if created or raw or (update_fields is not None and not IMAGE_DISPLAY_FIELDS & set(update_fields)):
        return
    purge_paths(urls_for_image(instance))


# Computed while the pages are still public (before a restriction is saved, after one is deleted):
# the public listings that must drop them, or show them again.
@receiver(pre_save, sender=PageViewRestriction)
def restriction_before_save(sender, instance, raw=False, **kwargs):
    if not raw and instance.page_id and instance.pk is None:
        _stash_before(instance, urls_for_restriction(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_paths(_before(instance) | urls_for_restriction(instance))


@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
def redirect_changed(sender, instance, raw=False, **kwargs):
    """A redirect answers where a (possibly cached) « page introuvable » stood, or stops answering."""
    if raw:
        return
    path = instance.old_path.split("?", 1)[0].rstrip("/")
    purge_paths({path or "/", path + "/"})


@receiver(post_save, sender=SiteIdentity)
def site_identity_saved(sender, instance, raw=False, **kwargs):
    """The name and slogan are on every page, feed and sitemap."""
    if not raw:
        purge_paths(all_public_paths())


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, instance, raw=False, **kwargs):
    """A site's host name, port and root page decide what every URL of it shows."""
    if not raw:
        purge_paths(all_public_paths())


def disconnect_wagtail_frontend_cache_handlers() -> None:
    """Wagtail's frontend cache purges a published page's own URL from its own handlers, inside the
    transaction; `purge_paths` already purges it, for every page type, with the rest of its set,
    after the commit."""
    from django.apps import apps

    from wagtail.contrib.frontend_cache import signal_handlers

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)
