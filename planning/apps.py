from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Planning de la rédaction: planned stories, newsroom events, week and month views, ICS feeds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "planning"
    verbose_name = "Planning de la rédaction"

    def ready(self):
        from planning import receivers  # noqa: F401 - connects the receivers
