"""Keep public partner blocks right: new logos get their rendition, cached blocks are forgotten."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model

from partners.models import Partner
from partners.selectors import LOGO_FILTER
from partners.services import block_cache_invalidate


@receiver(post_save, sender=Partner)
def partner_saved(sender, instance, **kwargs):
    if instance.logo_id:
        # Made now, in the sales person's request, rather than in a reader's.
        instance.logo.get_rendition(LOGO_FILTER)
    block_cache_invalidate()


@receiver(post_delete, sender=Partner)
def partner_deleted(sender, instance, **kwargs):
    block_cache_invalidate()


@receiver(m2m_changed, sender=Partner.sections.through)
def partner_sections_changed(sender, **kwargs):
    block_cache_invalidate()


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, **kwargs):
    # A logo's file or focal point may have changed: its old rendition is gone.
    block_cache_invalidate()


@receiver(m2m_changed, sender=Partner.sponsored_sections.through)
@receiver(m2m_changed, sender=Partner.sponsored_tags.through)
def partner_sponsorships_changed(sender, **kwargs):
    block_cache_invalidate()
