"""Per-request limits over HTTP: the wall-clock timeout and client disconnects cancel the work
and its SQL, the cost bound refuses before execution, a document is checked once."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import json
import time
from typing import Any

import pytest

from core.http import SESSION_COOKIE
from core.models import Cohort
from core.models.enums import Role
from schema import execution
from schema.execution import DocumentCache
from schema.programmes import queries as programme_queries
from schema.validation import CheckedDocument
from tests import factories
from tests.e2e.asgi import call, endpoint_settings
from tests.e2e.test_http import CREATE_COHORT, GRAPHQL_RESPONSE, PROGRAMMES, cohort_input

SLOW_SQL = {
    # counts to 10^8 on SQLite's one connection: seconds of work unless interrupted
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000)"
    " SELECT count(*) FROM c",
    "postgres": "SELECT pg_sleep(30)",
}


@pytest.fixture
def slow_programmes(app, db_kind, monkeypatch):
    """``programmes`` runs a statement that is slow on its own; records its cancellation."""
    state: dict[str, Any] = {"started": asyncio.Event(), "cancelled": False}

    async def slow_paginate(*args: Any, **kwargs: Any) -> Any:
        state["started"].set()
        try:
            await app.state.tortoise.db().execute_query(SLOW_SQL[db_kind])
        except asyncio.CancelledError:
            state["cancelled"] = True
            raise
        raise AssertionError("the slow statement ran to its end")

    monkeypatch.setattr(programme_queries, "paginate", slow_paginate)
    return state


async def assert_database_is_free(app, client, db_kind) -> None:
    """The connection answers at once: the slow statement no longer runs."""
    started = time.monotonic()
    response = await asyncio.wait_for(client.get("/health"), timeout=5)
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0
    if db_kind == "postgres":
        assert await _running_sleeps(app) == 0


async def _running_sleeps(app) -> int:
    """PostgreSQL backends still running the slow statement (after a moment to settle)."""
    count = 0
    for _ in range(20):
        _, rows = await app.state.tortoise.db().execute_query(
            "SELECT count(*) AS n FROM pg_stat_activity "
            "WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'"
        )
        count = int(rows[0]["n"])
        if count == 0:
            break
        await asyncio.sleep(0.1)
    return count


# --------------------------------------------------------------------------------------------
# Wall-clock timeout
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 504), ("application/json", 200)])
async def test_a_request_over_its_time_is_stopped_with_its_query(
    app, client, db_kind, monkeypatch, slow_programmes, caplog, accept, status
):
    # given: a tiny request timeout
    endpoint_settings(app, monkeypatch, request_timeout=0.5)
    # when
    started = time.monotonic()
    response = await client.post("/graphql", json={"query": PROGRAMMES}, headers={"accept": accept})
    # then: a TIMEOUT answer, soon
    assert time.monotonic() - started < 3
    assert response.status_code == status
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "TIMEOUT",
        "requestId": response.headers["x-request-id"],
    }
    assert slow_programmes["cancelled"]
    # and the database is not busy with the abandoned statement
    await assert_database_is_free(app, client, db_kind)


async def test_a_request_within_its_time_is_answered(app, client, monkeypatch):
    endpoint_settings(app, monkeypatch, request_timeout=5)

    response = await client.post("/graphql", json={"query": PROGRAMMES})

    assert response.status_code == 200
    assert response.json()["data"]["programmes"]["totalCount"] == 0


# --------------------------------------------------------------------------------------------
# Client disconnects
# --------------------------------------------------------------------------------------------


async def test_a_client_that_disconnects_has_its_work_cancelled(
    app, client, db_kind, slow_programmes, sign_in_as
):
    # given a signed-in viewer (programmes are not public)
    viewer = await sign_in_as("xem", (Role.VIEWER, await factories.district()))
    cookie = f"{SESSION_COOKIE}={viewer.cookies[SESSION_COOKIE]}"
    # when: the client goes away while its query runs
    started = time.monotonic()
    answer = await call(
        app,
        "POST",
        "/graphql",
        [json.dumps({"query": PROGRAMMES}).encode()],
        {"content-type": "application/json", "cookie": cookie},
        disconnect_after=0.3,
    )
    # then: the server stops at once, sends nothing, and the statement is gone
    assert time.monotonic() - started < 3
    assert answer.status == 0
    assert slow_programmes["started"].is_set()
    assert slow_programmes["cancelled"]
    await assert_database_is_free(app, client, db_kind)


# --------------------------------------------------------------------------------------------
# Cost
# --------------------------------------------------------------------------------------------


@pytest.fixture
def costs(monkeypatch):
    """Make every operation cost 7 and record what the cost was asked for."""
    asked: list[tuple[str | None, dict[str, Any]]] = []

    def operation_cost(self, operation_name, variables):
        asked.append((operation_name, dict(variables)))
        return 7

    monkeypatch.setattr(CheckedDocument, "operation_cost", operation_cost)
    return asked


def set_max_cost(app, monkeypatch, max_cost: int) -> None:
    executor = app.state.graphql.executor
    monkeypatch.setattr(executor, "limits", dataclasses.replace(executor.limits, max_cost=max_cost))


async def test_the_cost_is_reported_in_extensions(app, client, costs):
    query = "query P($n: Int) { officials(first: $n) { totalCount } } query Q { plugins { id } }"

    response = await client.post(
        "/graphql", json={"query": query, "operationName": "P", "variables": {"n": 3}}
    )

    assert response.status_code == 200
    assert response.json()["extensions"] == {"cost": {"objects": 7, "limit": 50_000}}
    assert costs == [("P", {"n": 3})]


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), ("application/json", 200)])
async def test_a_query_over_the_cost_limit_is_refused_before_it_runs(
    app, client, monkeypatch, costs, caplog, accept, status
):
    # given: a limit below the operation's cost
    set_max_cost(app, monkeypatch, 6)
    variables = await cohort_input()
    caplog.set_level("INFO", logger="hocviec")
    # when
    response = await client.post(
        "/graphql",
        json={"query": CREATE_COHORT, "variables": variables},
        headers={"accept": accept},
    )
    # then
    assert response.status_code == status
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 7, "limit": 6}
    assert body["extensions"] == {"cost": {"objects": 7, "limit": 6}}
    # and nothing ran
    assert await Cohort.all().count() == 0
    assert [r.levelname for r in caplog.records if r.name.startswith("hocviec")] == ["INFO"]


async def test_a_query_at_the_cost_limit_runs(app, client, monkeypatch, costs):
    set_max_cost(app, monkeypatch, 7)

    response = await client.post("/graphql", json={"query": PROGRAMMES})

    assert response.status_code == 200
    assert "errors" not in response.json()


# --------------------------------------------------------------------------------------------
# Documents are checked once
# --------------------------------------------------------------------------------------------


async def test_a_repeated_document_is_checked_once(app, client, monkeypatch):
    # given: an empty cache and a check that counts its calls
    checked: list[str] = []
    original = execution.check_document

    def counting(schema, source, limits):
        checked.append(source)
        return original(schema, source, limits)

    monkeypatch.setattr(execution, "check_document", counting)
    monkeypatch.setattr(app.state.graphql.executor, "cache", DocumentCache())
    # when
    for variables in ({"n": 1}, {"n": 2}, {"n": 3}):
        response = await client.post(
            "/graphql",
            json={
                "query": "query P($n: Int) { officials(first: $n) { totalCount } }",
                "variables": variables,
            },
        )
        assert response.status_code == 200
    await client.post("/graphql", json={"query": "{ nope }"})
    await client.post("/graphql", json={"query": "{ nope }"})
    # then
    assert checked == ["query P($n: Int) { officials(first: $n) { totalCount } }", "{ nope }"]


async def test_a_slow_document_check_blocks_neither_the_server_nor_its_timeout(
    app, client, monkeypatch
):
    # given: checking one document takes a second of uninterruptible work
    original = execution.check_document

    def slow_check(schema, source, limits):
        if "slowCheck" in source:
            time.sleep(1.0)
        return original(schema, source, limits)

    monkeypatch.setattr(execution, "check_document", slow_check)
    monkeypatch.setattr(app.state.graphql.executor, "cache", DocumentCache())
    endpoint_settings(app, monkeypatch, request_timeout=0.3)
    # when: it is sent, and /health is asked meanwhile
    slow = asyncio.create_task(
        client.post(
            "/graphql",
            json={"query": "query slowCheck { plugins { id } }"},
            headers={"accept": GRAPHQL_RESPONSE},
        )
    )
    await asyncio.sleep(0.05)
    started = time.monotonic()
    health = await client.get("/health")
    health_seconds = time.monotonic() - started
    response = await slow
    # then: health answered at once, the request timed out
    assert health.status_code == 200
    assert health_seconds < 0.3
    assert response.status_code == 504
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    # and the finished check was cached: the same document is now quick
    await asyncio.sleep(1.0)
    again = await client.post("/graphql", json={"query": "query slowCheck { plugins { id } }"})
    assert again.status_code == 200
    assert again.json()["data"]["plugins"]


# --------------------------------------------------------------------------------------------
# The collector, tuned once start-up is over
# --------------------------------------------------------------------------------------------


async def test_the_collector_is_tuned_after_start_up(app):
    assert gc.get_threshold()[0] == 50_000
    assert gc.get_freeze_count() > 0


@pytest.mark.postgres_only
async def test_postgres_connections_have_a_statement_timeout_backstop(app, client):
    _, rows = await app.state.tortoise.db().execute_query("SHOW statement_timeout")

    assert rows[0]["statement_timeout"] == "20s"  # the request timeout (15 s) plus 5 s
