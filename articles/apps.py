from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Home, sections, articles, authors and the editorial workflow."""

    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import plan_bylines, public_paths, signals  # noqa: F401 - connects the receivers

        public_paths.register()
