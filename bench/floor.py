"""The floor of the read benchmark: one SQL join behind a minimal starlette app.

It answers the benchmark's pages with the same JSON as the GraphQL answers (same keys, same
rows, a cursor per page), with no GraphQL, no ORM and no per-field work, so the ratio of a
server to the floor is the cost of everything above the database and the HTTP server.

    DATABASE_URL=postgres://… uvicorn bench.floor:app --port 8101

``GET /officials?after=<search_name>,<id>`` and ``GET /roster?cohort=<id>&after=<id>``, 100 rows
a page; ``GET /cohorts``, the first 20 cohorts by first day (then id) with, for each, its first 20
enrollments by id (the official's name and org unit), in two statements: the page of cohorts,
then their enrollments numbered per cohort by a window function and cut at 20. SQLite URLs
(``sqlite:///path``) work too.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAGE = 100
OFFICIALS = """
SELECT o.id, o.full_name, o.search_name, u.name AS unit, p.title AS post
FROM official o JOIN org_unit u ON u.id = o.org_unit_id JOIN post p ON p.id = o.post_id
WHERE (o.search_name, o.id) > ({0}, {1})
ORDER BY o.search_name, o.id LIMIT {2}
"""
ROSTER = """
SELECT e.id, o.full_name, u.name AS unit, p.title AS post
FROM enrollment e JOIN official o ON o.id = e.official_id
JOIN org_unit u ON u.id = o.org_unit_id JOIN post p ON p.id = o.post_id
WHERE e.cohort_id = {0} AND e.id > {1}
ORDER BY e.id LIMIT {2}
"""

COHORT_PAGE = 20
COHORTS = """
SELECT c.id, c.name FROM cohort c ORDER BY c.starts_on, c.id LIMIT {0}
"""
COHORT_ENROLLMENTS = """
SELECT r.cohort_id, o.full_name, u.name AS unit
FROM (
  SELECT * FROM (
    SELECT e.id, e.cohort_id, e.official_id,
           ROW_NUMBER() OVER (PARTITION BY e.cohort_id ORDER BY e.id) AS position
    FROM enrollment e WHERE e.cohort_id IN ({cohorts})
  ) n WHERE n.position <= {limit} LIMIT {most}
) r JOIN official o ON o.id = r.official_id JOIN org_unit u ON u.id = o.org_unit_id
ORDER BY r.cohort_id, r.id
"""
"""The enrollments of a page of cohorts, the first ``limit`` of each by id. ``LIMIT {most}``
(cohorts × limit) never cuts a row; it tells PostgreSQL how few rows the window leaves, which it
cannot estimate (it expects every enrollment of the cohorts, 5,950 here for 400), so that it
joins them through the primary keys instead of hashing the 100,000 officials (3 ms, not 14)."""

URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hocviec_bench")


class Database:
    """asyncpg pool on PostgreSQL, one sqlite3 connection on SQLite; rows as tuples."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.pool: Any = None
        self.sqlite: sqlite3.Connection | None = None

    async def open(self) -> None:
        if self.url.startswith("sqlite://"):
            self.sqlite = sqlite3.connect(self.url.removeprefix("sqlite://"))
            return
        import asyncpg

        dsn = self.url.replace("postgres://", "postgresql://", 1)
        self.pool = await asyncpg.create_pool(dsn, min_size=1, max_size=4)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
        if self.sqlite is not None:
            self.sqlite.close()

    def marks(self, count: int) -> list[str]:
        """Placeholders for ``count`` parameters, in order."""
        if self.sqlite is not None:
            return ["?"] * count
        return [f"${n + 1}" for n in range(count)]

    async def fetch(self, sql: str, args: Sequence[Any], **named: str) -> list[Sequence[Any]]:
        """Rows of ``sql``, whose ``{0}``, ``{1}``… stand for the parameters ``args`` (and
        ``named`` for other parts of the statement)."""
        sql = sql.format(*self.marks(len(args)), **named)
        if self.sqlite is not None:
            return self.sqlite.execute(sql, args).fetchall()
        async with self.pool.acquire() as connection:
            return await connection.fetch(sql, *args)


database = Database(URL)


def page(name: str, rows: list[Sequence[Any]], node: Any, cursor: Any) -> Response:
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    body = {
        "data": {
            name: {
                "edges": [{"node": node(row)} for row in rows],
                "pageInfo": {"endCursor": cursor(rows[-1]) if rows else None, "hasNextPage": more},
            }
        }
    }
    return Response(orjson.dumps(body), media_type="application/json")


async def officials(request: Request) -> Response:
    after = request.query_params.get("after")
    name, pk = after.rsplit(",", 1) if after else ("", "0")
    rows = await database.fetch(OFFICIALS, (name, int(pk), PAGE + 1))
    return page(
        "officials",
        rows,
        lambda r: {
            "id": r[0],
            "fullName": r[1],
            "orgUnit": {"name": r[3]},
            "post": {"title": r[4]},
        },
        lambda r: f"{r[2]},{r[0]}",
    )


async def roster(request: Request) -> Response:
    cohort = int(request.query_params["cohort"])
    after = int(request.query_params.get("after") or 0)
    rows = await database.fetch(ROSTER, (cohort, after, PAGE + 1))
    return page(
        "enrollments",
        rows,
        lambda r: {
            "official": {"fullName": r[1], "orgUnit": {"name": r[2]}, "post": {"title": r[3]}}
        },
        lambda r: str(r[0]),
    )


async def cohorts(request: Request) -> Response:
    listed = await database.fetch(COHORTS, (COHORT_PAGE,))
    ids = [row[0] for row in listed]
    found: dict[int, list[dict[str, Any]]] = {pk: [] for pk in ids}
    if ids:
        marks = ", ".join(database.marks(len(ids)))
        limit, most = f"{COHORT_PAGE:d}", f"{COHORT_PAGE * len(ids):d}"
        rows = await database.fetch(COHORT_ENROLLMENTS, ids, cohorts=marks, limit=limit, most=most)
        for row in rows:
            found[row[0]].append(
                {"node": {"official": {"fullName": row[1], "orgUnit": {"name": row[2]}}}}
            )
    edges = [
        {"node": {"id": pk, "name": name, "enrollments": {"edges": found[pk]}}}
        for pk, name in listed
    ]
    body = {"data": {"cohorts": {"edges": edges}}}
    return Response(orjson.dumps(body), media_type="application/json")


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    await database.open()
    try:
        yield
    finally:
        await database.close()


app = Starlette(
    routes=[
        Route("/officials", officials),
        Route("/roster", roster),
        Route("/cohorts", cohorts),
    ],
    lifespan=lifespan,
)
