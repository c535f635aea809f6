from newsroom import app_config


class EntitiesConfig(app_config.FeatureAppConfig):
    """The knowledge base of organisations and people (see the entities issue)."""

    name = "entities"
    verbose_name = "Entités"
    imports = ("signals",)
    connects = ("public_paths",)
