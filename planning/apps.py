from newsroom import app_config


class PlanningConfig(app_config.FeatureAppConfig):
    """Planning de la rédaction: planned stories, newsroom events, week and month views, ICS feeds."""

    name = "planning"
    verbose_name = "Planning de la rédaction"
    imports = ("receivers",)
