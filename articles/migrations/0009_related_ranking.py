"""The stored related-articles ranking (articles.related_ranking), the indexes its candidates are
read from, and the ranking of every article already live."""

import django.db.models.deletion
from django.db import migrations, models


def rank_live_articles(apps, schema_editor):
    from articles.related_ranking import rank_related

    ArticlePage = apps.get_model("articles", "ArticlePage")
    rank_related(ArticlePage.objects.filter(live=True).values_list("pk", flat=True))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_search_documents'),
        ('entities', '0002_entity_permissions'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='RelatedRanking',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(verbose_name='rang')),
                ('score', models.PositiveIntegerField(help_text='3 par entité partagée, 1 par mot-clé partagé.', verbose_name='score')),
            ],
            options={
                'verbose_name': 'article proche (calculé)',
                'verbose_name_plural': 'articles proches (calculés)',
            },
        ),
        migrations.AddIndex(
            model_name='articleentity',
            index=models.Index(fields=['entity', 'article'], name='articles_entity_article_idx'),
        ),
        migrations.AddIndex(
            model_name='articletag',
            index=models.Index(fields=['tag', 'content_object'], name='articles_tag_article_idx'),
        ),
        migrations.AddField(
            model_name='relatedranking',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.articlepage', verbose_name='article'),
        ),
        migrations.AddField(
            model_name='relatedranking',
            name='target',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.articlepage', verbose_name='article proche'),
        ),
        migrations.AddConstraint(
            model_name='relatedranking',
            constraint=models.UniqueConstraint(fields=('article', 'position'), name='articles_relatedranking_position'),
        ),
        migrations.RunPython(rank_live_articles, migrations.RunPython.noop, elidable=True),
    ]
