"""The app config every feature app derives from: its receivers wired once Django is ready."""

from importlib import import_module

from django.apps import AppConfig


class FeatureAppConfig(AppConfig):
    """An app of the house, wired by naming its modules instead of writing `ready()`.

    `imports`: modules whose receivers connect when imported (`@receiver`). `connects`: modules
    whose `connect()` wires them (`public_paths.connect()` registers the app's public URLs with the
    page-cache purge, `signals.connect()` its receivers), called in that order.

    Derive from it as `app_config.FeatureAppConfig` (the module imported, not the class): Django
    takes an `apps.py` holding a single AppConfig class as the app's config, and would find two.
    """

    imports: tuple[str, ...] = ()
    connects: tuple[str, ...] = ()

    def ready(self):
        for module in self.imports:
            import_module(f"{self.name}.{module}")
        for module in self.connects:
            import_module(f"{self.name}.{module}").connect()
