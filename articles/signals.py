"""Work done when an article is published, so that its first reader does not pay for it."""

from django.dispatch import receiver

from wagtail.signals import page_published

from articles.models import ArticlePage
from articles.selectors import BODY_RENDITIONS, TEASER_RENDITIONS, hero_renditions


@receiver(page_published, sender=ArticlePage)
def generate_renditions(sender, instance, **kwargs):
    """Create every image size the article, its teasers and social cards use."""
    if instance.hero_image_id:
        hero_renditions(instance.hero_image)
        instance.hero_image.get_renditions(*TEASER_RENDITIONS)
    for block in instance.body:
        if block.block_type == "image" and block.value.get("image") is not None:
            block.value["image"].get_renditions(*BODY_RENDITIONS)


@receiver(page_published, sender=ArticlePage)
def reindex_after_publish(sender, instance, **kwargs):
    """Index once the tags and other relations are saved: Wagtail's post_save indexing runs
    before modelcluster writes them, so tags changed at publish time would be one publish late."""
    from wagtail.search import index

    index.insert_or_update_object(instance)
