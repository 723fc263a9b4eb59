"""Migrations: the committed ones produce exactly the models, apply cleanly, and apply once.

A fresh database is of the kind under test (``--db``): a SQLite file in ``tmp_path`` or a new
PostgreSQL database. Initialising tortoise on another dialect in the same process would
rebuild the models' shared query state for that dialect and break the session database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from tortoise.migrations.writer import MigrationWriter

from core.db import (
    apply_migrations,
    model_changes,
    open_context,
    pending_migrations,
    tortoise_config,
)
from tests.conftest import builtin_registry, fresh_postgres_database

MIGRATION_TABLE = "tortoise_migrations"


@pytest_asyncio.fixture
async def fresh_url(db_kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a new, empty database of the kind under test."""
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path / 'fresh.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


def describe(writer: MigrationWriter) -> str:
    operations = ", ".join(type(operation).__name__ for operation in writer.operations)
    return f"{writer.app_label}.{writer.name}: {operations}"


async def database_tables(url: str) -> dict[str, set[str]]:
    """Table name → column names, read from the database's own catalogue."""
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {
                name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')}
                for name in names
            }
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await connection.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        )
    finally:
        await connection.close()
    tables: dict[str, set[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], set()).add(row["column_name"])
    return tables


async def model_tables(config: dict) -> dict[str, set[str]]:
    """Table name → column names the initialised models expect (M2M tables: no columns)."""
    context = await open_context(config)
    try:
        tables: dict[str, set[str]] = {}
        for app_models in context.apps.values():
            for model in app_models.values():
                tables[model._meta.db_table] = set(model._meta.fields_db_projection.values())
                for through in model._meta.m2m_fields:
                    tables.setdefault(model._meta.fields_map[through].through, set())
        return tables
    finally:
        await context.close_connections()


async def test_the_committed_migrations_match_the_models(database_url):
    # given the models of core and of every built-in plugin (no connection is opened)
    config = tortoise_config(database_url, builtin_registry())
    # when
    changes = await model_changes(config)
    # then no migration is missing
    assert [describe(writer) for writer in changes] == []


async def test_the_drift_check_reports_models_without_migrations(
    database_url, tmp_path, monkeypatch
):
    # given core's models pointed at an empty migrations package
    package = tmp_path / "empty_core_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    config = tortoise_config(database_url, builtin_registry())
    config["apps"]["core"]["migrations"] = "empty_core_migrations"
    # when
    changes = await model_changes(config)
    # then the missing initial migration is reported
    assert [writer.app_label for writer in changes] == ["core"]
    assert "CreateModel" in describe(changes[0])


CORE_MIGRATIONS = [
    "core.0001_initial",
    "core.0002_search_indexes",
    "core.0003_keyset_indexes",
    "core.0004_accounts",
    "core.0005_audit",
    "core.0006_roles",
    "core.0007_cohort_org_unit",
]


async def test_migrating_a_fresh_database_creates_every_model_table(fresh_url):
    # given
    config = tortoise_config(fresh_url, builtin_registry())
    assert await pending_migrations(config) == CORE_MIGRATIONS
    applied: list[str] = []
    # when
    await apply_migrations(
        config,
        lambda event, app, name: applied.append(f"{app}.{name}") if event == "apply_done" else None,
    )
    # then
    assert applied == CORE_MIGRATIONS
    assert await pending_migrations(config) == []
    tables = await database_tables(fresh_url)
    expected = await model_tables(config)
    assert {"official", "cohort", "track_post", "cohort_host_agency"} <= expected.keys()
    assert set(tables) == set(expected) | {MIGRATION_TABLE}
    for table, columns in expected.items():
        assert columns <= tables[table], table


async def test_migrating_twice_applies_nothing_the_second_time(fresh_url):
    # given a migrated database
    config = tortoise_config(fresh_url, builtin_registry())
    await apply_migrations(config)
    tables_before = await database_tables(fresh_url)
    events: list[tuple[str, str, str]] = []
    # when
    await apply_migrations(config, lambda *event: events.append(event))
    # then
    assert [event for event in events if event[0] == "apply_done"] == []
    assert await database_tables(fresh_url) == tables_before
    assert await pending_migrations(config) == []


async def test_the_session_database_has_no_pending_migration(app, database_url):
    # given the app fixture migrated the session database (SQLite or PostgreSQL)
    config = tortoise_config(database_url, builtin_registry())
    # when
    pending = await pending_migrations(config)
    # then
    assert pending == []


SEARCH_INDEXES = {
    "official_search_name_trgm",
    "org_unit_search_name_trgm",
    "topic_search_title_trgm",
    "org_unit_path_prefix",
}


@pytest.mark.postgres_only
async def test_postgresql_has_the_search_indexes(app, db):
    # the session database was migrated by the app fixture
    rows = await app.state.tortoise.db().execute_query_dict(
        "SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)", [list(SEARCH_INDEXES)]
    )

    assert {row["indexname"] for row in rows} == SEARCH_INDEXES


def test_model_descriptions_survive_the_sqlite_schema_editor():
    # tortoise 1.1's SQLite schema editor splits DDL on ";" and table/column comments come from
    # model docstrings and field descriptions: a ";" or "`" in them breaks `hocviec migrate`.
    from core.models import __models__

    texts = [(model.__name__, model._meta.table_description or "") for model in __models__] + [
        (f"{model.__name__}.{name}", field.description or "")
        for model in __models__
        for name, field in model._meta.fields_map.items()
    ]

    assert [where for where, text in texts if ";" in text or "`" in text] == []
