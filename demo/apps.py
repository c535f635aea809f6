from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom, the synthetic corpus and the factories: the top floor, imported by nobody but tests."""

    name = "demo"
    verbose_name = "Démonstration"
