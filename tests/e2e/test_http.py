"""The HTTP surface: /health, GET reads, JSON-only bodies, request ids, limits, masked errors."""

from __future__ import annotations

import json
import logging

import pytest

from core.models import Cohort, Track
from core.services import directory
from tests.factories import gid
from tests.helpers import graphql, graphql_data

PLUGINS = "{ plugins { id } }"

CREATE_COHORT = """
mutation Create($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { id } errors { code } }
}
"""

PROGRAMMES = "{ programmes { totalCount } }"

BUILT_IN_PLUGINS = ["party_committee", "peoples_committee", "commune_civil_servants"]


def nested_parents(depth: int) -> str:
    """A query whose deepest field is ``depth`` levels below the root field ``orgUnits``."""
    inner = "code"
    for _ in range(depth - 3):
        inner = f"parent {{ {inner} }}"
    return f"{{ orgUnits {{ edges {{ node {{ {inner} }} }} }} }}"


def aliased_plugins(count: int) -> str:
    return "{ " + " ".join(f"p{n}: plugins {{ id }}" for n in range(count)) + " }"


async def cohort_input() -> dict:
    track = await Track.get(code="party_committee")
    return {
        "input": {
            "name": "Khóa học việc 2020",
            "trackId": gid("Track", track.id),
            "startsOn": "2020-03-02",
            "endsOn": "2020-05-29",
            "capacity": 20,
        }
    }


# --------------------------------------------------------------------------------------------
# /health
# --------------------------------------------------------------------------------------------


async def test_health_says_ok(client):
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "up"


# --------------------------------------------------------------------------------------------
# GET reads, never writes; POST takes JSON only
# --------------------------------------------------------------------------------------------


async def test_a_query_works_over_get(client):
    response = await client.get("/graphql", params={"query": PLUGINS})

    assert response.status_code == 200
    assert [p["id"] for p in response.json()["data"]["plugins"]] == BUILT_IN_PLUGINS


async def test_get_with_variables_works(client):
    response = await client.get(
        "/graphql",
        params={
            "query": "query T($ids: [String!]) "
            "{ tracks(filter: {pluginIds: $ids}) { totalCount } }",
            "variables": json.dumps({"ids": ["party_committee"]}),
        },
    )

    assert response.status_code == 200
    assert response.json()["data"]["tracks"]["totalCount"] == 1


async def test_a_mutation_over_get_is_refused_and_writes_nothing(client):
    # given: a mutation that succeeds over POST
    variables = await cohort_input()
    # when
    response = await client.get(
        "/graphql", params={"query": CREATE_COHORT, "variables": json.dumps(variables)}
    )
    # then
    assert 400 <= response.status_code < 500
    assert await Cohort.all().count() == 0
    # and the same request over POST does write
    data = await graphql_data(client, CREATE_COHORT, variables)
    assert data["createCohort"]["errors"] == []
    assert await Cohort.all().count() == 1


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", PLUGINS),
        ("application/x-www-form-urlencoded", "query=%7B+plugins+%7B+id+%7D+%7D"),
        ("application/graphql", PLUGINS),
        ("application/json", "{ plugins { id } }"),
        ("application/json", "not json at all"),
    ],
)
async def test_a_body_that_is_not_json_is_refused(client, content_type, body):
    response = await client.post(
        "/graphql", content=body.encode(), headers={"content-type": content_type}
    )

    assert 400 <= response.status_code < 500


async def test_a_non_json_mutation_writes_nothing(client):
    variables = await cohort_input()
    form = {"query": CREATE_COHORT, "variables": json.dumps(variables)}

    response = await client.post("/graphql", data=form)

    assert 400 <= response.status_code < 500
    assert await Cohort.all().count() == 0


# --------------------------------------------------------------------------------------------
# Request ids
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/health", f"/graphql?query={PLUGINS}"])
async def test_every_response_carries_a_request_id(client, path):
    first = await client.get(path)
    second = await client.get(path)

    assert first.headers["x-request-id"]
    assert second.headers["x-request-id"]
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_a_request_id_sent_by_the_client_is_echoed(client):
    response = await client.post(
        "/graphql", json={"query": PLUGINS}, headers={"x-request-id": "bq-2019-05-06-0001"}
    )

    assert response.status_code == 200
    assert response.headers["x-request-id"] == "bq-2019-05-06-0001"


# --------------------------------------------------------------------------------------------
# Limits: depth and aliases
# --------------------------------------------------------------------------------------------


async def test_a_query_twelve_levels_deep_is_answered(client):
    body = await graphql(client, nested_parents(12))

    assert "errors" not in body
    assert body["data"]["orgUnits"] == {"edges": []}


async def test_a_query_deeper_than_twelve_levels_is_refused(client):
    body = await graphql(client, nested_parents(13))

    assert body.get("data") is None
    [error] = body["errors"]
    assert "depth" in error["message"]


async def test_thirty_aliases_are_answered(client):
    data = await graphql_data(client, aliased_plugins(30))

    assert len(data) == 30


async def test_more_than_thirty_aliases_are_refused(client):
    body = await graphql(client, aliased_plugins(31))

    assert body.get("data") is None
    [error] = body["errors"]
    assert "alias" in error["message"]


# --------------------------------------------------------------------------------------------
# Unexpected errors: masked for the client, logged in full with the request id
# --------------------------------------------------------------------------------------------


async def test_an_unexpected_error_is_masked_and_logged(client, monkeypatch, caplog):
    # given: a resolver's service fails with a bug that reveals internals
    def broken() -> None:
        raise RuntimeError("boom: password=hunter2 in /srv/hocviec/core/services/directory.py")

    monkeypatch.setattr(directory, "filter_programmes", broken)
    caplog.set_level(logging.ERROR, logger="hocviec")
    # when
    response = await client.post(
        "/graphql", json={"query": PROGRAMMES}, headers={"x-request-id": "bq-boom-1"}
    )
    # then: the client learns nothing but a request id to quote
    assert response.status_code == 200
    body = response.json()
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["path"] == ["programmes"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "bq-boom-1"}
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    # and the log has it all, with the request id
    [record] = [r for r in caplog.records if r.name.startswith("hocviec") and r.exc_info]
    assert record.levelno == logging.ERROR
    assert "bq-boom-1" in record.getMessage()
    assert record.exc_info[0] is RuntimeError
    assert "hunter2" in str(record.exc_info[1])
    assert "Traceback" in caplog.text
    assert "broken" in caplog.text


async def test_an_unexpected_error_gets_the_generated_request_id(client, monkeypatch, caplog):
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(directory, "filter_programmes", broken)
    caplog.set_level(logging.ERROR, logger="hocviec")

    response = await client.post("/graphql", json={"query": PROGRAMMES})

    [error] = response.json()["errors"]
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert response.headers["x-request-id"] in caplog.text


async def test_an_expected_error_is_not_masked(client, caplog):
    caplog.set_level(logging.ERROR, logger="hocviec")

    body = await graphql(client, "{ officials(first: 51) { totalCount } }")

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] != "Unexpected error."
    assert not [r for r in caplog.records if r.name.startswith("hocviec")]
