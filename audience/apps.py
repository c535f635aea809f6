"""Audience: the newsletter (double opt-in, editions, entity alerts) and « Les plus lus »."""

from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "audience"
    verbose_name = "Audience"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audience import alerts

        alerts.connect()
