"""Work done when content changes, so that readers neither pay for it nor see stale chrome."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.chrome import invalidate_chrome
from articles.models import ArticlePage, Author, SectionPage
from articles.related_ranking import rank_related
from articles.search_index import index_articles, remove_articles
from articles.selectors import AUTHOR_CARD_RENDITION, AUTHOR_PAGE_RENDITION, BODY_RENDITIONS, TEASER_RENDITIONS, hero_renditions
from entities.models import Entity
from newsroom.cache_purge import all_public_paths, purge_paths
from newsroom.models import SiteIdentity

AUTHOR_RENDITIONS = (AUTHOR_CARD_RENDITION, AUTHOR_PAGE_RENDITION)
HOME_CHILD_DEPTH = 3


@receiver(page_published, sender=ArticlePage)
def generate_renditions(sender, instance, **kwargs):
    """Create every image size the article, its teasers, its author cards and social cards use."""
    if instance.hero_image_id:
        hero_renditions(instance.hero_image)
        instance.hero_image.get_renditions(*TEASER_RENDITIONS)
    for block in instance.body:
        if block.block_type == "image" and block.value.get("image") is not None:
            block.value["image"].get_renditions(*BODY_RENDITIONS)
    for byline in instance.article_authors.select_related("author__photo"):
        if byline.author.photo is not None:
            byline.author.photo.get_renditions(*AUTHOR_RENDITIONS)


@receiver(post_save, sender=Author)
def generate_author_renditions(sender, instance, **kwargs):
    """A new or replaced photo gets its sizes now, in the editor's request."""
    if instance.photo_id:
        instance.photo.get_renditions(*AUTHOR_RENDITIONS)


@receiver(post_save, sender=Entity)
def generate_entity_renditions(sender, instance, **kwargs):
    """The entity page's logo or photo size, made when the entity is saved."""
    from articles.entity_pages import ENTITY_RENDITION

    if instance.image_id:
        instance.image.get_rendition(ENTITY_RENDITION)


@receiver(page_published, sender=ArticlePage)
def reindex_after_publish(sender, instance, **kwargs):
    """Index once the tags and other relations are saved: Wagtail's post_save indexing runs
    before modelcluster writes them, so tags changed at publish time would be one publish late."""
    from wagtail.search import index

    index.insert_or_update_object(instance)
    # The public search's own document (PostgreSQL), from the rows just written.
    index_articles([instance.pk])


@receiver(page_published, sender=ArticlePage)
def rank_related_after_publish(sender, instance, **kwargs):
    """Its tags and entity links are saved now: rank its related articles, and its neighbours'."""
    rank_related([instance.pk], with_neighbours=True)


@receiver(page_unpublished, sender=ArticlePage)
def unindex_after_unpublish(sender, instance, **kwargs):
    """An unpublished (or expired) article leaves the public search at once."""
    remove_articles([instance.pk])


# --- The cached chrome (articles/chrome.py) ---------------------------------------------------
# Navigation and the routes below the home page change when the home page or one of its children
# (a section or any other page type) is published, unpublished, moved or deleted, when a view
# restriction makes a section private or public again, when the site identity or a Site changes.
# Articles and deeper pages never change the chrome.


def _in_chrome(page) -> bool:
    """A site's root page or one of its children, from their URL paths (Wagtail caches the roots)."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    return page.url_path in roots or page.url_path.rstrip("/").rsplit("/", 1)[0] + "/" in roots


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete)
def page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.url_path and _in_chrome(instance):
        invalidate_chrome()


@receiver(post_save, sender=SiteIdentity)
@receiver(post_delete, sender=SiteIdentity)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def chrome_changed(sender, **kwargs):
    invalidate_chrome()


@receiver(post_page_move)
def page_moved(sender, **kwargs):
    # Rare enough to forget the chrome on any move rather than work out which ones matter.
    invalidate_chrome()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete)
def home_child_changed(sender, instance=None, **kwargs):
    """Any other page type directly under a home page (legal pages…) is linked from the footer.

    Tested by tree depth rather than by type, so that a new page type needs nothing here: site
    roots sit at depth 2 under Wagtail's root, their children at depth 3.
    """
    if isinstance(instance, Page) and instance.depth == HOME_CHILD_DEPTH and not isinstance(instance, SectionPage):
        invalidate_chrome()


@receiver(post_save, sender=get_image_model())
@receiver(pre_delete, sender=get_image_model())
def logo_image_changed(sender, instance, **kwargs):
    """The header shows the logo's rendition from the chrome: a replaced or deleted logo image
    (SET_NULL saves no SiteIdentity) must rebuild it and every page."""
    if instance.pk and not kwargs.get("created") and SiteIdentity.objects.filter(logo_id=instance.pk).exists():
        invalidate_chrome()
        purge_paths(all_public_paths())
