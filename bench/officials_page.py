"""Benchmark: one page of officials with their unit and post, GraphQL vs a raw-SQL floor, and
what the query cost analysis adds to it.

Seeds N officials (default 20 000) into a fresh database, then times the same page two ways in
the same run: through the real app (HTTP → GraphQL → rows → executor) and as the floor, one raw
SQL join serialised with orjson (the server's encoder). Prints both and their ratio; nothing is
asserted.

The cost analysis (issue 5: under 5% of a page of 100) is measured two ways: the page with the
analysis and without it (its per-request evaluation replaced by a constant), interleaved request
by request, and the evaluation alone (``CheckedDocument.operation_cost`` with the request's
variables) against the page's median. The document's check itself runs once per distinct
document (it is cached), so its one-time cost is printed apart.

    python bench/officials_page.py [--officials 20000] [--page 100] [--rounds 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/officials_page.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import orjson

from core.app import create_app
from core.models import Official, OrgUnit, Post
from core.models.enums import Gender, OrgLevel
from core.plugins import discover, load_plugins
from core.services.records import create_org_unit, new_official
from core.settings import Settings
from schema.validation import CheckedDocument, check_document

PAGE = """
query Page($first: Int!, $after: String) {
  officials(first: $first, after: $after) {
    edges { node { id fullName orgUnit { name } post { title } } }
    pageInfo { endCursor }
  }
}
"""
FLOOR_SQL = """
SELECT o.id, o.full_name, u.name AS unit, p.title AS post
FROM official o JOIN org_unit u ON u.id = o.org_unit_id JOIN post p ON p.id = o.post_id
ORDER BY o.search_name, o.id LIMIT {limit}
"""


async def seed(officials: int) -> None:
    province = await create_org_unit("B02", "Hà Giang", OrgLevel.PROVINCE)
    district = await create_org_unit("B034", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)
    communes = [
        await create_org_unit(f"B034-{n}", f"Xã Số {n}", OrgLevel.COMMUNE, district)
        for n in range(1, 24)
    ]
    posts = await Post.all()
    batch = [
        new_official(
            full_name=f"Nguyễn Văn Thử {n}",
            gender=Gender.MALE,
            org_unit_id=communes[n % len(communes)].id,
            post_id=posts[n % len(posts)].id,
        )
        for n in range(officials)
    ]
    await Official.bulk_create(batch, batch_size=1000)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=20_000)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="hocviec-bench-"))
    url = os.environ.get("DATABASE_URL", f"sqlite://{folder / 'bench.sqlite3'}")
    settings = Settings(database_url=url, max_page_size=max(args.page, 100))
    app = create_app(
        settings,
        registry=load_plugins(candidates=discover(include_entry_points=False)),
        migrate=True,
    )
    async with app.router.lifespan_context(app):
        with app.state.tortoise:
            if not await OrgUnit.exists(code="B02"):
                await seed(args.officials)
            connection = app.state.tortoise.db()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                graphql_times, without_cost = await pages(client, args.page, args.rounds)
            analysis = cost_analysis(app, args.page)
            floor_times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                rows = await connection.execute_query_dict(FLOOR_SQL.format(limit=args.page))
                orjson.dumps({"officials": rows})
                floor_times.append(time.perf_counter() - start)
    graphql_ms = statistics.median(graphql_times) * 1000
    floor_ms = statistics.median(floor_times) * 1000
    print(f"database: {url.split(':', 1)[0]}, officials: {args.officials}, page: {args.page}")
    print(f"floor (raw SQL + json):  {floor_ms:8.2f} ms (median of {args.rounds})")
    print(f"GraphQL officials page:  {graphql_ms:8.2f} ms (median of {args.rounds})")
    print(f"ratio GraphQL / floor:   {graphql_ms / floor_ms:8.1f}x")
    without_ms = statistics.median(without_cost) * 1000
    evaluation_ms, check_ms = analysis
    print(f"page without the cost analysis: {without_ms:8.2f} ms (interleaved with the above)")
    print(f"cost analysis, page with / without:     {graphql_ms / without_ms:8.3f}x")
    print(
        f"cost evaluation per request: {evaluation_ms * 1000:8.1f} µs = "
        f"{100 * evaluation_ms / graphql_ms:.2f}% of the page (target: under 5%)"
    )
    print(f"document check, once per distinct document (cached): {check_ms:8.2f} ms")


async def pages(
    client: httpx.AsyncClient, size: int, rounds: int
) -> tuple[list[float], list[float]]:
    """Page times with the cost analysis and without it, interleaved request by request."""
    body = {"query": PAGE, "variables": {"first": size}}
    evaluate = CheckedDocument.operation_cost
    with_cost: list[float] = []
    without_cost: list[float] = []
    for _ in range(5):  # warm-up: the document is checked and cached here
        (await client.post("/graphql", json=body)).raise_for_status()
    for _ in range(rounds):
        for times, skip in ((with_cost, False), (without_cost, True)):
            if skip:
                CheckedDocument.operation_cost = _no_cost  # type: ignore[method-assign]
            try:
                start = time.perf_counter()
                response = await client.post("/graphql", json=body)
                times.append(time.perf_counter() - start)
            finally:
                CheckedDocument.operation_cost = evaluate  # type: ignore[method-assign]
            response.raise_for_status()
    return with_cost, without_cost


def _no_cost(self: CheckedDocument, operation_name: str | None, variables: object) -> int:
    return 0


def cost_analysis(app: object, size: int, repeat: int = 2000) -> tuple[float, float]:
    """(median ms of one per-request cost evaluation, ms of the one-time document check)."""
    executor = app.state.graphql.executor  # type: ignore[attr-defined]
    checked = executor.check(PAGE).checked
    variables = {"first": size}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        checked.operation_cost(None, variables)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    check_document(executor.schema, PAGE, executor.limits)
    check_ms = (time.perf_counter() - start) * 1000
    return statistics.median(times) * 1000, check_ms


if __name__ == "__main__":
    asyncio.run(main())
