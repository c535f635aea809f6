"""Purge the page cache and the edge with the exact set of URLs each editorial action changes.

Connected by `NewsroomConfig.ready()`. The set of an action is what showed the content before it
(read from the database just before the save, so a removed tag or a changed slug is purged too) and
what shows it after. Publishing, unpublishing, scheduling and the scheduled go-live, moves and
deletions of pages; publishing, unpublishing and deleting entities; saving or deleting authors,
partners, redirects and the site identity; renaming tags; changing an image's file or focal point;
adding or removing a view restriction (login, groups, password).

Scheduling a page does not change what readers see (a never-published page stays hidden, a live
one keeps its live version until the go-live), so it purges nothing; the go-live is a publish.
"""

import threading

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move, published, unpublished

from taggit.models import Tag

from articles.models import ArticlePage, Author, HomePage, SectionPage
from entities.models import Entity
from newsroom.cache_purge import (
    all_public_paths,
    purge_paths,
    urls_for_author,
    urls_for_entity,
    urls_for_image,
    urls_for_page,
    urls_for_partner,
    urls_for_restriction,
    urls_for_tag,
)
from newsroom.models import SiteIdentity
from partners.models import Partner

PAGE_MODELS = (ArticlePage, SectionPage, HomePage)
IMAGE_DISPLAY_FIELDS = frozenset({"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"})
_BEFORE = "_newsroom_paths_before"
# Moves hand different instances to the pre and post signals: the set before waits here.
_moves = threading.local()


def _stash_before(instance, paths: set[str]) -> None:
    setattr(instance, _BEFORE, paths)


def _before(instance) -> set[str]:
    return getattr(instance, _BEFORE, None) or set()


def _page_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a full save of a live page (a publish, an unpublish): what showed it until now."""
    if raw or instance.pk is None or update_fields is not None:
        return
    old = sender.objects.filter(pk=instance.pk, live=True).first()
    _stash_before(instance, urls_for_page(old) if old is not None else set())


def _page_published(sender, instance, **kwargs):
    after = urls_for_page(instance) if instance.live else set()
    purge_paths(_before(instance) | after)


def _page_unpublished(sender, instance, **kwargs):
    # Also sent by Wagtail before a live page is deleted.
    purge_paths(_before(instance) | urls_for_page(instance, leaving=True))


@receiver(pre_page_move)
def page_moving(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, PAGE_MODELS) and page.live:
        moves = getattr(_moves, "pending", {})
        moves[page.pk] = urls_for_page(page, leaving=True)
        _moves.pending = moves


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    before = getattr(_moves, "pending", {}).pop(instance.pk, set())
    page = type(instance).objects.get(pk=instance.pk).specific
    after = urls_for_page(page) if isinstance(page, PAGE_MODELS) and page.live else set()
    purge_paths(before | after)


for _model in PAGE_MODELS:
    pre_save.connect(_page_before_save, sender=_model, dispatch_uid=f"newsroom.cache.before.{_model.__name__}")
    page_published.connect(_page_published, sender=_model, dispatch_uid=f"newsroom.cache.published.{_model.__name__}")
    page_unpublished.connect(_page_unpublished, sender=_model, dispatch_uid=f"newsroom.cache.unpublished.{_model.__name__}")


# Entities: drafts live in revisions; the row (what readers see) changes on publish and unpublish.
@receiver(pre_save, sender=Entity)
def entity_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or update_fields is not None:
        return
    old = Entity.objects.filter(pk=instance.pk, live=True).first()
    _stash_before(instance, urls_for_entity(old) if old is not None else set())


@receiver(published, sender=Entity)
@receiver(unpublished, sender=Entity)
def entity_changed(sender, instance, **kwargs):
    purge_paths(_before(instance) | urls_for_entity(instance))


@receiver(pre_delete, sender=Entity)
def entity_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_paths(urls_for_entity(instance))


@receiver(pre_save, sender=Author)
def author_before_save(sender, instance, raw=False, **kwargs):
    old = Author.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    _stash_before(instance, urls_for_author(old) if old is not None else set())


@receiver(post_save, sender=Author)
def author_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_paths(_before(instance) | urls_for_author(instance))


@receiver(pre_delete, sender=Author)
def author_deleted(sender, instance, **kwargs):
    purge_paths(urls_for_author(instance))


@receiver(pre_save, sender=Partner)
def partner_before_save(sender, instance, raw=False, **kwargs):
    old = Partner.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    _stash_before(instance, urls_for_partner(old) if old is not None else set())


@receiver(post_save, sender=Partner)
def partner_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_paths(_before(instance) | urls_for_partner(instance))


@receiver(pre_delete, sender=Partner)
def partner_deleted(sender, instance, **kwargs):
    purge_paths(urls_for_partner(instance))


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A new file or focal point: pages showing the image point at renditions that are gone.

    Wagtail's own bookkeeping saves (file size, hash) change nothing readers see."""
    if created or raw or (update_fields is not None and not IMAGE_DISPLAY_FIELDS & set(update_fields)):
        return
    purge_paths(urls_for_image(instance))


@receiver(pre_save, sender=Tag)
def tag_before_save(sender, instance, raw=False, **kwargs):
    old = Tag.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    _stash_before(instance, urls_for_tag(old) if old is not None else set())


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed tag: its page and the articles listing it (a new tag is shown by no page yet)."""
    if not (created or raw):
        purge_paths(_before(instance) | urls_for_tag(instance))


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


def disconnect_wagtail_frontend_cache_handlers() -> None:
    """Wagtail's frontend cache purges a published page's own URL from its own handlers, inside the
    transaction; `purge_paths` already purges it, with the rest of its set, after the commit."""
    from django.apps import apps

    from wagtail.contrib.frontend_cache import signal_handlers

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(signal_handlers.page_published_signal_handler, sender=model)
            page_unpublished.disconnect(signal_handlers.page_unpublished_signal_handler, sender=model)
