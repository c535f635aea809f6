"""Every app of the project runs its own app config: an `apps.py` that Django did not pick up
would leave the app's receivers and purge paths unwired, with nothing failing at start-up."""

from pathlib import Path

from django.apps import AppConfig, apps
from django.conf import settings

from newsroom.app_config import FeatureAppConfig

ROOT = Path(settings.BASE_DIR)


def test_each_apps_module_gives_its_own_config_class():
    ours = [config for config in apps.get_app_configs() if (ROOT / config.name / "apps.py").exists()]
    assert len(ours) >= 10
    for config in ours:
        assert type(config) is not AppConfig, config.name
        assert type(config).__module__ == f"{config.name}.apps"


def test_feature_apps_wire_the_modules_they_name():
    from newsroom.cache_purge import _page_paths_by_model  # the registry this test inspects

    features = [config for config in apps.get_app_configs() if isinstance(config, FeatureAppConfig)]
    assert {config.name for config in features} >= {"articles", "entities", "partners", "live", "api", "webhooks"}
    registered = {model._meta.label for model in _page_paths_by_model}
    assert {"articles.ArticlePage", "articles.HomePage", "articles.SectionPage", "live.LivePage"} <= registered
