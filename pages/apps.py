from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Simple pages (« Page simple »): legal notices, accessibility statement, privacy, contact."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
    verbose_name = "Pages simples"

    def ready(self):
        from pages import signals  # noqa: F401
