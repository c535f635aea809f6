"""Keep the mention detector's index in step with the knowledge base."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from entities.mentions import invalidate_default_index
from entities.models import Entity


@receiver(post_save, sender=Entity)
@receiver(post_delete, sender=Entity)
def drop_mention_index(sender, **kwargs):
    """Names, aliases or live state may have changed: rebuild the index on next use."""
    invalidate_default_index()
