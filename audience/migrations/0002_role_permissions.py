"""The Rédaction en chef prepares, edits and sends editions and reads every count; sales (Commercial)
see the editions and the counts of sponsored articles. Nobody gets the subscriber list."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Rédaction en chef": [
        "add_edition",
        "change_edition",
        "delete_edition",
        "view_edition",
        "send_edition",
        "view_articlereadcount",
        "view_all_read_counts",
    ],
    "Commercial": ["view_edition", "view_articlereadcount"],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="audience", codename__in=codenames))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="audience"))


class Migration(migrations.Migration):
    dependencies = [("audience", "0001_initial"), ("articles", "0002_editorial_setup"), ("partners", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
