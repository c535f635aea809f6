"""Index each imported page once instead of at every save.

Wagtail updates the search index and the reference index after every save of a page, and one
imported post saves its page several times (added to the tree, revision, publication): on the
benchmark export these repeated updates cost about a third of the import. While a post is written
they are switched off for page models, then done once for the pages the post created or changed,
inside the same transaction. Published articles are indexed by their own publish receiver
(articles/signals.py), which stays on.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch.signal_handlers import post_save_signal_handler


@contextmanager
def index_once():
    """Within the block, saving a page updates neither index; `reindex(pages)` does it after."""
    models = [model for model in index.get_indexed_models() if issubclass(model, Page)]
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def reindex(pages) -> None:
    """Both indexes for each page, once."""
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
        index.insert_or_update_object(page)
