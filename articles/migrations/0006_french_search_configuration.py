"""PostgreSQL only: the `french_unaccent` text-search configuration Wagtail's search backend uses.

A copy of `french` whose words go through `unaccent` before the French Snowball stemmer, so that
« securite » finds « sécurité » and « recrutement » finds « recruter ». SQLite (the `make run`
default) has no text-search configurations: its FTS5 tokenizer already ignores accents.

Index entries written with another configuration must be rebuilt once: `manage.py update_index`.
"""

from django.db import migrations


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # `unaccent` is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Re-running (a database restored from a dump) must not fail on the existing configuration.
    schema_editor.execute(
        """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
                CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
            END IF;
        END
        $$;
        """
    )
    # Only the mappings that can carry accents: asciiword and the rest keep french's dictionaries.
    schema_editor.execute(
        "ALTER TEXT SEARCH CONFIGURATION french_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other objects may use it.
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_partner_strip_block"),
    ]

    operations = [
        migrations.RunPython(create_configuration, drop_configuration, elidable=False),
    ]
