"""Seed a benchmark database: 100,000 officials in 10,777 org units, a cohort of 5,000, 40
cohorts of 50, and the two accounts the benchmarks sign in with.

The schema comes from hocviec's own migrations and plugin sync (posts, tracks); the rows are
bulk-inserted (``COPY`` through asyncpg on PostgreSQL, one ``executemany`` on SQLite), so a
seed takes seconds. Names follow the Vietnamese surname distribution (Nguyễn ~38%), so a search
for "nguyen van" matches tens of thousands of rows and a rare given name a handful.

    python bench/seed.py --database-url postgres://postgres@127.0.0.1:5432/hocviec_bench
    python bench/seed.py --database-url sqlite:///tmp/hocviec-bench.sqlite3

Cohort 1 (5,000 enrollments) is the roster of the benchmark's roster workloads; cohorts 2 to 41
(:data:`EXTRA_COHORTS`, 50 enrollments each, officials of no other cohort, varied first days in
the programme's years) make the page of cohorts with their enrollments.

Idempotent: on a database that holds officials already (an earlier seed, of this version or an
earlier one) it inserts no officials; it applies the pending migrations, adds cohorts 2 to 41
with their enrollments if the database has none of them (a seed from before they existed), and
adds what is missing of the accounts and their grants. The accounts (published passwords:
benchmark databases only):

- :data:`ADMIN`, admin on every top org unit (the 63 provinces): sees every official;
- :data:`COORDINATOR`, coordinator on one district, the one with the median number of officials
  (about 1/705 of them): sees that district's officials only.

Deterministic: the same seed gives the same rows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from starlette.applications import Starlette

from core.app import create_app
from core.plugins import discover, load_plugins
from core.settings import Settings
from core.text import nfc, search_key


@dataclass(frozen=True)
class BenchAccount:
    username: str
    display_name: str
    password: str


ADMIN = BenchAccount("bench-admin", "Quản trị (benchmark)", "bench-admin-password")
COORDINATOR = BenchAccount(
    "bench-coordinator", "Điều phối huyện (benchmark)", "bench-coordinator-password"
)

PROVINCES = 63
DISTRICTS_PER_PROVINCE = (11, 12)
"""11 districts a province, 12 in the first 12: 705 districts in all."""
COMMUNES = 10_009
"""63 provinces + 705 districts + 10,009 communes = 10,777 org units."""

SURNAMES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Phan", 45),
    ("Vũ", 39), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Lò", 8), ("Sùng", 6), ("Giàng", 6), ("Vàng", 6), ("Thào", 5), ("Ma", 4),
    ("Nông", 5), ("Triệu", 4), ("Lục", 2), ("Mùa", 2), ("Chẻo", 1),
]  # fmt: skip
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công"], "female": ["Thị", "Ngọc", "Thu"]}
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
    "Hương", "Huy", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung",
    "Phong", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thắng", "Thành", "Thảo", "Thu", "Thủy",
    "Tiến", "Toàn", "Trang", "Trung", "Tú", "Tuấn", "Tùng", "Vân", "Việt", "Xuân", "Yến", "Pể",
    "Sính", "Chứ", "Dợ",
]  # fmt: skip
RARE_GIVEN = "Khuyến"
"""A given name only a few officials have (the rare-name search of the benchmark)."""
RARE_COUNT = 7

COHORT_SIZE = 5_000
PROGRAMME_CODE = "bench-2025"
PROGRAMME_TITLE = "Chương trình học việc 2025–2027"
"""The programme the cohort belongs to: it is run by the first province (the cohort's org
unit), as migration 0007 needs to know for a database seeded before it."""
EPOCH = datetime(2025, 1, 6, 1, 30, tzinfo=UTC)

EXTRA_COHORTS = range(2, 42)
"""Cohorts 2 to 41, beside cohort 1: the page of cohorts with their enrollments."""
EXTRA_COHORT_SIZE = 50
COHORT_WEEKS = 140
"""Extra cohorts start on a Monday of the 140 weeks from 6 January 2025 (the last one on 13
September 2027) and last 74 days like cohort 1, so they end within the programme (2025–2027)."""
COHORT_DAYS = 74


def org_units() -> Iterator[tuple[Any, ...]]:
    """(id, code, name, search_name, level, parent_id, path, created_at) for 10,777 units."""
    next_id = 1
    districts: list[tuple[int, str]] = []
    for p in range(1, PROVINCES + 1):
        code, name = f"{p:02d}", f"Tỉnh Số {p}"
        province_id = next_id
        next_id += 1
        yield (province_id, code, name, search_key(name), "province", None, f"/{code}/", EPOCH)
        for d in range(DISTRICTS_PER_PROVINCE[p <= 12]):
            d_code = f"{code}{d:03d}"
            d_name = f"Huyện Số {p}-{d}"
            path = f"/{code}/{d_code}/"
            districts.append((next_id, path))
            yield (
                next_id,
                d_code,
                d_name,
                search_key(d_name),
                "district",
                province_id,
                path,
                EPOCH,
            )
            next_id += 1
    for c in range(COMMUNES):
        district_id, district_path = districts[c % len(districts)]
        code = f"X{c:05d}"
        name = nfc(f"Xã Số {c}")
        level = "township" if c % 13 == 0 else "commune"
        path = f"{district_path}{code}/"
        yield (next_id, code, name, search_key(name), level, district_id, path, EPOCH)
        next_id += 1


def officials(
    count: int, commune_ids: list[int], post_ids: list[int], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    """Rows of the official table (id first), deterministic for a given ``rng``."""
    surnames = [name for name, _ in SURNAMES]
    weights = [weight for _, weight in SURNAMES]
    rare_at = set(rng.sample(range(count), RARE_COUNT))
    for n in range(count):
        gender = "male" if rng.random() < 0.6 else "female"
        given = RARE_GIVEN if n in rare_at else rng.choice(GIVEN)
        full_name = nfc(f"{rng.choices(surnames, weights)[0]} {rng.choice(MIDDLE[gender])} {given}")
        created = EPOCH + timedelta(seconds=n)
        yield (
            n + 1,
            full_name,
            search_key(full_name),
            gender,
            rng.randint(1965, 2000),
            "Kinh" if rng.random() < 0.7 else "Tày",
            commune_ids[n % len(commune_ids)],
            post_ids[rng.randrange(len(post_ids))],
            "Đại học",
            "intermediate",
            "active",
            created,
            created,
        )


ORG_UNIT_COLUMNS = ("id", "code", "name", "search_name", "level", "parent_id", "path", "created_at")
PROGRAMME_COLUMNS = ("id", "code", "title", "org_unit_id", "start_year", "end_year")
OFFICIAL_COLUMNS = (
    "id", "full_name", "search_name", "gender", "birth_year", "ethnicity", "org_unit_id",
    "post_id", "professional_qualification", "political_theory_level", "status", "created_at",
    "updated_at",
)  # fmt: skip
COHORT_COLUMNS = (
    "id", "name", "track_id", "programme_id", "org_unit_id", "starts_on", "ends_on", "capacity",
    "status", "created_at", "updated_at",
)  # fmt: skip
ENROLLMENT_COLUMNS = ("id", "official_id", "cohort_id", "status", "enrolled_at", "withdrawn_at")


def rows(officials_count: int, post_ids: list[int], track_id: int) -> dict[str, list[tuple]]:
    rng = random.Random(5)
    units = list(org_units())
    commune_ids = [row[0] for row in units if row[4] in ("commune", "township")]
    people = list(officials(officials_count, commune_ids, post_ids, rng))
    first_province = units[0][0]
    programme = (1, PROGRAMME_CODE, PROGRAMME_TITLE, first_province, 2025, 2027)
    cohort = (
        1, "Khóa học việc 2025", track_id, 1, first_province, date(2025, 3, 3), date(2025, 5, 16),
        COHORT_SIZE, "in_progress", EPOCH, EPOCH,
    )  # fmt: skip
    members = sorted(rng.sample(range(1, officials_count + 1), COHORT_SIZE))
    enrollments = [
        (n + 1, official_id, 1, "enrolled", EPOCH + timedelta(seconds=n), None)
        for n, official_id in enumerate(members)
    ]
    return {
        "org_unit": units,
        "programme": [programme],
        "official": people,
        "cohort": [cohort],
        "enrollment": enrollments,
    }


def extra_cohort_rows(
    cohort_one: tuple[int, int | None, int], free_officials: list[int], first_enrollment: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows of cohorts 2 to 41 and their enrollments (ids from ``first_enrollment``).

    ``cohort_one`` is (track, programme, org unit) of cohort 1, which they share: the same track,
    programme and org unit (the first province), in progress, capacity 50. Their officials are
    drawn from ``free_officials`` (those in no cohort: an official is in one running cohort of a
    track at a time), 50 a cohort, none in two. Deterministic for the same arguments.
    """
    track_id, programme_id, org_unit_id = cohort_one
    rng = random.Random(41)
    count = len(EXTRA_COHORTS) * EXTRA_COHORT_SIZE
    if len(free_officials) < count:
        raise SystemExit(f"{len(free_officials)} officials in no cohort: {count} needed")
    drawn = rng.sample(sorted(free_officials), count)
    cohorts: list[tuple[Any, ...]] = []
    enrollments: list[tuple[Any, ...]] = []
    next_id = first_enrollment
    for n, pk in enumerate(EXTRA_COHORTS):
        starts = EPOCH.date() + timedelta(weeks=rng.randrange(COHORT_WEEKS))
        name = nfc(f"Khóa học việc {starts.year} – lớp {pk}")
        cohorts.append(
            (
                pk, name, track_id, programme_id, org_unit_id, starts,
                starts + timedelta(days=COHORT_DAYS), EXTRA_COHORT_SIZE, "in_progress", EPOCH,
                EPOCH,
            )
        )  # fmt: skip
        members = drawn[n * EXTRA_COHORT_SIZE : (n + 1) * EXTRA_COHORT_SIZE]
        for official_id in sorted(members):
            at = EPOCH + timedelta(seconds=next_id)
            enrollments.append((next_id, official_id, pk, "enrolled", at, None))
            next_id += 1
    return cohorts, enrollments


_FIRST, _LAST = EXTRA_COHORTS[0], EXTRA_COHORTS[-1]
EXTRA_STATE = (
    f"SELECT (SELECT count(*) FROM cohort WHERE id BETWEEN {_FIRST} AND {_LAST}) AS extra, "
    "(SELECT coalesce(max(id), 0) FROM enrollment) AS last_enrollment"
)
COHORT_ONE = "SELECT track_id, programme_id, org_unit_id FROM cohort WHERE id = 1"
FREE_OFFICIALS = (
    "SELECT id FROM official o WHERE NOT EXISTS "
    "(SELECT 1 FROM enrollment e WHERE e.official_id = o.id) ORDER BY id"
)


def _extra_to_add(extra: int) -> bool:
    """Whether cohorts 2 to 41 are still to add (none of them is there)."""
    if extra == len(EXTRA_COHORTS):
        return False
    if extra:
        raise SystemExit(
            f"{extra} of cohorts {EXTRA_COHORTS[0]}–{EXTRA_COHORTS[-1]} exist, not all: drop "
            "the database and seed it again (README)"
        )
    return True


async def ensure_cohorts_postgres(connection: Any) -> int:
    """Add cohorts 2 to 41 with their enrollments unless they are there; returns how many."""
    state = await connection.fetchrow(EXTRA_STATE)
    if not _extra_to_add(state["extra"]):
        return 0
    one = await connection.fetchrow(COHORT_ONE)
    if one is None:
        raise SystemExit("no cohort 1: drop the database and seed it again (README)")
    free = [row["id"] for row in await connection.fetch(FREE_OFFICIALS)]
    cohorts, enrollments = extra_cohort_rows(tuple(one), free, state["last_enrollment"] + 1)
    async with connection.transaction():
        for table, records in (("cohort", cohorts), ("enrollment", enrollments)):
            await connection.copy_records_to_table(
                table, records=records, columns=list(COLUMNS[table])
            )
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    return len(cohorts)


def ensure_cohorts_sqlite(connection: sqlite3.Connection) -> int:
    """Add cohorts 2 to 41 with their enrollments unless they are there; returns how many."""
    extra, last_enrollment = connection.execute(EXTRA_STATE).fetchone()
    if not _extra_to_add(extra):
        return 0
    one = connection.execute(COHORT_ONE).fetchone()
    if one is None:
        raise SystemExit("no cohort 1: drop the database and seed it again (README)")
    free = [row[0] for row in connection.execute(FREE_OFFICIALS)]
    cohorts, enrollments = extra_cohort_rows(tuple(one), free, last_enrollment + 1)
    with connection:
        for table, records in (("cohort", cohorts), ("enrollment", enrollments)):
            _insert_sqlite(connection, table, records)
    return len(cohorts)


COLUMNS = {
    "org_unit": ORG_UNIT_COLUMNS,
    "programme": PROGRAMME_COLUMNS,
    "official": OFFICIAL_COLUMNS,
    "cohort": COHORT_COLUMNS,
    "enrollment": ENROLLMENT_COLUMNS,
}


@asynccontextmanager
async def app_database(url: str) -> AsyncIterator[Starlette]:
    """The real app's database, migrated and synced (posts, tracks), open for the ORM."""
    settings = Settings(database_url=url)
    app = create_app(
        settings,
        registry=load_plugins(candidates=discover(include_entry_points=False)),
        migrate=True,
    )
    async with app.router.lifespan_context(app):
        with app.state.tortoise:
            yield app


async def create_schema(url: str) -> tuple[list[int], int]:
    """Migrate and sync the plugins through the real app; returns the post ids and a track id."""
    from core.models import Post, Track

    async with app_database(url):
        post_ids = sorted(await Post.all().values_list("id", flat=True))  # type: ignore[arg-type]
        track = await Track.get(code="party_committee")
        return [int(pk) for pk in post_ids], track.id


# --------------------------------------------------------------------------------------------
# A database seeded by an earlier version
# --------------------------------------------------------------------------------------------

_CODE, _TITLE = PROGRAMME_CODE, PROGRAMME_TITLE
EARLIER_PROGRAMME = (
    "INSERT INTO programme (code, title, org_unit_id, start_year, end_year) "
    f"SELECT '{_CODE}', '{_TITLE}', id, 2025, 2027 FROM org_unit WHERE parent_id IS NULL "
    f"AND NOT EXISTS (SELECT 1 FROM programme WHERE code = '{_CODE}') "
    "AND EXISTS (SELECT 1 FROM cohort WHERE programme_id IS NULL) ORDER BY path LIMIT 1"
)
EARLIER_COHORTS = (
    f"UPDATE cohort SET programme_id = (SELECT id FROM programme WHERE code = '{_CODE}') "
    "WHERE programme_id IS NULL"
)


def _needs_programme(tables: set[str], cohort_columns: set[str]) -> bool:
    """Whether the database was seeded before cohorts had an org unit (migration 0007): its
    cohort, drawn from officials of every district, has no programme, so that migration could
    not tell which unit runs it."""
    return "cohort" in tables and "programme" in tables and "org_unit_id" not in cohort_columns


async def prepare_earlier_postgres(connection: Any) -> bool:
    tables = {
        row["tablename"]
        for row in await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = $1", "public"
        )
    }
    columns = {
        row["column_name"]
        for row in await connection.fetch(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'cohort'"
        )
    }
    if not _needs_programme(tables, columns):
        return False
    async with connection.transaction():
        await connection.execute(EARLIER_PROGRAMME)
        await connection.execute(EARLIER_COHORTS)
    return True


def prepare_earlier_sqlite(connection: sqlite3.Connection) -> bool:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    columns = {row[1] for row in connection.execute("PRAGMA table_info(cohort)")}
    if not _needs_programme(tables, columns):
        return False
    with connection:
        connection.execute(EARLIER_PROGRAMME)
        connection.execute(EARLIER_COHORTS)
    return True


# --------------------------------------------------------------------------------------------
# The accounts
# --------------------------------------------------------------------------------------------

DISTRICTS_BY_OFFICIALS = """
SELECT d.id, d.code, d.name, count(o.id) AS officials
FROM org_unit d JOIN org_unit c ON c.parent_id = d.id JOIN official o ON o.org_unit_id = c.id
WHERE d.level = 'district'
GROUP BY d.id, d.code, d.name
ORDER BY officials, d.code
"""


async def ensure_accounts(url: str) -> None:
    """Create the benchmark accounts and grant their roles, whatever of it is missing."""
    from core.models import Account, OrgUnit, RoleGrant
    from core.models.enums import Role
    from core.services.accounts import AccountDraft, create_account
    from core.services.roles import grant_role

    async def account(wanted: BenchAccount) -> Account:
        found = await Account.get_or_none(username=wanted.username)
        if found is not None:
            return found
        draft = AccountDraft(wanted.username, wanted.display_name, wanted.password)
        return await create_account(draft, Settings(database_url=url))

    async with app_database(url) as app:
        admin = await account(ADMIN)
        # Every top unit: more than MAX_GRANTS_PER_ACCOUNT (50) for the 63 provinces, which the
        # grant service (``hocviec grant``) refuses; written directly, as the tests' admin is.
        tops = await OrgUnit.filter(parent_id=None).values_list("id", flat=True)
        held = await RoleGrant.filter(account_id=admin.id, role=Role.ADMIN).values_list(
            "org_unit_id", flat=True
        )
        missing = sorted(set(tops) - set(held))
        if missing:
            await RoleGrant.bulk_create(
                RoleGrant(account_id=admin.id, role=Role.ADMIN, org_unit_id=unit)
                for unit in missing
            )
        print(f"{ADMIN.username}: admin on {len(tops)} top org units")

        coordinator = await account(COORDINATOR)
        grant = (
            await RoleGrant.filter(account_id=coordinator.id, role=Role.COORDINATOR)
            .select_related("org_unit")
            .first()
        )
        if grant is None:
            districts = await app.state.tortoise.db().execute_query_dict(DISTRICTS_BY_OFFICIALS)
            if not districts:
                raise SystemExit("no district holds officials: seed the officials first")
            median = districts[len(districts) // 2]
            if median["officials"] < 100:
                raise SystemExit(f"district {median['code']} holds under 100 officials")
            grant = await grant_role(
                None, COORDINATOR.username, Role.COORDINATOR, int(median["id"])
            )
            await grant.fetch_related("org_unit")
        unit = grant.org_unit
        count = await app.state.tortoise.db().execute_query_dict(
            "SELECT count(*) AS n FROM official o JOIN org_unit u ON u.id = o.org_unit_id "
            f"WHERE u.path LIKE '{unit.path}%'"
        )
        print(
            f"{COORDINATOR.username}: coordinator on {unit.name} ({unit.code}), "
            f"{count[0]['n']} officials"
        )


# --------------------------------------------------------------------------------------------
# Seeding
# --------------------------------------------------------------------------------------------


async def seed_postgres(url: str, officials_count: int) -> int:
    """Seed (or complete) the database; returns the number of officials inserted."""
    import asyncpg

    dsn = url.replace("postgres://", "postgresql://", 1)
    parts = urlsplit(dsn)
    admin = await asyncpg.connect(urlunsplit(parts._replace(path="/postgres")))
    name = parts.path.lstrip("/")
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    connection = await asyncpg.connect(dsn)
    try:
        if await prepare_earlier_postgres(connection):
            print(f"seeded by an earlier version: its cohort gets the programme {PROGRAMME_CODE}")
    finally:
        await connection.close()
    post_ids, track_id = await create_schema(url)
    inserted = 0
    connection = await asyncpg.connect(dsn)
    try:
        if existing := await connection.fetchval("SELECT count(*) FROM official"):
            print(f"{name} holds {existing} officials already: no rows inserted")
        else:
            async with connection.transaction():
                for table, records in rows(officials_count, post_ids, track_id).items():
                    await connection.copy_records_to_table(
                        table, records=records, columns=list(COLUMNS[table])
                    )
                    await connection.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
            inserted = officials_count
        if added := await ensure_cohorts_postgres(connection):
            print(f"added {added} cohorts of {EXTRA_COHORT_SIZE} (ids {EXTRA_COHORTS[0]}+)")
        await ensure_accounts(url)
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return inserted


def seed_sqlite(url: str, officials_count: int) -> int:
    """Seed (or complete) the database; returns the number of officials inserted."""
    path = url.removeprefix("sqlite://")
    with sqlite3.connect(path) as connection:
        if prepare_earlier_sqlite(connection):
            print(f"seeded by an earlier version: its cohort gets the programme {PROGRAMME_CODE}")
    connection.close()
    post_ids, track_id = asyncio.run(create_schema(url))
    inserted = 0
    connection = sqlite3.connect(path)
    try:
        if existing := connection.execute("SELECT count(*) FROM official").fetchone()[0]:
            print(f"the database holds {existing} officials already: no rows inserted")
        else:
            with connection:
                for table, records in rows(officials_count, post_ids, track_id).items():
                    _insert_sqlite(connection, table, records)
            inserted = officials_count
        if added := ensure_cohorts_sqlite(connection):
            print(f"added {added} cohorts of {EXTRA_COHORT_SIZE} (ids {EXTRA_COHORTS[0]}+)")
        asyncio.run(ensure_accounts(url))
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return inserted


def _insert_sqlite(connection: sqlite3.Connection, table: str, records: list[tuple]) -> None:
    columns = COLUMNS[table]
    marks = ", ".join("?" for _ in columns)
    connection.executemany(
        f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})',
        [tuple(_sqlite_value(v) for v in record) for record in records],
    )


def _sqlite_value(value: Any) -> Any:
    """Values as tortoise stores them on SQLite (datetimes and dates as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--officials", type=int, default=100_000)
    args = parser.parse_args()
    start = time.perf_counter()
    if args.database_url.startswith("sqlite://"):
        inserted = seed_sqlite(args.database_url, args.officials)
    else:
        inserted = asyncio.run(seed_postgres(args.database_url, args.officials))
    what = f"seeded {inserted} officials" if inserted else "completed the seed"
    print(f"{what} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
