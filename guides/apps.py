from django.apps import AppConfig


class GuidesConfig(AppConfig):
    """« Aide » in the admin: the French guides of docs/guides/, with the screenshots the tests make."""

    name = "guides"
    verbose_name = "Guides"
