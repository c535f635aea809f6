from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moving in from WordPress: `manage.py import_wordpress` and the redirects of the old URLs."""

    name = "wordpress"
    verbose_name = "Import WordPress"
