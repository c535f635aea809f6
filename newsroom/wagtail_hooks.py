"""Wagtail hooks of the newsroom app (Wagtail imports this module of every installed app)."""

from wagtail import hooks

from newsroom import two_factor_hooks  # noqa: F401  (login security: second-factor pages, menu entries)
from newsroom.uploads import BOUNDED_OPERATIONS


# Ordered after wagtail.images' own registration, whose operations it replaces (later wins).
@hooks.register("register_image_operations", order=100)
def bounded_image_operations():
    """Resize operations that refuse absurd sizes (see newsroom/uploads.py)."""
    return BOUNDED_OPERATIONS
