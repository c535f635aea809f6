"""The knowledge base knows no page type: a deal's reporting article is now linked from the article
(the articles app copies the links before this runs, with `run_before`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0002_entity_permissions"),
    ]

    operations = [
        migrations.RemoveField(model_name="deal", name="article"),
    ]
