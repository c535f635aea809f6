from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Site-wide chrome: identity settings, typography, security headers, health, scheduler and page cache."""

    name = "newsroom"
    verbose_name = "Site"

    def ready(self):
        from newsroom import (
            admin_titles,
            cache_signals,
            site_lookup,  # noqa: F401  (its receivers tell every process when a Site changes)
            spreadsheets,
            two_factor_views,  # noqa: F401  (its login receiver dates the password check of every session)
        )

        # « Nouveau : Article », not Wagtail's « Nouveau: Article », on every create and edit screen.
        admin_titles.install()

        # Every CSV export, ours and Wagtail's, writes formula-looking cells as text (CSV injection).
        spreadsheets.install_csv_formula_guard()

        # Our receivers are connected by importing the module; Wagtail's own per-page purges are not
        # wanted on top of them (the settings make its app ready before this one).
        cache_signals.disconnect_wagtail_frontend_cache_handlers()

        # An embed's thumbnail is fetched once, when Wagtail stores the provider's oEmbed answer.
        from django.db.models.signals import post_save

        from wagtail.embeds.models import Embed

        from newsroom.embed_thumbnails import on_embed_saved

        post_save.connect(on_embed_saved, sender=Embed, dispatch_uid="newsroom-embed-thumbnail")
