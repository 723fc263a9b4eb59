"""PostgreSQL indexes for the text filters the API offers (no-op on SQLite).

- trigram (pg_trgm) GIN indexes make the accent-folded "contains" searches on names and topic
  titles (``search_name LIKE '%nguyen van%'``) index scans instead of full scans;
- a ``text_pattern_ops`` index makes the org-unit subtree filter (``path LIKE '/02/034/%'``) an
  index range scan whatever the database collation.

Models cannot express these (operator classes, extensions), so this migration states them in
SQL; it changes no model state, so the drift check is unaffected.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = (
    ("official_search_name_trgm", "official", "search_name gin_trgm_ops", "gin"),
    ("org_unit_search_name_trgm", "org_unit", "search_name gin_trgm_ops", "gin"),
    ("topic_search_title_trgm", "topic", "search_title gin_trgm_ops", "gin"),
    ("org_unit_path_prefix", "org_unit", "path text_pattern_ops", "btree"),
)


def _is_postgres(schema_editor) -> bool:
    return schema_editor.client.capabilities.dialect == "postgres"


async def create_indexes(apps, schema_editor) -> None:
    if not _is_postgres(schema_editor):
        return
    await schema_editor.client.execute_script("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column, method in INDEXES:
        await schema_editor.client.execute_script(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING {method} ({column})'
        )


async def drop_indexes(apps, schema_editor) -> None:
    if not _is_postgres(schema_editor):
        return
    for name, *_ in INDEXES:
        await schema_editor.client.execute_script(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [ops.RunPython(create_indexes, drop_indexes)]
