"""The Rédaction en chef manages webhooks and reads their delivery log (superusers do anyway)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Rédaction en chef"
CODENAMES = ["add_webhookendpoint", "change_webhookendpoint", "delete_webhookendpoint", "view_webhookendpoint", "view_webhookdelivery"]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.get(name=EDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="webhooks", codename__in=CODENAMES))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group = Group.objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="webhooks"))


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial"), ("articles", "0002_editorial_setup")]
    operations = [migrations.RunPython(forwards, backwards)]
