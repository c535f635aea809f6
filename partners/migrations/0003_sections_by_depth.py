"""Partners name no page type: the rubriques are the pages right under the home page."""

import modelcluster.fields
from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_partner_permissions"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="partner",
            name="sections",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Le bloc de ces rubriques (leur page) montre aussi ce partenaire.",
                limit_choices_to={"depth": 3},
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
                verbose_name="rubriques",
            ),
        ),
    ]
