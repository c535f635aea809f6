from newsroom import app_config


class ArticlesConfig(app_config.FeatureAppConfig):
    """Home, sections, articles, authors and the editorial workflow."""

    name = "articles"
    verbose_name = "Articles"
    imports = ("plan_bylines", "signals")
    connects = ("public_paths",)

    def ready(self):
        from entities.dashboard import register_publications

        super().ready()
        # The entities dashboard counts citations and reported deals without knowing our page types.
        register_publications(citations="article_links__article", reports="reports__article")
