"""Purges of the API's cached answers when what they show changes.

The smallest hook until the generic purge registry lands (newsroom/cache_purge.py, `house` stream):
this app's own receivers compute the API paths and hand them to `purge_paths`, which drops every
query-string variant of each path (filters, pagination) on every app server and at the edge.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from taggit.models import Tag

from articles.models import ArticlePage, Author, SectionPage
from entities.models import Entity
from newsroom.cache_purge import purge_paths

PREFIX = "/api/v2"
LISTS = {f"{PREFIX}/articles/", f"{PREFIX}/sections/", f"{PREFIX}/entities/", f"{PREFIX}/authors/"}


def _details(endpoint: str, ids) -> set[str]:
    return {f"{PREFIX}/{endpoint}/{pk}/" for pk in ids}


def api_paths_for_pages(page_ids) -> set[str]:
    """Every list, and the detail of these pages as articles and as sections (ids are unique)."""
    ids = list(page_ids)
    return LISTS | _details("articles", ids) | _details("sections", ids)


def _page_changed(sender, instance, **kwargs):
    ids = [instance.pk]
    if isinstance(instance, SectionPage):
        # Its articles show the section's title and address.
        ids += list(ArticlePage.objects.child_of(instance).values_list("pk", flat=True))
    purge_paths(api_paths_for_pages(ids))


def _author_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    articles = ArticlePage.objects.filter(article_authors__author=instance).values_list("pk", flat=True)
    purge_paths(api_paths_for_pages(articles) | _details("authors", [instance.pk]))


def _entity_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    articles = ArticlePage.objects.filter(entity_links__entity=instance).values_list("pk", flat=True)
    # Entities whose roles or deals name this one show it too.
    related = set(instance.roles.values_list("organisation_id", flat=True)) | set(instance.people_roles.values_list("person_id", flat=True))
    related |= set(instance.deals.values_list("target_id", flat=True)) | set(instance.deals_received.values_list("source_id", flat=True))
    purge_paths(api_paths_for_pages(articles) | _details("entities", {instance.pk, *related}))


def _tag_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    articles = ArticlePage.objects.filter(tagged_items__tag=instance).values_list("pk", flat=True)
    purge_paths(api_paths_for_pages(articles))


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = instance.page
    purge_paths(api_paths_for_pages(page.get_descendants(inclusive=True).values_list("pk", flat=True)))


def connect() -> None:
    """Connect the receivers (from ApiConfig.ready)."""
    for model in (ArticlePage, SectionPage):
        for signal in (page_published, page_unpublished):
            signal.connect(_page_changed, sender=model, dispatch_uid=f"api.purge.{signal}.{model.__name__}")
        post_delete.connect(_page_changed, sender=model, dispatch_uid=f"api.purge.delete.{model.__name__}")
        post_page_move.connect(_page_changed, sender=model, dispatch_uid=f"api.purge.move.{model.__name__}")
    for model, receiver in (
        (Author, _author_changed),
        (Entity, _entity_changed),
        (Tag, _tag_changed),
        (PageViewRestriction, _restriction_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"api.purge.save.{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"api.purge.delete.{model.__name__}")
