from django.apps import AppConfig


class PreviewsConfig(AppConfig):
    """Shareable preview links: a signed, expiring, revocable address showing a draft to someone outside the newsroom."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "previews"
    verbose_name = "Liens de prévisualisation"
