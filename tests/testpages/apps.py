from django.apps import AppConfig


class TestPagesConfig(AppConfig):
    """Test-only page types."""

    name = "tests.testpages"
    label = "testpages"
    verbose_name = "Pages de test"
    default_auto_field = "django.db.models.BigAutoField"
