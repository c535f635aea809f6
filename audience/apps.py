from newsroom import app_config


class AudienceConfig(app_config.FeatureAppConfig):
    """Audience: the newsletter (double opt-in, editions, entity alerts) and « Les plus lus »."""

    name = "audience"
    verbose_name = "Audience"
    connects = ("alerts",)
