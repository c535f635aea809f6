"""Purges for simple pages: their own URL, and every page when the footer's links may change.

A simple page is linked from the footer of every page, so publishing, unpublishing or deleting
one purges every public HTML page (legal pages change a few times a year: the cost is fine).
The `house` stream's generic purge may take this over; until then it lives here.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from newsroom.cache_purge import all_public_paths, purge_paths
from pages.models import SimplePage

_BEFORE = "_pages_path_before"


def _own_path(page) -> set[str]:
    url = page.get_url()
    return {url} if url and url.startswith("/") else set()


@receiver(pre_save, sender=SimplePage)
def simple_page_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Remember the URL readers knew (a changed slug must purge the old address too)."""
    if raw or instance.pk is None or update_fields is not None:
        return
    old = SimplePage.objects.filter(pk=instance.pk, live=True).first()
    setattr(instance, _BEFORE, _own_path(old) if old is not None else set())


@receiver(page_published, sender=SimplePage)
@receiver(page_unpublished, sender=SimplePage)
def simple_page_changed(sender, instance, **kwargs):
    """Its old and new address, and every page whose footer links to it."""
    purge_paths(all_public_paths(html_only=True) | getattr(instance, _BEFORE, set()) | _own_path(instance))
