"""The read benchmark: hocviec against the floor and (``--peer``) PostGraphile 4, in one run.

Each server runs as its own process (one uvicorn worker for hocviec and the floor, one node
process for PostGraphile) over the same seeded database; a light keep-alive HTTP/1.1 client
(below: no httpx, so the client costs little next to the servers) times, in 25 interleaved
rounds:

- ``page``: officials, first page of 100 by name, with ``orgUnit { name }`` and ``post { title }``;
- ``deep``: the same page after row 50,000;
- ``roster``: a cohort roster page of 100 (official name, commune, post);
- ``roster-all``: the whole roster of 5,000, by pages of 100 (50 requests in a row);
- ``cohorts``: a page of 20 cohorts (by first day, then id) with each one's first 20
  enrollments (official name and org unit), a nested connection: 20 cohorts, 400 enrollments;
- ``scoped`` (hocviec only): the officials page asked by a district's coordinator, who sees
  that district's officials only, timed next to the admin's ``page`` in the same rounds;

then ``--clients`` concurrent clients for ``--duration`` seconds on the first page, per server
(req/s, p50, p99). Prints medians and ratios. See bench/README.md.

hocviec answers only signed-in requests (but for its public catalogue): every connection to it
signs in first (``signIn`` with an account of ``bench/seed.py``, outside the timed part) and
sends the session cookie with each request. Every answer of every server is checked (status
200, no ``errors``, the expected number of rows; for ``cohorts`` the cohorts and the enrollments
under them, counted in SQL) and the run stops at the first that is not
right, and the warm-up rounds check every workload before any is timed, so a refusal is never
timed as a fast answer. The floor and PostGraphile need no sign-in.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from seed import ADMIN, COORDINATOR, BenchAccount  # noqa: E402  (bench/seed.py)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hocviec_bench"
DEEP_ROW = 50_000
ROSTER_COHORT = 1
PAGE = 100
ROSTER_SIZE = 5_000
COHORT_PAGE = 20
"""Cohorts a page of the ``cohorts`` workload, and enrollments asked under each."""
SESSION_COOKIE = "hocviec_session"

SIGN_IN = """mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { viewer { username } errors { code message } }
}"""
HOCVIEC_COUNT = "{ officials(first: 1) { totalCount } }"

HOCVIEC_PAGE = """query Page($after: String) {
  officials(first: 100, after: $after, orderBy: {field: NAME}) {
    edges { node { id fullName orgUnit { name } post { title } } }
    pageInfo { endCursor hasNextPage }
  }
}"""
HOCVIEC_ROSTER = """query Roster($cohort: ID!, $after: String) {
  enrollments(first: 100, after: $after, filter: {cohortId: $cohort}) {
    edges { node { official { fullName orgUnit { name } post { title } } } }
    pageInfo { endCursor hasNextPage }
  }
}"""
HOCVIEC_COHORTS = """{
  cohorts(first: 20) {
    edges { node { id name enrollments(first: 20) {
      edges { node { official { fullName orgUnit { name } } } }
    } } }
  }
}"""
PEER_PAGE = """query Page($after: Cursor) {
  officials(first: 100, after: $after, orderBy: [SEARCH_NAME_ASC, ID_ASC]) {
    edges { node { id fullName orgUnit { name } post { title } } }
    pageInfo { endCursor hasNextPage }
  }
}"""
PEER_ROSTER = """query Roster($cohort: Int!, $after: Cursor) {
  enrollments(first: 100, after: $after, condition: {cohortId: $cohort}, orderBy: [ID_ASC]) {
    edges { node { official { fullName orgUnit { name } post { title } } } }
    pageInfo { endCursor hasNextPage }
  }
}"""
PEER_COHORTS = """{
  cohorts(first: 20, orderBy: [STARTS_ON_ASC, ID_ASC]) {
    edges { node { id name enrollments(first: 20, orderBy: [ID_ASC]) {
      edges { node { official { fullName orgUnit { name } } } }
    } } }
  }
}"""
PEER_CURSOR_AT = """query At($offset: Int!) {
  officials(first: 1, offset: $offset, orderBy: [SEARCH_NAME_ASC, ID_ASC]) {
    edges { cursor }
  }
}"""


# --------------------------------------------------------------------------------------------
# A minimal keep-alive HTTP/1.1 client
# --------------------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection; requests in sequence, bodies as bytes.

    ``headers`` are sent with every request (the session cookie once signed in); ``cookies``
    keeps what the answers' ``Set-Cookie`` headers set.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.headers: dict[str, str] = {}
        self.cookies: dict[str, str] = {}
        self.last_used = 0.0

    async def open(self, idle: float = 3.0) -> None:
        """Make sure the connection is open and was used less than ``idle`` s ago (servers close
        idle keep-alive connections after about 5 s): called before timing, so that no timed
        request pays for a new connection."""
        if self.writer is not None and time.monotonic() - self.last_used > idle:
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.last_used = time.monotonic()

    async def request(self, method: str, target: str, body: bytes = b"") -> tuple[int, bytes]:
        reused = self.writer is not None
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        extra = "".join(f"{name}: {value}\r\n" for name, value in self.headers.items())
        head = (
            f"{method} {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nAccept: application/json\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        try:
            self.writer.write(head.encode() + body)
            status_line = await self.reader.readline()
        except ConnectionResetError:
            status_line = b""
        if not status_line and reused:
            # the server closed the connection while it was idle (keep-alive timeout): again,
            # on a new one, as any HTTP client does (``open`` keeps this out of the timings)
            self.close()
            return await self.request(method, target, body)
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "set-cookie":
                cookie, _, _ = value.strip().partition(";")
                key, _, secret = cookie.partition("=")
                self.cookies[key.strip()] = secret.strip()
                continue
            value = value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            parts = []
            while size := int((await self.reader.readline()).strip(), 16):
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            await self.reader.readline()
            payload = b"".join(parts)
        else:
            payload = await self.reader.readexactly(length)
        self.last_used = time.monotonic()
        if close:
            self.writer.close()
            self.writer = None
        return status, payload

    async def graphql(self, path: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables}).encode()
        status, payload = await self.request("POST", path, body)
        answer = json.loads(payload)
        if status != 200 or "errors" in answer or not answer.get("data"):
            raise WrongAnswerError(f"{path}: {status} {payload[:500]!r}")
        return answer["data"]

    async def get_json(self, target: str) -> dict[str, Any]:
        status, payload = await self.request("GET", target)
        if status != 200:
            raise WrongAnswerError(f"{target}: {status} {payload[:500]!r}")
        return json.loads(payload)["data"]

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class WrongAnswerError(RuntimeError):
    """An answer that is not the data asked for: a refusal, an error, missing rows."""


def expect_rows(what: str, rows: int, expected: int) -> None:
    if rows != expected:
        raise WrongAnswerError(f"{what}: {rows} rows where {expected} were expected")


# --------------------------------------------------------------------------------------------
# The servers
# --------------------------------------------------------------------------------------------


@dataclass
class Server:
    """A server under test: how to start it and how to ask it each workload."""

    name: str
    port: int
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    deep_cursor: str | None = None

    def start(self) -> None:
        env = {**os.environ, **self.env}
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    async def wait_ready(self, probe: Callable[[Connection], Awaitable[Any]]) -> None:
        deadline = time.monotonic() + 60
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode() if self.process.stderr else ""
                raise SystemExit(f"{self.name} exited at start-up:\n{error[-3000:]}")
            connection = Connection("127.0.0.1", self.port)
            try:
                await probe(connection)
                return
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.3)
            finally:
                connection.close()

    async def client(self, account: BenchAccount = ADMIN) -> Connection:
        """A connection ready to ask the workloads: signed in as ``account`` where the server
        needs it (hocviec), a plain one otherwise."""
        return Connection("127.0.0.1", self.port)

    async def probe(self, client: Connection) -> None:
        """Raise unless the server answers a page (it is up)."""
        await self.page(client, None)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    # workloads: each returns (rows, end cursor, has next page)
    async def page(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        raise NotImplementedError

    async def roster(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        raise NotImplementedError

    async def cohorts(self, client: Connection) -> tuple[int, int]:
        """The page of cohorts with their enrollments: (cohorts, enrollments under them)."""
        raise NotImplementedError


def _unpack(connection: dict[str, Any]) -> tuple[int, str | None, bool]:
    info = connection["pageInfo"]
    return len(connection["edges"]), info["endCursor"], info["hasNextPage"]


def _count_nested(data: dict[str, Any]) -> tuple[int, int]:
    edges = data["cohorts"]["edges"]
    return len(edges), sum(len(edge["node"]["enrollments"]["edges"]) for edge in edges)


class Hocviec(Server):
    async def client(self, account: BenchAccount = ADMIN) -> Connection:
        client = Connection("127.0.0.1", self.port)
        await sign_in(client, account)
        return client

    async def probe(self, client: Connection) -> None:
        await client.graphql("/graphql", "{ plugins { id } }", {})  # public: up, not signed in

    async def page(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        data = await client.graphql("/graphql", HOCVIEC_PAGE, {"after": after})
        return _unpack(data["officials"])

    async def roster(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        variables = {"cohort": self.env["BENCH_COHORT_ID"], "after": after}
        data = await client.graphql("/graphql", HOCVIEC_ROSTER, variables)
        return _unpack(data["enrollments"])

    async def cohorts(self, client: Connection) -> tuple[int, int]:
        return _count_nested(await client.graphql("/graphql", HOCVIEC_COHORTS, {}))


async def sign_in(client: Connection, account: BenchAccount) -> None:
    """Sign ``client`` in as ``account``: later requests send its session cookie."""
    variables = {"input": {"username": account.username, "password": account.password}}
    data = await client.graphql("/graphql", SIGN_IN, variables)
    answer = data["signIn"]
    if answer["errors"] or (answer["viewer"] or {}).get("username") != account.username:
        raise SystemExit(
            f"hocviec refused the sign-in of {account.username}: {answer['errors']} "
            "(seed the database with this version of bench/seed.py)"
        )
    secret = client.cookies.get(SESSION_COOKIE)
    if not secret:
        raise SystemExit(f"hocviec's sign-in set no {SESSION_COOKIE} cookie")
    client.headers["Cookie"] = f"{SESSION_COOKIE}={secret}"


class Floor(Server):
    async def page(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        suffix = f"?after={quote(after)}" if after else ""
        return _unpack((await client.get_json(f"/officials{suffix}"))["officials"])

    async def roster(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        target = f"/roster?cohort={ROSTER_COHORT}&after={after or 0}"
        return _unpack((await client.get_json(target))["enrollments"])

    async def cohorts(self, client: Connection) -> tuple[int, int]:
        return _count_nested(await client.get_json("/cohorts"))


class PostGraphile(Server):
    async def page(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        data = await client.graphql("/graphql", PEER_PAGE, {"after": after})
        return _unpack(data["officials"])

    async def roster(self, client: Connection, after: str | None) -> tuple[int, str | None, bool]:
        data = await client.graphql(
            "/graphql", PEER_ROSTER, {"cohort": ROSTER_COHORT, "after": after}
        )
        return _unpack(data["enrollments"])

    async def cohorts(self, client: Connection) -> tuple[int, int]:
        return _count_nested(await client.graphql("/graphql", PEER_COHORTS, {}))


# --------------------------------------------------------------------------------------------
# Cursors of row 50,000, each in its server's own format
# --------------------------------------------------------------------------------------------


async def deep_row(url: str) -> tuple[str, int]:
    """(search_name, id) of the official at row ``DEEP_ROW`` in name order."""
    sql = "SELECT search_name, id FROM official ORDER BY search_name, id LIMIT 1 OFFSET "
    sql += str(DEEP_ROW - 1)
    if url.startswith("sqlite://"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            name, pk = connection.execute(sql).fetchone()
        return name, pk
    import asyncpg

    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        row = await connection.fetchrow(sql)
    finally:
        await connection.close()
    return row["search_name"], row["id"]


COHORT_PAGE_ROWS = f"""
SELECT count(*), coalesce(sum(firsts), 0) FROM (
  SELECT (SELECT count(*) FROM (
    SELECT 1 FROM enrollment e WHERE e.cohort_id = c.id LIMIT {COHORT_PAGE}
  ) AS taken) AS firsts
  FROM cohort c ORDER BY c.starts_on, c.id LIMIT {COHORT_PAGE}
) AS page
"""


async def cohort_page_rows(url: str) -> tuple[int, int]:
    """From the database: how many cohorts the ``cohorts`` page holds and how many enrollments
    under them (each cohort's first ``COHORT_PAGE``)."""
    if url.startswith("sqlite://"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            cohorts, enrollments = connection.execute(COHORT_PAGE_ROWS).fetchone()
        connection.close()
    else:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            cohorts, enrollments = await connection.fetchrow(COHORT_PAGE_ROWS)
        finally:
            await connection.close()
    if cohorts < COHORT_PAGE:
        raise SystemExit(
            f"{cohorts} cohorts where the cohorts workload needs {COHORT_PAGE}: seed the "
            "database with this version of bench/seed.py (README)"
        )
    return int(cohorts), int(enrollments)


VISIBLE = """
SELECT count(*) FROM official o JOIN org_unit u ON u.id = o.org_unit_id
WHERE EXISTS (
  SELECT 1 FROM role_grant g JOIN account a ON a.id = g.account_id
  JOIN org_unit s ON s.id = g.org_unit_id
  WHERE a.username = '{0}' AND g.role = '{1}' AND u.path LIKE s.path || '%'
)
"""
DISTRICT = """
SELECT s.name, s.code FROM role_grant g JOIN account a ON a.id = g.account_id
JOIN org_unit s ON s.id = g.org_unit_id WHERE a.username = '{0}' AND g.role = '{1}'
"""


async def visible_officials(url: str) -> dict[str, Any]:
    """From the database itself: how many officials there are, how many each account's grants
    cover, and the coordinator's district."""
    queries = {
        "total": "SELECT count(*) FROM official",
        "admin": VISIBLE.format(ADMIN.username, "admin"),
        "coordinator": VISIBLE.format(COORDINATOR.username, "coordinator"),
    }
    district = DISTRICT.format(COORDINATOR.username, "coordinator")
    if url.startswith("sqlite://"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite://")) as connection:
            found: dict[str, Any] = {
                key: connection.execute(sql).fetchone()[0] for key, sql in queries.items()
            }
            row = connection.execute(district).fetchone()
        connection.close()
    else:
        import asyncpg

        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            found = {key: await connection.fetchval(sql) for key, sql in queries.items()}
            row = await connection.fetchrow(district)
        finally:
            await connection.close()
    if row is None:
        raise SystemExit(f"{COORDINATOR.username} holds no grant: run bench/seed.py (README)")
    found["district"] = f"{row[0]} ({row[1]})"
    return found


async def check_viewers(server: Hocviec, expected: dict[str, Any]) -> None:
    """Each account sees, through hocviec, exactly the officials its grants cover."""
    for account, key in ((ADMIN, "admin"), (COORDINATOR, "coordinator")):
        client = await server.client(account)
        try:
            data = await client.graphql("/graphql", HOCVIEC_COUNT, {})
        finally:
            client.close()
        seen = data["officials"]["totalCount"]
        if seen != expected[key]:
            raise WrongAnswerError(
                f"{account.username} sees {seen} officials, its grants cover {expected[key]}"
            )


def hocviec_cursor(search_name: str, pk: int) -> str:
    """The cursor hocviec gives the row (built with its own code, as a page would)."""
    from schema.pagination import Ordering, SortDirection, SortKey

    ordering = Ordering("officials", SortKey("search_name"), SortDirection.ASC)
    return ordering.encode(SimpleNamespace(search_name=search_name, pk=pk))


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


async def walk_roster(server: Server, client: Connection) -> int:
    rows, after, more = await server.roster(client, None)
    expect_rows(f"{server.name} roster page", rows, PAGE)
    while more:
        count, after, more = await server.roster(client, after)
        rows += count
    return rows


async def timed(work: Awaitable[Any]) -> tuple[float, Any]:
    """How long ``work`` takes (ms) and its result."""
    start = time.perf_counter()
    result = await work
    return (time.perf_counter() - start) * 1000, result


WORKLOADS = ("page", "deep", "roster", "roster-all", "cohorts")


async def rounds(
    servers: list[Server], count: int, nested: tuple[int, int]
) -> dict[str, dict[str, list[float]]]:
    """``count`` interleaved rounds of every workload on every server; times in ms.

    ``nested`` is what the ``cohorts`` page must hold: (cohorts, enrollments under them).

    hocviec also answers ``scoped`` (its coordinator's page) right before or after its admin's
    ``page``, in turn. Every answer is checked after its timing; a wrong one stops the run.
    """
    clients = {server.name: await server.client() for server in servers}
    scoped = {
        server.name: await server.client(COORDINATOR)
        for server in servers
        if isinstance(server, Hocviec)
    }
    times: dict[str, dict[str, list[float]]] = {
        workload: {server.name: [] for server in servers} for workload in WORKLOADS
    }
    times["scoped"] = {name: [] for name in scoped}
    for number in range(count):
        for server in servers:
            client = clients[server.name]
            workloads: list[tuple[str, Callable[[], Awaitable[Any]], int | tuple[int, int]]] = [
                ("page", lambda s=server, c=client: s.page(c, None), PAGE),
                ("deep", lambda s=server, c=client: s.page(c, s.deep_cursor), PAGE),
                ("roster", lambda s=server, c=client: s.roster(c, None), PAGE),
                ("roster-all", lambda s=server, c=client: walk_roster(s, c), ROSTER_SIZE),
                ("cohorts", lambda s=server, c=client: s.cohorts(c), nested),
            ]
            await client.open()
            if server.name in scoped:
                coordinator = scoped[server.name]
                await coordinator.open()
                asked = ("scoped", lambda s=server, c=coordinator: s.page(c, None), PAGE)
                workloads.insert(number % 2, asked)  # before the admin's page, then after
            for workload, work, expected in workloads:
                elapsed, result = await timed(work())
                if isinstance(expected, tuple):  # cohorts: the page, the enrollments under it
                    expect_rows(f"{server.name} {workload}", result[0], expected[0])
                    expect_rows(f"{server.name} {workload} enrollments", result[1], expected[1])
                else:
                    rows = result if isinstance(result, int) else result[0]
                    expect_rows(f"{server.name} {workload}", rows, expected)
                times[workload][server.name].append(elapsed)
    for client in [*clients.values(), *scoped.values()]:
        client.close()
    return times


async def load(server: Server, clients: int, duration: float) -> tuple[float, float, float]:
    """``clients`` concurrent clients asking the first page for ``duration`` s: req/s, p50, p99."""
    latencies: list[float] = []
    # each client signs in (hocviec) and asks a checked page before the clock starts
    connections = [await server.client() for _ in range(clients)]
    for connection in connections:
        expect_rows(f"{server.name} page", (await server.page(connection, None))[0], PAGE)
    for connection in connections:
        await connection.open()
    stop = time.perf_counter() + duration

    async def one_client(connection: Connection) -> None:
        try:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                rows, _, _ = await server.page(connection, None)
                latencies.append((time.perf_counter() - start) * 1000)
                expect_rows(f"{server.name} page", rows, PAGE)
        finally:
            connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(one_client(connection) for connection in connections))
    elapsed = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def servers_for(args: argparse.Namespace, url: str) -> list[Server]:
    uvicorn = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--no-access-log"]
    uvicorn += ["--log-level", "warning", "--workers", "1"]
    found: list[Server] = [
        Hocviec(
            "hocviec",
            args.port,
            [*uvicorn, "--port", str(args.port), "--factory", "core.app:create_app"],
            {"DATABASE_URL": url, "HOCVIEC_MAX_PAGE_SIZE": "100"},
        ),
        Floor(
            "floor",
            args.port + 1,
            [*uvicorn, "--port", str(args.port + 1), "bench.floor:app"],
            {"DATABASE_URL": url},
        ),
    ]
    if args.peer:
        binary = HERE / "postgraphile" / "node_modules" / ".bin" / "postgraphile"
        if not binary.exists():
            raise SystemExit("PostGraphile missing: run `npm ci` in bench/postgraphile (README)")
        found.append(
            PostGraphile(
                "postgraphile",
                args.port + 2,
                [
                    str(binary),
                    "--connection",
                    url.replace("postgres://", "postgresql://", 1),
                    "--schema",
                    "public",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(args.port + 2),
                    "--append-plugins",
                    "@graphile-contrib/pg-simplify-inflector",
                    "--simple-collections",
                    "omit",
                    "--disable-default-mutations",
                    "--disable-query-log",
                    "--no-setof-functions-contain-nulls",
                    "--legacy-relations",
                    "omit",
                ],
            )
        )
    return found


def print_table(title: str, rows: list[tuple[str, dict[str, float]]], names: list[str]) -> None:
    print(f"\n{title}")
    header = f"{'workload':<12}" + "".join(f"{name:>14}" for name in names)
    ratios = [name for name in names if name != "hocviec"]
    header += "".join(f"{'hocviec/' + name:>22}" for name in ratios)
    print(header)
    for workload, values in rows:
        line = f"{workload:<12}" + "".join(f"{values[name]:>11.2f} ms" for name in names)
        line += "".join(f"{values['hocviec'] / values[name]:>21.2f}x" for name in ratios)
        print(line)


async def run(args: argparse.Namespace) -> None:
    url = args.database_url
    if args.db == "sqlite" and args.peer:
        raise SystemExit("--peer needs PostgreSQL (PostGraphile speaks only PostgreSQL)")
    name, pk = await deep_row(url)
    visible = await visible_officials(url)
    nested = await cohort_page_rows(url)
    servers = servers_for(args, url)
    servers[0].env["BENCH_COHORT_ID"] = _global_id("Cohort", ROSTER_COHORT)
    servers[0].deep_cursor = hocviec_cursor(name, pk)
    servers[1].deep_cursor = f"{name},{pk}"
    try:
        for server in servers:
            server.start()
        for server in servers:
            await server.wait_ready(server.probe)
        hocviec = servers[0]
        assert isinstance(hocviec, Hocviec)
        await check_viewers(hocviec, visible)
        if args.peer:
            peer = servers[2]
            client = Connection("127.0.0.1", peer.port)
            data = await client.graphql("/graphql", PEER_CURSOR_AT, {"offset": DEEP_ROW - 1})
            client.close()
            peer.deep_cursor = data["officials"]["edges"][0]["cursor"]
        # warm-up; every workload of every server is checked here before any is timed
        await rounds(servers, 2, nested)
        times = await rounds(servers, args.rounds, nested)
        names = [server.name for server in servers]
        scoped = statistics.median(times.pop("scoped")["hocviec"])
        medians = {w: {n: statistics.median(t[n]) for n in names} for w, t in times.items()}
        print(f"database: {urlsplit(url).scheme}, rounds: {args.rounds} (medians)")
        print_table("latency", list(medians.items()), names)
        print(
            f"(cohorts: {nested[0]} cohorts with {nested[1]} enrollments under them, "
            f"{COHORT_PAGE} a cohort at most)"
        )
        admin = medians["page"]["hocviec"]
        admin_sees = f"admin, sees {visible['admin']:,} of {visible['total']:,} officials"
        district = f"coordinator of {visible['district']}, sees {visible['coordinator']:,}"
        print(f"\nofficials page of {PAGE} by viewer (hocviec; interleaved in the same rounds)")
        print(f"  {admin_sees:<56}{admin:>8.2f} ms")
        print(f"  {district:<56}{scoped:>8.2f} ms")
        print(f"  coordinator / admin: {scoped / admin:.2f}x (target: within 1.1x)")
        print("\ndeep page / first page: " + ", ".join(
            f"{n} {medians['deep'][n] / medians['page'][n]:.2f}x" for n in names
        ))  # fmt: skip
        if args.duration > 0:
            print(f"\n{args.clients} clients for {args.duration:.0f} s, officials page, one worker")
            throughput: dict[str, float] = {}
            for server in servers:
                rate, p50, p99 = await load(server, args.clients, args.duration)
                throughput[server.name] = rate
                print(
                    f"{server.name:<14}{rate:>9.0f} req/s   p50 {p50:7.1f} ms   p99 {p99:7.1f} ms"
                )
            for other in names[1:]:
                print(f"hocviec / {other}: {throughput['hocviec'] / throughput[other]:.2f}x req/s")
    finally:
        for server in servers:
            server.stop()


def _global_id(type_name: str, pk: int) -> str:
    from schema.ids import encode_id

    return encode_id(type_name, pk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--database-url", help=f"default {DEFAULT_URL} (seed it first)")
    parser.add_argument("--sqlite-file", default="/tmp/hocviec-bench.sqlite3")
    parser.add_argument("--peer", action="store_true", help="also PostGraphile 4")
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20, help="seconds; 0 skips the load")
    parser.add_argument("--port", type=int, default=8100)
    args = parser.parse_args()
    if args.database_url is None:
        sqlite_url = f"sqlite://{os.path.abspath(args.sqlite_file)}"
        args.database_url = sqlite_url if args.db == "sqlite" else DEFAULT_URL
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
