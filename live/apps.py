from newsroom import app_config


class LiveConfig(app_config.FeatureAppConfig):
    """« En direct »: live coverage pages whose updates are rows posted from a short admin form."""

    name = "live"
    verbose_name = "En direct"
    connects = ("public_paths", "signals")
