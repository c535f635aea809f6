"""The rédaction en chef plans and assigns; journalists read the plan (they change the status of
their own assignments through planning/services.py, not through the edit form)."""

from django.db import migrations

from newsroom.group_permissions import grant, revoke

EDITING = ("add_plannedstory", "change_plannedstory", "delete_plannedstory", "view_plannedstory")
EVENTS = ("add_newsroomevent", "change_newsroomevent", "delete_newsroomevent", "view_newsroomevent")
GRANTS = {
    "Rédaction en chef": EDITING + EVENTS,
    "Journalistes": ("view_plannedstory", "view_newsroomevent"),
}


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(lambda apps, schema_editor: grant(apps, "planning", GRANTS), lambda apps, schema_editor: revoke(apps, "planning", GRANTS))
    ]
