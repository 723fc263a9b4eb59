"""Benchmark: one page of officials with their unit and post, GraphQL vs a raw-SQL floor, and
what the query cost analysis adds to it.

Seeds N officials (default 20 000) into a fresh database, then times the same page two ways in
the same run: through the real app (HTTP → GraphQL → rows → executor) and as the floor, one raw
SQL join serialised with orjson (the server's encoder). Prints both and their ratio.

The app answers only signed-in requests: the client signs in once, before anything is timed, as
the admin of ``bench/seed.py`` (created here, admin on the seeded province) and sends the session
cookie with every request. Every answer is checked (no ``errors``, a full page), the warm-up ones
before the timing starts, so a refusal is never timed as a fast answer.

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
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

from core.app import create_app
from core.http import SESSION_COOKIE
from core.models import Account, Official, OrgUnit, Post, RoleGrant
from core.models.enums import Gender, OrgLevel, Role
from core.plugins import discover, load_plugins
from core.services.accounts import AccountDraft, create_account
from core.services.records import create_org_unit, new_official
from core.settings import Settings
from schema.validation import CheckedDocument, check_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed import ADMIN  # bench/seed.py

PAGE = """
query Page($first: Int!, $after: String) {
  officials(first: $first, after: $after) {
    edges { node { id fullName orgUnit { name } post { title } } }
    pageInfo { endCursor }
  }
}
"""
SIGN_IN = """
mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { viewer { username } errors { code message } }
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


async def ensure_admin(settings: Settings) -> None:
    """The benchmark's admin, admin on the seeded province (whatever of it is missing)."""
    account = await Account.get_or_none(username=ADMIN.username)
    if account is None:
        draft = AccountDraft(ADMIN.username, ADMIN.display_name, ADMIN.password)
        account = await create_account(draft, settings)
    province = await OrgUnit.get(code="B02")
    await RoleGrant.get_or_create(account_id=account.id, role=Role.ADMIN, org_unit_id=province.id)


async def sign_in(client: httpx.AsyncClient) -> None:
    """Sign the client in as the admin: its cookie jar then sends the session cookie."""
    variables = {"input": {"username": ADMIN.username, "password": ADMIN.password}}
    response = await client.post("/graphql", json={"query": SIGN_IN, "variables": variables})
    answer = response.json()["data"]["signIn"]
    if answer["errors"] or SESSION_COOKIE not in client.cookies:
        raise SystemExit(f"the sign-in of {ADMIN.username} failed: {answer['errors']}")


def check_page(response: httpx.Response, size: int) -> None:
    """Raise unless ``response`` is a full page of officials (not a refusal, not an error)."""
    answer: dict[str, Any] = response.json()
    edges = ((answer.get("data") or {}).get("officials") or {}).get("edges")
    if response.status_code != 200 or "errors" in answer or edges is None or len(edges) != size:
        raise SystemExit(f"not a page of {size} officials: {response.text[:500]}")


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
            await ensure_admin(settings)
            connection = app.state.tortoise.db()
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                await sign_in(client)
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
    """Page times with the cost analysis and without it, interleaved request by request; each
    answer is checked after its timing."""
    body = {"query": PAGE, "variables": {"first": size}}
    evaluate = CheckedDocument.operation_cost
    with_cost: list[float] = []
    without_cost: list[float] = []
    for _ in range(5):  # warm-up, checked: the document is checked and cached here
        check_page(await client.post("/graphql", json=body), size)
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
            check_page(response, size)
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
