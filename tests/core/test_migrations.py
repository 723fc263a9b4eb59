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
from tortoise.context import TortoiseContext
from tortoise.migrations.api.migrate import migrate as tortoise_migrate
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
    # (the plugins' apps go: their first migrations depend on core's, missing here)
    config["apps"] = {"core": config["apps"]["core"]}
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
    "core.0008_enrollment_history",
    "core.0009_stored_files",
    "core.0010_teaching",
    "core.0011_assessment_schemes",
    "core.0012_question_banks",
    "core.0013_exams",
    "core.0014_component_scores",
    "core.0015_results",
    "core.0016_plugin_components",
    "core.0017_topic_title_en",
]
PLUGIN_MIGRATIONS = [
    "party_committee.0001_conclusion_drafts",
]
"""The built-in plugins' migrations, applied after the core's."""


async def test_migrating_a_fresh_database_creates_every_model_table(fresh_url):
    # given
    config = tortoise_config(fresh_url, builtin_registry())
    assert await pending_migrations(config) == CORE_MIGRATIONS + PLUGIN_MIGRATIONS
    applied: list[str] = []
    # when
    await apply_migrations(
        config,
        lambda event, app, name: applied.append(f"{app}.{name}") if event == "apply_done" else None,
    )
    # then
    assert applied == CORE_MIGRATIONS + PLUGIN_MIGRATIONS
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


# --------------------------------------------------------------------------------------------
# 0007: every cohort gets the org unit that runs it
# --------------------------------------------------------------------------------------------


async def database_before_cohort_units(url: str) -> dict:
    """``url`` migrated up to 0006 (cohorts without an org unit); returns the config."""
    config = tortoise_config(url, builtin_registry())
    async with TortoiseContext():
        await tortoise_migrate(config=config, app_labels=["core"], target="core.0006_roles")
    return config


async def execute(url: str, *statements: str) -> list[tuple]:
    """Run SQL on ``url`` outside the ORM (the models already expect the later schema);
    returns the last statement's rows."""
    if url.startswith("sqlite://"):
        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            rows: list[tuple] = []
            for statement in statements:
                rows = connection.execute(statement).fetchall()
            return rows
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        found: list[tuple] = []
        for statement in statements:
            found = [tuple(row) for row in await connection.fetch(statement)]
        return found
    finally:
        await connection.close()


OLD_TREE = (
    "INSERT INTO org_unit (id, code, name, search_name, level, parent_id, path, created_at) "
    "VALUES (1, '02', 'Hà Giang', 'ha giang', 'province', NULL, '/02/', '2019-01-01'), "
    "(2, '034', 'Bắc Quang', 'bac quang', 'district', 1, '/02/034/', '2019-01-01'), "
    "(3, '01192', 'Vĩnh Hảo', 'vinh hao', 'commune', 2, '/02/034/01192/', '2019-01-01')",
    "INSERT INTO programme (id, code, title, org_unit_id, start_year, end_year) "
    "VALUES (1, 'DA', 'Đề án', 2, 2016, 2020)",
    "INSERT INTO post (id, code, title, title_en, kind) "
    "VALUES (1, 'party_secretary', 'Bí thư', 'Secretary', 'cadre')",
    "INSERT INTO track (id, code, title, title_en, description, plugin_id, is_active) "
    "VALUES (1, 'party_committee', 'Đảng ủy', 'Party', '', 'party_committee', true)",
    "INSERT INTO official (id, full_name, search_name, gender, ethnicity, "
    "professional_qualification, political_theory_level, status, org_unit_id, post_id, "
    "created_at, updated_at) VALUES (1, 'Hoàng Văn Nhiên', 'hoang van nhien', 'male', 'Tày', '', "
    "'none', 'active', 3, 1, '2019-01-01', '2019-01-01')",
)


def cohort_row(cohort_id: int, programme: str) -> str:
    return (
        "INSERT INTO cohort (id, name, track_id, programme_id, starts_on, ends_on, capacity, "
        f"status, created_at, updated_at) VALUES ({cohort_id}, 'Khóa {cohort_id}', 1, "
        f"{programme}, '2019-05-06', '2019-07-19', 10, 'open', '2019-01-01', '2019-01-01')"
    )


async def test_existing_cohorts_get_their_programmes_or_their_officials_district(fresh_url):
    # given a cohort of a programme and one without, whose official serves in a commune
    config = await database_before_cohort_units(fresh_url)
    await execute(
        fresh_url,
        *OLD_TREE,
        cohort_row(1, "1"),
        cohort_row(2, "NULL"),
        "INSERT INTO enrollment (id, official_id, cohort_id, status, enrolled_at) "
        "VALUES (1, 1, 2, 'enrolled', '2019-05-06')",
    )
    # when the rest is applied
    await apply_migrations(config)
    # then both belong to the district
    rows = await execute(fresh_url, "SELECT id, org_unit_id FROM cohort ORDER BY id")
    assert rows == [(1, 2), (2, 2)]
    # and (0008) the enrollment's history starts with its enrolment
    events = await execute(fresh_url, "SELECT enrollment_id, kind FROM enrollment_event")
    assert events == [(1, "enrolled")]


async def test_a_cohort_without_programme_or_officials_stops_the_migration(fresh_url):
    config = await database_before_cohort_units(fresh_url)
    await execute(fresh_url, *OLD_TREE, cohort_row(7, "NULL"))

    with pytest.raises(Exception, match=r"cohort 7 \(Khóa 7\): no programme and no enrolled"):
        await apply_migrations(config)

    assert "core.0007_cohort_org_unit" in await pending_migrations(config)
    # and once the cohort is given a programme, as the message says, it runs through
    await execute(fresh_url, "UPDATE cohort SET programme_id = 1 WHERE id = 7")
    await apply_migrations(config)
    assert await execute(fresh_url, "SELECT org_unit_id FROM cohort") == [(2,)]
