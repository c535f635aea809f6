"""An article links the deals it reports (was `entities.Deal.article`): the existing links move here."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Deal = apps.get_model("entities", "Deal")
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArticleDeal = apps.get_model("articles", "ArticleDeal")
    articles = set(ArticlePage.objects.values_list("pk", flat=True))
    ArticleDeal.objects.bulk_create(
        ArticleDeal(article_id=article_id, deal_id=deal_id, sort_order=0)
        for deal_id, article_id in Deal.objects.filter(article__isnull=False).values_list("pk", "article_id")
        if article_id in articles
    )


def copy_back(apps, schema_editor):
    Deal = apps.get_model("entities", "Deal")
    for link in apps.get_model("articles", "ArticleDeal").objects.order_by("-sort_order"):
        Deal.objects.filter(pk=link.deal_id).update(article_id=link.article_id)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_french_search_configuration"),
        ("entities", "0002_entity_permissions"),
    ]
    # The links are read from the column entities drops next: this data move runs first.
    run_before = [("entities", "0003_remove_deal_article")]

    operations = [
        migrations.CreateModel(
            name="ArticleDeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "article",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reported_deals", to="articles.articlepage"
                    ),
                ),
                (
                    "deal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reports", to="entities.deal", verbose_name="opération"
                    ),
                ),
            ],
            options={
                "verbose_name": "opération rapportée",
                "verbose_name_plural": "opérations rapportées",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_links, copy_back),
    ]
