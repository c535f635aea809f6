"""The rédaction en chef creates and revokes preview links; nobody else does."""

from django.db import migrations

from newsroom.group_permissions import grant, revoke

GRANTS = {"Rédaction en chef": ("add_previewlink", "view_previewlink", "change_previewlink")}


class Migration(migrations.Migration):
    dependencies = [("previews", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(lambda apps, schema_editor: grant(apps, "previews", GRANTS), lambda apps, schema_editor: revoke(apps, "previews", GRANTS))
    ]
