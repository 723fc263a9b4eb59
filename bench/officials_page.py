"""Benchmark: one page of officials with their unit and post, GraphQL vs a raw-SQL floor.

Seeds N officials (default 20 000) into a fresh database, then times the same page two ways in
the same run: through the real app (HTTP → GraphQL → DataLoaders → ORM) and as the floor, one raw
SQL join serialised with ``json.dumps``. Prints both and their ratio; nothing is asserted.

    python bench/officials_page.py [--officials 20000] [--page 100] [--rounds 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/officials_page.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from core.app import create_app
from core.models import Official, OrgUnit, Post
from core.models.enums import Gender, OrgLevel
from core.plugins import discover, load_plugins
from core.services.records import create_org_unit, new_official
from core.settings import Settings

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
    parser.add_argument("--rounds", type=int, default=30)
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
                graphql_times = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    response = await client.post(
                        "/graphql", json={"query": PAGE, "variables": {"first": args.page}}
                    )
                    response.raise_for_status()
                    graphql_times.append(time.perf_counter() - start)
            floor_times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                rows = await connection.execute_query_dict(FLOOR_SQL.format(limit=args.page))
                json.dumps({"officials": rows}, ensure_ascii=False)
                floor_times.append(time.perf_counter() - start)
    graphql_ms = statistics.median(graphql_times) * 1000
    floor_ms = statistics.median(floor_times) * 1000
    print(f"database: {url.split(':', 1)[0]}, officials: {args.officials}, page: {args.page}")
    print(f"floor (raw SQL + json):  {floor_ms:8.2f} ms (median of {args.rounds})")
    print(f"GraphQL officials page:  {graphql_ms:8.2f} ms (median of {args.rounds})")
    print(f"ratio GraphQL / floor:   {graphql_ms / floor_ms:8.1f}x")


if __name__ == "__main__":
    asyncio.run(main())
