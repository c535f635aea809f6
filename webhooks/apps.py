from newsroom import app_config


class WebhooksConfig(app_config.FeatureAppConfig):
    """Webhooks: signed JSON POSTs to partners' servers when an article is published, updated or unpublished."""

    name = "webhooks"
    verbose_name = "Webhooks"
    connects = ("signals",)
