from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Home, sections, articles, authors and the editorial workflow."""

    name = "articles"
    verbose_name = "Articles"
