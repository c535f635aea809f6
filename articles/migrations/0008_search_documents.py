"""The public search index (articles.search_index): its table, a GIN index on PostgreSQL, and the
documents of the articles already live. SQLite keeps an empty table (Wagtail's FTS5 index serves)."""

import articles.models.search
import django.db.models.deletion
from django.db import migrations, models


def index_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS articles_searchdocument_vector_gin ON articles_articlesearchdocument USING gin (vector)"
    )
    from articles.search_index import rebuild_index

    rebuild_index()


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS articles_searchdocument_vector_gin")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_article_deals'),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleSearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='articles.articlepage', verbose_name='article')),
                ('published_at', models.DateTimeField(null=True, verbose_name='première publication')),
                ('vector', articles.models.search.TextVectorField(editable=False, null=True, verbose_name='vecteur de recherche')),
            ],
            options={
                'indexes': [models.Index(fields=['published_at', 'article'], name='articles_searchdoc_date_idx')],
                'verbose_name': "entrée de l'index de recherche",
                'verbose_name_plural': "entrées de l'index de recherche",
            },
        ),
        migrations.RunPython(index_and_fill, drop_index, elidable=False),
    ]
