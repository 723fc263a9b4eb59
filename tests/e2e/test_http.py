"""The HTTP surface: GraphQL over HTTP (media types and status codes), bodies the server cannot
use, request IDs, security headers, masked errors and what is logged."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from base64 import b64encode

import pytest

from core.models import Cohort, Track
from core.services import directory
from schema.validation import CheckedDocument
from tests import factories
from tests.e2e.asgi import call, endpoint_settings
from tests.factories import gid
from tests.helpers import ROOT, graphql, graphql_data

PLUGINS = "{ plugins { id } }"

CREATE_COHORT = """
mutation Create($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { id } errors { code } }
}
"""

PROGRAMMES = "{ programmes { totalCount } }"

BUILT_IN_PLUGINS = ["party_committee", "peoples_committee", "commune_civil_servants"]

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def cohort_input() -> dict:
    track = await Track.get(code="party_committee")
    return {
        "input": {
            "name": "Khóa học việc 2020",
            "trackId": gid("Track", track.id),
            "startsOn": "2020-03-02",
            "endsOn": "2020-05-29",
            "capacity": 20,
            "orgUnitId": gid("OrgUnit", (await factories.district()).id),
        }
    }


def hocviec_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name.startswith("hocviec")]


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


@pytest.mark.parametrize("accept", [None, GRAPHQL_RESPONSE])
async def test_a_mutation_over_get_is_405_and_writes_nothing(client, accept):
    # given: a mutation that succeeds over POST
    variables = await cohort_input()
    headers = {"accept": accept} if accept else {}
    # when
    response = await client.get(
        "/graphql",
        params={"query": CREATE_COHORT, "variables": json.dumps(variables)},
        headers=headers,
    )
    # then
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert await Cohort.all().count() == 0
    # and the same request over POST does write
    data = await graphql_data(client, CREATE_COHORT, variables)
    assert data["createCohort"]["errors"] == []
    assert await Cohort.all().count() == 1


async def test_other_methods_are_405_with_allow(client):
    response = await client.put("/graphql", json={"query": PLUGINS})

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["errors"][0]["extensions"]["requestId"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", PLUGINS),
        ("application/x-www-form-urlencoded", "query=%7B+plugins+%7B+id+%7D+%7D"),
        ("application/graphql", PLUGINS),
        ("application/json; charset=latin-1", json.dumps({"query": PLUGINS})),
        ("multipart/form-data; boundary=x", "--x--"),
    ],
)
async def test_a_body_that_is_not_json_is_415(client, content_type, body):
    response = await client.post(
        "/graphql", content=body.encode(), headers={"content-type": content_type}
    )

    assert response.status_code == 415
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]


async def test_a_post_without_content_type_is_415(client):
    response = await client.post("/graphql", content=b"")

    assert response.status_code == 415


async def test_a_non_json_mutation_writes_nothing(client):
    variables = await cohort_input()
    form = {"query": CREATE_COHORT, "variables": json.dumps(variables)}

    response = await client.post("/graphql", data=form)

    assert response.status_code == 415
    assert await Cohort.all().count() == 0


# --------------------------------------------------------------------------------------------
# Accept negotiation
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", "application/json"),
        (f"{GRAPHQL_RESPONSE}, */*;q=0.1", GRAPHQL_RESPONSE),
        ("text/plain, application/json;q=0.2", "application/json"),
    ],
)
async def test_the_answer_has_the_media_type_the_client_accepts(client, accept, media):
    headers = {"accept": accept} if accept else {}

    response = await client.post("/graphql", json={"query": PLUGINS}, headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media}; charset=utf-8"
    assert response.json()["data"]["plugins"]


@pytest.mark.parametrize("accept", ["text/plain", "application/xml", "application/json;q=0"])
async def test_an_accept_the_server_cannot_serve_is_406(client, accept):
    response = await client.post("/graphql", json={"query": PLUGINS}, headers={"accept": accept})

    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


# --------------------------------------------------------------------------------------------
# Status codes: request errors are 400 in graphql-response+json, 200 in application/json
# --------------------------------------------------------------------------------------------

REQUEST_ERRORS = [
    ({"query": "{ plugins { id "}, "GRAPHQL_PARSE_FAILED"),
    ({"query": "{ noSuchField }"}, "GRAPHQL_VALIDATION_FAILED"),
    (
        {"query": "query O($n: Int!) { officials(first: $n) { totalCount } }", "variables": {}},
        "BAD_USER_INPUT",
    ),
    (
        {
            "query": "query O($n: Int!) { officials(first: $n) { totalCount } }",
            "variables": {"n": "x"},
        },
        "BAD_USER_INPUT",
    ),
    ({"query": "query A { plugins { id } } query B { plugins { id } }"}, "BAD_REQUEST"),
    ({"query": PLUGINS, "operationName": "Missing"}, "BAD_REQUEST"),
]


@pytest.mark.parametrize(("body", "code"), REQUEST_ERRORS)
async def test_a_request_error_is_400_without_data_in_graphql_response_json(client, body, code):
    response = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE})

    assert response.status_code == 400
    answer = response.json()
    assert "data" not in answer
    assert {error["extensions"]["code"] for error in answer["errors"]} == {code}


@pytest.mark.parametrize(("body", "code"), REQUEST_ERRORS)
async def test_a_request_error_is_200_in_application_json(client, body, code):
    response = await client.post("/graphql", json=body, headers={"accept": "application/json"})

    assert response.status_code == 200
    assert {error["extensions"]["code"] for error in response.json()["errors"]} == {code}


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, "application/json"])
async def test_a_field_error_after_execution_started_is_200_with_data(client, accept):
    response = await client.post(
        "/graphql",
        json={"query": '{ plugins { id } node(id: "") { id } }'},
        headers={"accept": accept},
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["data"]["plugins"]
    assert answer["data"]["node"] is None
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_operation_name_picks_the_operation(client):
    body = {"query": "query A { plugins { id } } query B { tracks { totalCount } }"}

    response = await client.post("/graphql", json={**body, "operationName": "B"})

    assert response.status_code == 200
    assert list(response.json()["data"]) == ["tracks"]


# --------------------------------------------------------------------------------------------
# Bodies the server cannot use: a JSON answer with a request ID, never a bare 500
# --------------------------------------------------------------------------------------------

NESTED = (
    b'{"query": "{ plugins { id } }", "variables": {"v": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json at all",
        b"[1, 2]",
        b'"a string"',
        b"42",
        b"null",
        b'{"query": "{ plugins { id } }"',
        b'{"query": "\xff\xfe"}',
        b'{"query": 42}',
        b'{"query": ["{ plugins { id } }"]}',
        b'{"query": null}',
        b'{"variables": {}}',
        b'{"query": "{ plugins { id } }", "variables": [1]}',
        b'{"query": "{ plugins { id } }", "variables": "{}"}',
        b'{"query": "{ plugins { id } }", "extensions": 3}',
        b'{"query": "{ plugins { id } }", "operationName": {"a": 1}}',
        NESTED,
        b'{"query": "{ plugins { id } }", "variables": {"v": ' + b"[" * 33 + b"]" * 33 + b"}}",
    ],
    ids=lambda body: body[:40].decode("latin-1"),
)
@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, "application/json"])
async def test_a_body_the_server_cannot_use_is_400_with_a_request_id(client, body, accept):
    response = await client.post(
        "/graphql",
        content=body,
        headers={"content-type": "application/json", "accept": accept},
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith(accept)
    [error] = response.json()["errors"]
    assert error["extensions"] == {
        "code": "BAD_REQUEST",
        "requestId": response.headers["x-request-id"],
    }


async def test_json_nested_up_to_the_limit_is_accepted(client):
    # 32 levels: the body object, variables, and 30 nested lists
    nested: object = "party_committee"
    for _ in range(30):
        nested = [nested]
    body = json.dumps({"query": PLUGINS, "variables": {"deep": nested}})

    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 200, response.text


async def test_an_invalid_utf8_query_string_is_400(client):
    response = await client.get("/graphql?query=%7B%20plugins%20%7B%20id%20%7D%20%7D%ff")

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_get_without_query_is_400(client):
    response = await client.get("/graphql", headers={"accept": "application/json"})

    assert response.status_code == 400


async def test_an_oversized_body_is_413(app, client, monkeypatch):
    endpoint_settings(app, monkeypatch, max_body_bytes=1000)
    body = json.dumps({"query": PLUGINS, "variables": {"pad": "x" * 1000}})

    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"


async def test_an_oversized_body_without_content_length_is_cut_off_while_read(
    app, client, monkeypatch
):
    # given: a client streaming chunks without declaring a length
    endpoint_settings(app, monkeypatch, max_body_bytes=1000)
    sent = []

    def chunks():
        for _ in range(1000):
            sent.append(1)
            yield b"x" * 100

    # when
    answer = await call(app, "POST", "/graphql", chunks(), {"content-type": "application/json"})
    # then: refused after the limit, without reading the rest
    assert answer.status == 413
    assert len(sent) < 20
    assert answer.json()["errors"][0]["extensions"]["code"] == "BODY_TOO_LARGE"


async def test_a_client_that_stops_sending_is_408(app, client, monkeypatch):
    endpoint_settings(app, monkeypatch, body_timeout=0.2)

    answer = await call(
        app, "POST", "/graphql", [b'{"query": '], {"content-type": "application/json"}, stall=True
    )

    assert answer.status == 408
    [error] = answer.json()["errors"]
    assert error["extensions"]["code"] == "REQUEST_TIMEOUT"
    assert error["extensions"]["requestId"] == answer.headers["x-request-id"]


# --------------------------------------------------------------------------------------------
# Malformed global IDs in query arguments
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "node_id", ["", "not base64!", "bm8gY29sb24=", b64encode(b"NoSuchType:1").decode()]
)
async def test_a_malformed_global_id_in_a_query_is_bad_user_input(client, node_id):
    literal = await graphql(client, "query N($id: ID!) { node(id: $id) { id } }", {"id": node_id})

    errors = literal.get("errors") or []
    assert errors, literal
    assert {error["extensions"]["code"] for error in errors} == {"BAD_USER_INPUT"}


async def test_node_with_an_empty_literal_id_is_bad_user_input(client):
    body = await graphql(client, '{ node(id: "") { id } }')

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


# --------------------------------------------------------------------------------------------
# Security headers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/health", {}),
        ("POST", "/graphql", {"json": {"query": PLUGINS}}),
        ("POST", "/graphql", {"content": b"x", "headers": {"content-type": "text/plain"}}),
        ("GET", "/graphql", {"params": {"query": "{"}}),
        ("GET", "/nowhere", {}),
    ],
)
async def test_every_answer_carries_the_security_headers(client, method, path, kwargs):
    response = await client.request(method, path, **kwargs)

    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in response.headers


async def test_graphql_answers_are_not_cached(client):
    response = await client.post("/graphql", json={"query": PLUGINS})

    assert response.headers["cache-control"] == "no-store"


async def test_hsts_only_over_https(client):
    response = await client.get("https://hocviec.test/health")

    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_graphiql_is_served_to_a_browser_under_its_own_csp(client):
    # when: a browser opens /graphql
    response = await client.get(
        "/graphql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    # then: the GraphiQL page
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert "graphiql" in html.lower()
    # and its CSP allows scripts from this server only: no inline script, no eval, no CDN
    csp = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert csp["script-src"] == "'self'"
    assert csp["connect-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"


# --------------------------------------------------------------------------------------------
# Request IDs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/health", f"/graphql?query={PLUGINS}"])
async def test_every_response_carries_a_request_id(client, path):
    first = await client.get(path)
    second = await client.get(path)

    assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
    assert re.fullmatch(r"[0-9a-f]{32}", second.headers["x-request-id"])
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


@pytest.mark.parametrize("sent", ["bq-2019-05-06-0001", "<script>alert(1)</script>", "a" * 65])
async def test_a_request_id_sent_by_the_client_is_never_echoed(client, caplog, sent):
    caplog.set_level(logging.DEBUG, logger="hocviec")

    response = await client.post(
        "/graphql", json={"query": "{ nope }"}, headers={"x-request-id": sent}
    )

    assert response.headers["x-request-id"] != sent
    assert sent not in response.text
    # and only a well-formed one is recorded in the log, beside the server's
    logged = [r.getMessage() for r in hocviec_records(caplog) if sent in r.getMessage()]
    if re.fullmatch(r"[A-Za-z0-9._-]{1,64}", sent):
        assert any(response.headers["x-request-id"] in message for message in logged)
    else:
        assert logged == []


# --------------------------------------------------------------------------------------------
# Unexpected errors: masked for the client, logged in full with the request id
# --------------------------------------------------------------------------------------------


async def test_an_unexpected_error_is_masked_and_logged(client, monkeypatch, caplog):
    # given: a resolver's service fails with a bug that reveals internals
    def broken() -> None:
        raise RuntimeError("boom: password=hunter2 in /srv/hocviec/core/services/directory.py")

    monkeypatch.setattr(directory, "filter_programmes", broken)
    caplog.set_level(logging.INFO, logger="hocviec")
    # when
    response = await client.post("/graphql", json={"query": PROGRAMMES})
    # then: the client learns nothing but a request id to quote
    request_id = response.headers["x-request-id"]
    assert response.status_code == 200
    body = response.json()
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["path"] == ["programmes"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert "hunter2" not in response.text
    assert "RuntimeError" not in response.text
    # and the log has it all, with the request id
    [record] = [r for r in hocviec_records(caplog) if r.exc_info]
    assert record.levelno == logging.ERROR
    assert request_id in record.getMessage()
    assert record.exc_info[0] is RuntimeError
    assert "hunter2" in str(record.exc_info[1])
    assert "Traceback" in caplog.text
    assert "broken" in caplog.text


async def test_debug_shows_the_unexpected_error(app, client, monkeypatch):
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(directory, "filter_programmes", broken)
    executor = app.state.graphql.executor
    monkeypatch.setattr(executor, "settings", dataclasses.replace(executor.settings, debug=True))

    body = await graphql(client, PROGRAMMES)

    [error] = body["errors"]
    assert error["message"] == "RuntimeError: boom"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


async def test_an_expected_error_is_not_masked_and_logged_at_info(client, caplog):
    caplog.set_level(logging.DEBUG, logger="hocviec")

    response = await client.post(
        "/graphql", json={"query": "{ officials(first: 51) { totalCount } }"}
    )

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] != "Unexpected error."
    records = [r for r in hocviec_records(caplog) if r.levelno >= logging.INFO]
    assert [r.levelno for r in records] == [logging.INFO]
    assert response.headers["x-request-id"] in records[0].getMessage()
    assert "BAD_USER_INPUT" in records[0].getMessage()


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"query": "{ nope }"}}, 200),
        ({"json": {"query": "{ plugins { id "}}, 200),
        ({"content": b"[]", "headers": {"content-type": "application/json"}}, 400),
        ({"content": b"x", "headers": {"content-type": "text/plain"}}, 415),
    ],
)
async def test_client_mistakes_are_logged_at_info_not_error(client, caplog, kwargs, status):
    caplog.set_level(logging.DEBUG, logger="hocviec")

    response = await client.post("/graphql", **kwargs)

    assert response.status_code == status
    records = hocviec_records(caplog)
    assert records
    assert max(r.levelno for r in records) == logging.INFO
    assert any(response.headers["x-request-id"] in r.getMessage() for r in records)


async def test_a_huge_id_is_not_copied_into_the_log(app, client, monkeypatch, caplog):
    # given: a 5 MB ID, within a body limit raised for the test
    endpoint_settings(app, monkeypatch, max_body_bytes=20_000_000)
    huge = "A" * 5_000_000
    caplog.set_level(logging.DEBUG, logger="hocviec")
    # when
    for query, variables in [
        ("query N($id: ID!) { node(id: $id) { id } }", {"id": huge}),
        (f'{{ node(id: "{huge}") {{ id }} }}', {}),
        ("query O($id: ID!) { officials(filter: {orgUnitId: $id}) { totalCount } }", {"id": huge}),
    ]:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200
        assert response.json()["errors"]
    # then: the log holds a few short lines, not the ID
    assert len(caplog.text) < 5_000
    assert max(r.levelno for r in hocviec_records(caplog)) == logging.INFO


async def test_a_lone_surrogate_echoed_in_an_error_gives_valid_json(client, caplog):
    caplog.set_level(logging.INFO, logger="hocviec")
    body = (
        b'{"query": "query N($id: ID!) { node(id: $id) { id } }", "variables": {"id": "\\ud800"}}'
    )

    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 200
    response.content.decode("utf-8")  # valid UTF-8
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "\ud800" in error["message"]
    assert "\\ud800" in caplog.text


async def test_a_bug_in_the_pipeline_is_a_json_500_with_a_request_id(
    app, client, monkeypatch, caplog
):
    # given: the cost analysis fails with a bug
    def broken(self, operation_name, variables):
        raise RuntimeError("cost analysis bug")

    monkeypatch.setattr(CheckedDocument, "operation_cost", broken)
    caplog.set_level(logging.INFO, logger="hocviec")
    # when
    response = await client.post(
        "/graphql", json={"query": PLUGINS}, headers={"accept": GRAPHQL_RESPONSE}
    )
    # then
    assert response.status_code == 500
    [error] = response.json()["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": response.headers["x-request-id"],
    }
    [record] = [r for r in hocviec_records(caplog) if r.levelno == logging.ERROR]
    assert record.exc_info[0] is RuntimeError
    assert response.headers["x-request-id"] in record.getMessage()


async def test_a_bug_in_the_endpoint_is_a_json_500_with_a_request_id(app, client, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("endpoint bug")

    monkeypatch.setattr(app.state.graphql.executor, "run", broken)

    response = await client.post("/graphql", json={"query": PLUGINS})

    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "endpoint bug" not in response.text


VENDOR = ROOT / "core" / "static" / "graphiql" / "vendor"


def test_the_vendored_graphiql_files_are_the_recorded_ones():
    recorded = json.loads((VENDOR / "VERSIONS.json").read_text(encoding="utf-8"))

    assert {"graphiql.min.js", "react.production.min.js", "plugin-explorer.umd.js"} <= set(recorded)
    for name, entry in recorded.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert (VENDOR / entry["licenseFile"]).read_text(encoding="utf-8").strip(), name


async def test_the_graphiql_page_and_its_files_come_from_this_server(client):
    page = await client.get("/graphql", headers={"accept": "text/html"})
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)

    assert page.status_code == 200
    assert sources and all(source.startswith("/static/graphiql/") for source in sources)
    assert "<script>" not in page.text  # no inline script for the policy to allow
    assert "script-src 'self';" in page.headers["content-security-policy"]
    for source in sources:
        answer = await client.get(source)
        assert answer.status_code == 200, source
