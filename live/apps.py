from django.apps import AppConfig


class LiveConfig(AppConfig):
    """« En direct »: live coverage pages whose updates are rows posted from a short admin form."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "live"
    verbose_name = "En direct"

    def ready(self):
        from live import public_paths, signals

        public_paths.register()
        signals.connect()
