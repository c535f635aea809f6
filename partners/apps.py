from newsroom import app_config


class PartnersConfig(app_config.FeatureAppConfig):
    """Partner logos, campaigns and sponsored content, run by sales (see the partners issue)."""

    name = "partners"
    verbose_name = "Partenaires"
    imports = ("signals",)
    connects = ("public_paths",)
