"""The read API: articles, sections, entities and authors as JSON, on Wagtail's API (v2)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API de lecture"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import public_paths

        public_paths.register()
