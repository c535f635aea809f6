"""Who may touch the knowledge base: journalists and the rédaction en chef; never sales."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    # Journalists create entities from the names they find in their text, and keep them up to date.
    "Journalistes": ["add_entity", "change_entity", "publish_entity", "view_entity"],
    "Rédaction en chef": ["add_entity", "change_entity", "delete_entity", "publish_entity", "view_entity"],
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    # Wagtail adds « publish » for draft-state snippets after migrations; this one needs it now.
    entity_type, _ = ContentType.objects.get_or_create(app_label="entities", model="entity")
    Permission.objects.get_or_create(content_type=entity_type, codename="publish_entity", defaults={"name": "Can publish entité"})
    for group_name, codenames in GRANTS.items():
        # The group is made here if this runs before the editorial set-up (which also get_or_creates it):
        # the knowledge base and sales depend on no feature app, not even by a migration.
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.filter(content_type__app_label="entities", codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="entities"))


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
