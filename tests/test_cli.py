"""The ``hocviec`` command, driven in-process: plugins, migrate, settings errors, --version."""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from tortoise.backends.base.executor import EXECUTOR_CACHE

from core import __version__, cli
from core.app import create_app
from core.db import PendingMigrationsError
from core.settings import Settings
from tests.conftest import builtin_registry, fresh_postgres_database
from tests.helpers import ROOT

BUILTINS = ("party_committee", "peoples_committee", "commune_civil_servants")
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "HOCVIEC_PLUGINS",
    "HOCVIEC_DEBUG",
    "HOCVIEC_MAX_PAGE_SIZE",
    "HOCVIEC_ENV",
)


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A clean environment: a SQLite file in tmp_path, the working directory there, built-ins
    only (tests never auto-load entry points).

    The commands run the ORM in this process, on SQLite. tortoise caches each table's INSERT
    statement by connection name and table, not by dialect, so the SQLite statements would
    then be reused for the PostgreSQL database of a ``--db=postgres`` run: the cache is emptied
    after each test.
    """
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{tmp_path / 'cli.sqlite3'}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "load_plugins", builtin_registry)
    yield monkeypatch
    EXECUTOR_CACHE.clear()


def plugin_states(output: str) -> dict[str, str]:
    """``hocviec plugins`` output → plugin id: enabled/disabled."""
    rows = [line.split("\t") for line in output.splitlines()]
    assert all(len(row) == 5 for row in rows), output
    return {row[0]: row[2] for row in rows}


def test_plugins_lists_the_builtins_as_enabled(env, capsys):
    # when
    code = cli.main(["plugins"])
    # then
    out = capsys.readouterr().out
    assert code == 0
    assert plugin_states(out) == dict.fromkeys(BUILTINS, "enabled")
    assert "built-in plugins.party_committee" in out
    assert "Party committee track (Đảng ủy)" in out


def test_plugins_shows_a_plugin_disabled_by_HOCVIEC_PLUGINS(env, capsys):
    # given
    env.setenv("HOCVIEC_PLUGINS", "-commune_civil_servants")
    # when
    code = cli.main(["plugins"])
    # then
    assert code == 0
    assert plugin_states(capsys.readouterr().out) == {
        "party_committee": "enabled",
        "peoples_committee": "enabled",
        "commune_civil_servants": "disabled",
    }


def test_migrate_applies_the_migrations_then_says_up_to_date(env, tmp_path, capsys):
    # when
    first = cli.main(["migrate"])
    first_out = capsys.readouterr().out
    second = cli.main(["migrate"])
    second_out = capsys.readouterr().out
    # then
    assert (first, second) == (0, 0)
    assert first_out.splitlines() == [
        "applied core.0001_initial",
        "applied core.0002_search_indexes",
        "applied core.0003_keyset_indexes",
        "applied core.0004_accounts",
        "applied core.0005_audit",
        "applied core.0006_roles",
        "applied core.0007_cohort_org_unit",
        "applied core.0008_enrollment_history",
        "applied core.0009_stored_files",
        "applied core.0010_teaching",
        "applied core.0011_assessment_schemes",
        "applied core.0012_question_banks",
        "applied core.0013_exams",
        "applied core.0014_component_scores",
        "applied core.0015_results",
        "applied core.0016_plugin_components",
        "applied core.0017_topic_title_en",
        "applied party_committee.0001_conclusion_drafts",
        "database is up to date",
    ]
    assert second_out.splitlines() == ["database is up to date"]
    assert (tmp_path / "cli.sqlite3").is_file()


def test_migrate_uses_the_default_sqlite_file_in_the_working_directory(env, tmp_path, capsys):
    # given no DATABASE_URL
    env.delenv("DATABASE_URL")
    # when
    code = cli.main(["migrate"])
    # then
    assert code == 0
    assert "applied core.0001_initial" in capsys.readouterr().out
    assert (tmp_path / "hocviec.sqlite3").is_file()


@pytest.mark.parametrize("value", ["no_such_plugin", "-no_such_plugin", "party_committee,nope"])
def test_an_unknown_plugin_in_HOCVIEC_PLUGINS_exits_2_naming_it(env, capsys, value):
    # given
    env.setenv("HOCVIEC_PLUGINS", value)
    unknown = value.split(",")[-1].lstrip("-")
    # when
    code = cli.main(["plugins"])
    # then
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("hocviec: ")
    assert "HOCVIEC_PLUGINS" in captured.err
    assert unknown in captured.err


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/hocviec"),
        ("DATABASE_URL", "sqlite://"),
        ("HOCVIEC_DEBUG", "maybe"),
        ("HOCVIEC_MAX_PAGE_SIZE", "0"),
        ("HOCVIEC_PLUGINS", "-"),
    ],
)
def test_a_bad_setting_exits_2_naming_the_variable(env, tmp_path, capsys, variable, value):
    # given
    env.setenv(variable, value)
    # when
    code = cli.main(["migrate"])
    # then
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith(f"hocviec: {variable}")
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_version(env, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"hocviec {__version__}\n"


def test_a_command_is_required(env, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main([])
    assert exited.value.code == 2
    assert "required" in capsys.readouterr().err


def test_schema_export_prints_the_committed_contract(env, capsys):
    code = cli.main(["schema", "export"])

    assert code == 0
    assert capsys.readouterr().out == (ROOT / "schema" / "schema.graphql").read_text("utf-8")


def test_schema_export_writes_a_file(env, tmp_path, capsys):
    target = tmp_path / "schema.graphql"

    code = cli.main(["schema", "export", "-o", str(target)])

    assert code == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert target.read_text("utf-8") == (ROOT / "schema" / "schema.graphql").read_text("utf-8")


@pytest.mark.postgres_only
async def test_serve_refuses_a_postgresql_database_with_pending_migrations(env, capsys):
    # given an empty PostgreSQL database (never migrated)
    async for url in fresh_postgres_database():
        env.setenv("DATABASE_URL", url)
        # when serve starts (in a thread: the command runs its own event loop)
        code = await asyncio.to_thread(cli.main, ["serve", "--port", "1"])
        # then it stops before listening, saying what to run
        assert code == 2
        assert "run `hocviec migrate` first" in capsys.readouterr().err


def test_serve_checks_the_database_url_option_like_the_variable(env, capsys):
    code = cli.main(["serve", "--database-url", "mysql://localhost/hocviec"])

    assert code == 2
    assert "'mysql://localhost/hocviec' is not supported" in capsys.readouterr().err


@pytest.mark.postgres_only
async def test_the_app_itself_refuses_pending_migrations_at_start_up():
    # as when run by `uvicorn --factory core.app:create_app` on PostgreSQL
    async for url in fresh_postgres_database():
        app = create_app(Settings(database_url=url), registry=builtin_registry())
        with pytest.raises(PendingMigrationsError, match="run `hocviec migrate` first"):
            async with app.router.lifespan_context(app):
                pass


# --------------------------------------------------------------------------------------------
# createuser
# --------------------------------------------------------------------------------------------


def accounts_in(database_url: str) -> list[tuple[str, str, bool]]:
    """``(username, display name, password hash is argon2id)`` of every account in the file."""
    path = database_url.removeprefix("sqlite://")
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT username, display_name, password_hash FROM account ORDER BY id"
        ).fetchall()
    return [(name, shown, hashed.startswith("$argon2id$")) for name, shown, hashed in rows]


def light_hashes(env) -> None:
    env.setenv("HOCVIEC_PASSWORD_MEMORY_KIB", "1024")
    env.setenv("HOCVIEC_PASSWORD_TIME_COST", "1")


def test_createuser_reads_the_password_from_standard_input(env, tmp_path, capsys):
    light_hashes(env)
    cli.main(["migrate"])
    env.setattr("sys.stdin", io.StringIO("Hà Giang 2019 học việc\n"))

    code = cli.main(
        ["createuser", "Nhien.HV", "--display-name", "Hoàng Văn Nhiên", "--password-stdin"]
    )

    assert code == 0
    assert capsys.readouterr().out.splitlines()[-1] == "created account nhien.hv"
    url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    assert accounts_in(url) == [("nhien.hv", "Hoàng Văn Nhiên", True)]


def test_createuser_asks_twice_and_refuses_different_answers(env, capsys):
    answers = iter(["Hà Giang 2019 học việc", "Hà Giang 2019 học việt"])
    env.setattr("getpass.getpass", lambda prompt: next(answers))

    code = cli.main(["createuser", "nhien.hv", "--display-name", "Hoàng Văn Nhiên"])

    assert code == 2
    assert "the passwords did not match" in capsys.readouterr().err


def test_createuser_says_what_is_wrong_and_creates_nothing(env, capsys):
    light_hashes(env)
    cli.main(["migrate"])
    env.setattr("sys.stdin", io.StringIO("short\n"))

    code = cli.main(["createuser", "x", "--display-name", "", "--password-stdin"])

    assert code == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(":")[1].strip() for line in errors] == [
        "username",
        "displayName",
        "password",
    ]


def test_grant_makes_the_first_admin_from_the_command_line(env, tmp_path, capsys):
    light_hashes(env)
    cli.main(["migrate"])
    env.setattr("sys.stdin", io.StringIO("Hà Giang 2019 học việc\n"))
    cli.main(["createuser", "admin.hg", "--display-name", "Quản trị", "--password-stdin"])
    with sqlite3.connect(tmp_path / "cli.sqlite3") as connection:
        connection.execute(
            "INSERT INTO org_unit (code, name, search_name, level, path, created_at) "
            "VALUES ('HG', 'Hà Giang', 'ha giang', 'province', '/HG/', '2026-01-01')"
        )
    capsys.readouterr()

    granted = cli.main(["grant", "admin.hg", "admin", "HG"])
    unknown_unit = cli.main(["grant", "admin.hg", "viewer", "NOWHERE"])
    unknown_user = cli.main(["grant", "nobody.here", "viewer", "HG"])

    out, err = capsys.readouterr()
    assert (granted, unknown_unit, unknown_user) == (0, 2, 2)
    assert out.splitlines() == ["granted admin on Hà Giang to admin.hg"]
    assert "no org unit has the code 'NOWHERE'" in err
    assert "username: No account has this sign-in name." in err


@pytest_asyncio.fixture
async def empty_database(db_kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a new, empty database of the kind under test."""
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path / 'demo.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


async def hocviec_command(database_url: str, *args: str) -> tuple[int, str, str]:
    """``hocviec ARGS`` in a process of its own (the ORM of this one stays on the test's
    database), with ``DATABASE_URL``; its exit status, output and errors."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HOCVIEC_")}
    environment |= {
        "DATABASE_URL": database_url,
        "HOCVIEC_PASSWORD_MEMORY_KIB": "1024",
        "HOCVIEC_PASSWORD_TIME_COST": "1",
    }
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "hocviec"),
        *args,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_demo_loads_the_demo_once_and_then_refuses_with_a_clear_message(empty_database):
    # given a migrated, empty database
    migrated, _, _ = await hocviec_command(empty_database, "migrate")
    # when the demo is loaded, then asked for again
    loaded, out, _ = await hocviec_command(empty_database, "demo")
    again, _, err = await hocviec_command(empty_database, "demo")
    # then the first writes the district and says so; the second refuses and changes nothing
    assert (migrated, loaded, again) == (0, 0, 2)
    assert out.splitlines()[-1] == "demo data loaded (accounts demo.*, password in the README)"
    assert err.strip().splitlines()[-1] == (
        "hocviec: demo data not loaded: the database already holds data (org units); "
        "the demo is only written into an empty database"
    )


def test_demo_is_refused_in_production(env, tmp_path, capsys):
    env.setenv("HOCVIEC_ENV", "production")
    assert cli.main(["demo"]) == 2
    assert "demo data is refused in production" in capsys.readouterr().err


def test_questions_import_checks_every_row_then_writes_them(env, tmp_path, capsys):
    cli.main(["migrate"])
    bank = tmp_path / "ngan-hang.csv"
    bank.write_text(
        "code,topic,stem,option_a,option_b,option_c,option_d,correct,explanation,difficulty\n"
        "PC01-1,PC01,Tuyên giáo là gì?,Tuyên truyền và giáo dục,Thu ngân sách,Xét xử,Cấp phép,"
        "A,Vì…,easy\n",
        encoding="utf-8",
    )
    broken = tmp_path / "hong.json"
    broken.write_text('[{"code": "X", "topic": "PC01", "stem": "?", "options": ["a", "b"]}]')
    capsys.readouterr()

    dry = cli.main(["questions", "import", str(bank), "--track", "party_committee", "--dry-run"])
    done = cli.main(["questions", "import", str(bank), "--track", "party_committee"])
    again = cli.main(["questions", "import", str(bank), "--track", "party_committee"])
    refused = cli.main(["questions", "import", str(broken), "--track", "party_committee"])

    out, err = capsys.readouterr()
    assert (dry, done, again, refused) == (0, 0, 0, 1)
    assert out.splitlines() == [
        "would import: 1 new, 0 revised, 0 unchanged",
        "imported: 1 new, 0 revised, 0 unchanged",
        "imported: 0 new, 0 revised, 1 unchanged",
        "would import: 0 new, 0 revised, 0 unchanged; 1 problem(s), nothing written",
    ]
    assert "row 1, correct: Name exactly one correct option (none given)." in err
    with sqlite3.connect(tmp_path / "cli.sqlite3") as connection:
        # the one good question; the refused file wrote nothing (shipped banks aside)
        imported = "SELECT code FROM question WHERE code IN ('PC01-1', 'X')"
        assert connection.execute(imported).fetchall() == [("PC01-1",)]
