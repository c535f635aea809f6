"""The rédaction en chef creates and revokes preview links; nobody else does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Rédaction en chef"
CODENAMES = ("add_previewlink", "view_previewlink", "change_previewlink")


def forwards(apps, schema_editor):
    # Django creates permissions after the last migration; this one needs them now.
    app_config = apps.get_app_config("previews")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="previews", codename__in=CODENAMES))


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="previews", codename__in=CODENAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("previews", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, backwards)]
