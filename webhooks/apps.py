"""Webhooks: signed JSON POSTs to partners' servers when an article is published, updated or unpublished."""

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from webhooks import signals

        signals.connect()
