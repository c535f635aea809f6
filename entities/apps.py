from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    """The knowledge base of organisations and people (see the entities issue)."""

    name = "entities"
    verbose_name = "Entités"

    def ready(self):
        from entities import public_paths, signals  # noqa: F401 - connects the receivers

        public_paths.register()
