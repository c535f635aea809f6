from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Home, sections, articles, authors and the editorial workflow."""

    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import plan_bylines, public_paths, signals  # noqa: F401 - connects the receivers
        from entities.dashboard import register_publications

        public_paths.register()
        # The entities dashboard counts citations and reported deals without knowing our page types.
        register_publications(citations="article_links__article", reports="reports__article")
