"""Seed a benchmark database: 100,000 officials in 10,777 org units and a cohort of 5,000.

The schema comes from hocviec's own migrations and plugin sync (posts, tracks); the rows are
bulk-inserted (``COPY`` through asyncpg on PostgreSQL, one ``executemany`` on SQLite), so a
seed takes seconds. Names follow the Vietnamese surname distribution (Nguyễn ~38%), so a search
for "nguyen van" matches tens of thousands of rows and a rare given name a handful.

    python bench/seed.py --database-url postgres://postgres@127.0.0.1:5432/hocviec_bench
    python bench/seed.py --database-url sqlite:///tmp/hocviec-bench.sqlite3

The database must be empty (or not exist yet, for PostgreSQL). Deterministic: the same seed
gives the same rows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from core.app import create_app
from core.plugins import discover, load_plugins
from core.settings import Settings
from core.text import nfc, search_key

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
EPOCH = datetime(2025, 1, 6, 1, 30, tzinfo=UTC)


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
OFFICIAL_COLUMNS = (
    "id", "full_name", "search_name", "gender", "birth_year", "ethnicity", "org_unit_id",
    "post_id", "professional_qualification", "political_theory_level", "status", "created_at",
    "updated_at",
)  # fmt: skip
COHORT_COLUMNS = (
    "id", "name", "track_id", "programme_id", "starts_on", "ends_on", "capacity", "status",
    "created_at", "updated_at",
)  # fmt: skip
ENROLLMENT_COLUMNS = ("id", "official_id", "cohort_id", "status", "enrolled_at", "withdrawn_at")


def rows(officials_count: int, post_ids: list[int], track_id: int) -> dict[str, list[tuple]]:
    rng = random.Random(5)
    units = list(org_units())
    commune_ids = [row[0] for row in units if row[4] in ("commune", "township")]
    people = list(officials(officials_count, commune_ids, post_ids, rng))
    cohort = (
        1, "Khóa học việc 2025", track_id, None, date(2025, 3, 3), date(2025, 5, 16),
        COHORT_SIZE, "in_progress", EPOCH, EPOCH,
    )  # fmt: skip
    members = sorted(rng.sample(range(1, officials_count + 1), COHORT_SIZE))
    enrollments = [
        (n + 1, official_id, 1, "enrolled", EPOCH + timedelta(seconds=n), None)
        for n, official_id in enumerate(members)
    ]
    return {
        "org_unit": units,
        "official": people,
        "cohort": [cohort],
        "enrollment": enrollments,
    }


COLUMNS = {
    "org_unit": ORG_UNIT_COLUMNS,
    "official": OFFICIAL_COLUMNS,
    "cohort": COHORT_COLUMNS,
    "enrollment": ENROLLMENT_COLUMNS,
}


async def create_schema(url: str) -> tuple[list[int], int]:
    """Migrate and sync the plugins through the real app; returns the post ids and a track id."""
    from core.models import Post, Track

    settings = Settings(database_url=url)
    app = create_app(
        settings,
        registry=load_plugins(candidates=discover(include_entry_points=False)),
        migrate=True,
    )
    async with app.router.lifespan_context(app):
        with app.state.tortoise:
            post_ids = sorted(await Post.all().values_list("id", flat=True))  # type: ignore[arg-type]
            track = await Track.get(code="party_committee")
            return [int(pk) for pk in post_ids], track.id


async def seed_postgres(url: str, officials_count: int) -> None:
    import asyncpg

    dsn = url.replace("postgres://", "postgresql://", 1)
    parts = urlsplit(dsn)
    admin = await asyncpg.connect(urlunsplit(parts._replace(path="/postgres")))
    name = parts.path.lstrip("/")
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    post_ids, track_id = await create_schema(url)
    connection = await asyncpg.connect(dsn)
    try:
        if await connection.fetchval("SELECT count(*) FROM official"):
            raise SystemExit(f"{name} already holds officials: seed an empty database")
        async with connection.transaction():
            for table, records in rows(officials_count, post_ids, track_id).items():
                await connection.copy_records_to_table(
                    table, records=records, columns=list(COLUMNS[table])
                )
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


def seed_sqlite(url: str, officials_count: int) -> None:
    post_ids, track_id = asyncio.run(create_schema(url))
    connection = sqlite3.connect(url.removeprefix("sqlite://"))
    try:
        if connection.execute("SELECT count(*) FROM official").fetchone()[0]:
            raise SystemExit("the database already holds officials: seed an empty one")
        with connection:
            for table, records in rows(officials_count, post_ids, track_id).items():
                columns = COLUMNS[table]
                marks = ", ".join("?" for _ in columns)
                connection.executemany(
                    f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})',
                    [tuple(_sqlite_value(v) for v in record) for record in records],
                )
        connection.execute("ANALYZE")
    finally:
        connection.close()


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
        seed_sqlite(args.database_url, args.officials)
    else:
        asyncio.run(seed_postgres(args.database_url, args.officials))
    print(f"seeded {args.officials} officials in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
