from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner logos, campaigns and sponsored content, run by sales (see the partners issue)."""

    name = "partners"
    verbose_name = "Partenaires"
