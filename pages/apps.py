from newsroom import app_config


class PagesConfig(app_config.FeatureAppConfig):
    """Simple pages (« Page simple »): legal notices, accessibility statement, privacy, contact."""

    name = "pages"
    verbose_name = "Pages simples"
    imports = ("signals",)
