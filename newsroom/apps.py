from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Site-wide chrome: identity settings, typography, security headers, health and scheduler."""

    name = "newsroom"
    verbose_name = "Site"
