from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner logos, campaigns and sponsored content, run by sales (see the partners issue)."""

    name = "partners"
    verbose_name = "Partenaires"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import public_paths, signals  # noqa: F401  (connects the receivers)

        public_paths.register()
