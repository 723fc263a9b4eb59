"""Hostile requests against a live server: each is a clear client error, none takes it down.

A real ``hocviec serve`` process (uvicorn, one worker) on the suite's database kind, with the
Bắc Quang demo data. While the requests below run, a watcher asks ``/health`` ten times a
second; every answer must come within a second. Each hostile request must get a JSON answer
with a 4xx status or a GraphQL error with a code, never a 5xx.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.conftest import DEFAULT_POSTGRES_URL
from tests.documents import fan_out
from tests.e2e.conftest import free_port, wait_until_healthy

HEALTH_BUDGET_SECONDS = 1.0
REQUEST_TIMEOUT_SECONDS = 3


@dataclass
class HealthWatcher:
    """Polls /health in a thread and keeps the slowest answer (or failure) it saw."""

    base: str
    slowest: float = 0.0
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=5) as http:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    status = http.get("/health").status_code
                    if status != 200:
                        self.failures.append(f"/health answered {status}")
                except httpx.HTTPError as error:
                    self.failures.append(f"/health failed: {error!r}")
                self.slowest = max(self.slowest, time.monotonic() - started)
                self._stop.wait(0.1)

    def __enter__(self) -> HealthWatcher:
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


async def _admin(statement: str) -> None:
    """Run one statement on the PostgreSQL server the suite uses (not in a transaction)."""
    import asyncpg

    admin_url = os.environ.get("HOCVIEC_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    connection = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="module")
def live_server(db_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``hocviec migrate`` then ``hocviec serve --demo`` on a fresh database of the suite's kind."""
    folder = tmp_path_factory.mktemp("live")
    database = f"hocviec_live_{uuid.uuid4().hex[:10]}"
    if db_kind == "postgres":
        asyncio.run(_admin(f'CREATE DATABASE "{database}"'))
        admin = urlsplit(os.environ.get("HOCVIEC_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
        url = urlunsplit(admin._replace(path=f"/{database}"))
    else:
        url = f"sqlite://{folder / 'live.sqlite3'}"
    executable = Path(sys.executable).parent / "hocviec"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "HOCVIEC_"))},
        "DATABASE_URL": url,
        "HOCVIEC_REQUEST_TIMEOUT": str(REQUEST_TIMEOUT_SECONDS),
        "HOCVIEC_BODY_TIMEOUT": str(REQUEST_TIMEOUT_SECONDS),
    }
    process: subprocess.Popen[bytes] | None = None
    # the server logs to a file, not a pipe: a full pipe would block its logging
    log = (folder / "server.log").open("wb")
    try:
        subprocess.run([str(executable), "migrate"], env=environment, cwd=folder, check=True)
        port = free_port()
        process = subprocess.Popen(
            [str(executable), "serve", "--demo", "--port", str(port)],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(process, base)
        yield base
    finally:
        log.close()
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        if db_kind == "postgres":
            asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


NESTED_TOPICS = (
    "{ tracks { edges { node { topics { track { topics { track { topics { track { topics "
    "{ track { topics { id } } } } } } } } } } } } }"
)
REPEATED_FIELDS = "{ plugins { " + " ".join(["id"] * 3000) + " } }"
MANY_ALIASES = "{ " + " ".join(f"a{i}: plugins {{ id }}" for i in range(500)) + " }"
DEEP_SELECTION = "{ orgUnits { edges { node { " + "children { " * 60 + "id" + " }" * 60 + " } } } }"
HUGE_ID = "QQ" * (2 * 1024 * 1024)

CLIENT_CODES = {
    "BAD_USER_INPUT",
    "BAD_REQUEST",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TOO_COMPLEX",
    "QUERY_TOO_COSTLY",
    "PAYLOAD_TOO_LARGE",
}


@dataclass(frozen=True)
class Hostile:
    name: str
    body: bytes
    content_type: str = "application/json"

    @classmethod
    def json(cls, name: str, payload: Any) -> Hostile:
        return cls(name, json.dumps(payload).encode())


HOSTILE = [
    Hostile.json("fragment fan-out of 40", {"query": fan_out(40)}),
    Hostile.json("Track.topics nested four times", {"query": NESTED_TOPICS}),
    Hostile.json("3000 repeated fields", {"query": REPEATED_FIELDS}),
    Hostile.json("500 aliases", {"query": MANY_ALIASES}),
    Hostile.json("60 levels of children", {"query": DEEP_SELECTION}),
    Hostile.json(
        "a 4 MB ID",
        {"query": "query($id: ID!) { node(id: $id) { id } }", "variables": {"id": HUGE_ID}},
    ),
    Hostile.json("an empty node ID", {"query": '{ node(id: "") { id } }'}),
    Hostile.json(
        "NUL in a name filter",
        {"query": '{ orgUnits(filter: {name: "a\\u0000b"}) { totalCount } }'},
    ),
    Hostile.json(
        "a lone surrogate in a name filter",
        {
            "query": "query($n: String) { orgUnits(filter: {name: $n}) { totalCount } }",
            "variables": {"n": "\ud800"},
        },
    ),
    Hostile.json("a body that is a list", [{"query": "{ plugins { id } }"}]),
    Hostile.json("a body that is a string", "{ plugins { id } }"),
    Hostile.json("a query that is not a string", {"query": ["{ plugins { id } }"]}),
    Hostile.json("variables that are a list", {"query": "{ plugins { id } }", "variables": [1]}),
    Hostile(
        "deeply nested variables",
        b'{"query": "{ plugins { id } }", "variables": {"a": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}",
    ),
    Hostile("invalid UTF-8", b'{"query": "{ plugins { id \xff\xfe } }"}'),
    Hostile("not JSON", b"{ plugins { id } }"),
    Hostile(
        "a form post", b"query=%7B+plugins+%7B+id+%7D+%7D", "application/x-www-form-urlencoded"
    ),
    Hostile(
        "an oversized body", b'{"query": "{ plugins { id } }", "x": "' + b"a" * (8 << 20) + b'"}'
    ),
]


@pytest.mark.parametrize("accept", ["application/json", "application/graphql-response+json"])
def test_hostile_requests_are_client_errors_and_health_stays_fast(
    live_server: str, accept: str
) -> None:
    answers: dict[str, tuple[int, Any]] = {}
    with (
        HealthWatcher(live_server) as watcher,
        httpx.Client(base_url=live_server, timeout=30) as http,
    ):
        for hostile in HOSTILE:
            response = http.post(
                "/graphql",
                content=hostile.body,
                headers={"content-type": hostile.content_type, "accept": accept},
            )
            answers[hostile.name] = (response.status_code, response.json())
    for name, (status, body) in answers.items():
        assert status < 500, (name, status, body)
        if status == 200:
            codes = {error["extensions"]["code"] for error in body.get("errors", [])}
            assert codes and codes <= CLIENT_CODES, (name, body)
    assert watcher.failures == []
    assert watcher.slowest < HEALTH_BUDGET_SECONDS


def test_a_client_that_stops_sending_is_timed_out_and_others_are_served(live_server: str) -> None:
    host, port = live_server.removeprefix("http://").split(":")
    with (
        HealthWatcher(live_server) as watcher,
        socket.create_connection((host, int(port)), timeout=REQUEST_TIMEOUT_SECONDS * 5) as slow,
    ):
        slow.sendall(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
            b'content-length: 1000\r\n\r\n{"query": '
        )
        answer = slow.recv(65536)
    status = int(answer.split(b" ", 2)[1])
    assert status == 408, answer[:500]
    assert watcher.failures == []
    assert watcher.slowest < HEALTH_BUDGET_SECONDS
