from newsroom import app_config


class ApiConfig(app_config.FeatureAppConfig):
    """The read API: articles, sections, entities and authors as JSON, on Wagtail's API (v2)."""

    name = "api"
    verbose_name = "API de lecture"
    connects = ("public_paths",)
