"""Every string and list input is checked before it reaches the database, alike on both.

Each text field of each mutation input refuses NUL characters, lone surrogates and text longer
than its column with a ``UserError`` naming the field; each ID list refuses more IDs than its
declared maximum and repeats; a malformed ID is an ``INVALID_ID`` reported with the input's
other problems. Each filter argument refuses the same with a top-level ``BAD_USER_INPUT`` error
naming it in ``extensions.argument``. Nothing is written, and nothing reaches the client as an
``INTERNAL_SERVER_ERROR`` (before these checks, several did, on one database or the other).

The requests are sent as raw JSON text, since ``"\\ud800"`` (a lone surrogate) is what a
client sends and what the server must survive.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.limits import MAX_HOST_AGENCIES_PER_COHORT, MAX_TOPICS_PER_ENROLLMENT
from core.models import Cohort, Enrollment, Topic, TopicRegistration, Track
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from schema.inputs import MAX_FILTER_VALUES
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes

NUL = "Khóa\u0000học"
SURROGATE = "Khóa \ud800 học"
HUGE = "x" * 100_000

PAST_THE_DRIVER_LIMIT = 33_000
"""More values than asyncpg's 32,767 query parameters, in a body still under the default
1 MB body limit (a list that big once gave INTERNAL_SERVER_ERROR on PostgreSQL)."""

BAD_TEXT = [
    pytest.param(NUL, "INVALID", id="nul"),
    pytest.param(SURROGATE, "INVALID", id="lone-surrogate"),
    pytest.param(HUGE, "TOO_LONG", id="100k-characters"),
]


async def post(client, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """POST a document with variables serialised as JSON text (lone surrogates kept)."""
    body = json.dumps({"query": query, "variables": variables})
    response = await client.post(
        "/graphql",
        content=body.encode(),
        headers={"content-type": "application/json", "accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def mutate(client, field: str, input_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    query = (
        f"mutation M($input: {input_type}!) {{ {field}(input: $input) "
        "{ errors { field code message } } }"
    )
    body = await post(client, query, {"input": fields})
    assert "errors" not in body, body["errors"]
    return body["data"][field]


async def snapshot() -> tuple[int, ...]:
    return (
        await Cohort.all().count(),
        await Topic.all().count(),
        await Enrollment.all().count(),
        await TopicRegistration.all().count(),
    )


async def valid_inputs() -> dict[str, tuple[str, dict[str, Any]]]:
    """A valid input of every mutation, by field name, with its input type."""
    track = await Track.get(code="party_committee")
    cohort = await factories.cohort()
    enrollment = await enroll_official(OPERATOR, (await factories.official()).id, cohort.id)
    topic = (await factories.topics())[0]
    return {
        "createCohort": (
            "CreateCohortInput",
            {
                "name": "Khóa học việc 2020",
                "trackId": gid("Track", track.id),
                "startsOn": "2020-05-04",
                "endsOn": "2020-07-17",
                "capacity": 10,
                "orgUnitId": gid("OrgUnit", (await factories.district()).id),
            },
        ),
        "updateCohort": ("UpdateCohortInput", {"cohortId": gid("Cohort", cohort.id)}),
        "changeCohortStatus": (
            "ChangeCohortStatusInput",
            {"cohortId": gid("Cohort", cohort.id), "status": "IN_PROGRESS"},
        ),
        "enrollOfficial": (
            "EnrollOfficialInput",
            {
                "officialId": gid("Official", (await factories.official("Lý Thị Mai")).id),
                "cohortId": gid("Cohort", cohort.id),
            },
        ),
        "withdrawEnrollment": (
            "WithdrawEnrollmentInput",
            {"enrollmentId": gid("Enrollment", enrollment.id), "reason": "Chuyển công tác"},
        ),
        "registerTopics": (
            "RegisterTopicsInput",
            {
                "enrollmentId": gid("Enrollment", enrollment.id),
                "topicIds": [gid("Topic", topic.id)],
            },
        ),
        "createTopic": (
            "CreateTopicInput",
            {"trackId": gid("Track", track.id), "code": "PC90", "title": "Dân vận khéo"},
        ),
    }


TEXT_FIELDS = [
    ("createCohort", "name"),
    ("updateCohort", "name"),
    ("createTopic", "code"),
    ("createTopic", "title"),
]


@pytest.mark.parametrize(("bad", "code"), BAD_TEXT)
@pytest.mark.parametrize(("mutation", "field"), TEXT_FIELDS)
async def test_text_fields_refuse_what_cannot_be_stored(client, mutation, field, bad, code):
    input_type, fields = (await valid_inputs())[mutation]
    before = await snapshot()

    result = await mutate(client, mutation, input_type, fields | {field: bad})

    assert error_codes(result) == [(field, code)]
    assert HUGE not in result["errors"][0]["message"]
    assert await snapshot() == before


ID_FIELDS = [
    ("createCohort", "trackId"),
    ("createCohort", "programmeId"),
    ("updateCohort", "cohortId"),
    ("updateCohort", "programmeId"),
    ("changeCohortStatus", "cohortId"),
    ("enrollOfficial", "officialId"),
    ("enrollOfficial", "cohortId"),
    ("withdrawEnrollment", "enrollmentId"),
    ("registerTopics", "enrollmentId"),
    ("createTopic", "trackId"),
]


@pytest.mark.parametrize("bad", ["", NUL, SURROGATE, HUGE, "%_\\"], ids=lambda v: repr(v[:8]))
@pytest.mark.parametrize(("mutation", "field"), ID_FIELDS)
async def test_malformed_ids_are_invalid_id_errors(client, mutation, field, bad):
    input_type, fields = (await valid_inputs())[mutation]
    before = await snapshot()

    result = await mutate(client, mutation, input_type, fields | {field: bad})

    assert error_codes(result) == [(field, "INVALID_ID")]
    # a 100,000-character ID is quoted, not echoed
    assert len(result["errors"][0]["message"]) < 200
    assert await snapshot() == before


ID_LISTS = [
    ("createCohort", "hostAgencyIds", "HostAgency", MAX_HOST_AGENCIES_PER_COHORT),
    ("updateCohort", "hostAgencyIds", "HostAgency", MAX_HOST_AGENCIES_PER_COHORT),
    ("registerTopics", "topicIds", "Topic", MAX_TOPICS_PER_ENROLLMENT),
]


@pytest.mark.parametrize(
    "size", [lambda maximum: maximum + 1, lambda maximum: PAST_THE_DRIVER_LIMIT]
)
@pytest.mark.parametrize(("mutation", "field", "type_name", "maximum"), ID_LISTS)
async def test_id_lists_over_their_maximum_are_too_many(
    client, mutation, field, type_name, maximum, size
):
    input_type, fields = (await valid_inputs())[mutation]
    ids = [gid(type_name, n) for n in range(1, size(maximum) + 1)]
    before = await snapshot()

    result = await mutate(client, mutation, input_type, fields | {field: ids})

    assert error_codes(result) == [(field, "TOO_MANY")]
    assert await snapshot() == before


@pytest.mark.parametrize(("mutation", "field", "type_name", "maximum"), ID_LISTS)
async def test_id_lists_naming_an_object_twice_are_duplicate(
    client, mutation, field, type_name, maximum
):
    input_type, fields = (await valid_inputs())[mutation]
    before = await snapshot()

    result = await mutate(
        client, mutation, input_type, fields | {field: [gid(type_name, 7), gid(type_name, 7)]}
    )

    assert error_codes(result) == [(field, "DUPLICATE")]
    assert await snapshot() == before


@pytest.mark.parametrize(("mutation", "field", "type_name", "maximum"), ID_LISTS)
async def test_id_lists_with_malformed_ids_are_invalid_id(
    client, mutation, field, type_name, maximum
):
    input_type, fields = (await valid_inputs())[mutation]
    before = await snapshot()

    result = await mutate(
        client, mutation, input_type, fields | {field: [gid(type_name, 7), SURROGATE, HUGE]}
    )

    assert error_codes(result) == [(field, "INVALID_ID")]
    assert await snapshot() == before


# --------------------------------------------------------------------------------------------
# A malformed ID is reported with the input's other problems
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutation", "overrides", "expected"),
    [
        (
            "createCohort",
            {"trackId": "nope", "name": " ", "capacity": 0, "hostAgencyIds": ["nope"]},
            [
                ("trackId", "INVALID_ID"),
                ("hostAgencyIds", "INVALID_ID"),
                ("name", "REQUIRED"),
                ("capacity", "INVALID"),
            ],
        ),
        (
            "createCohort",
            {"programmeId": "nope", "name": NUL, "hostAgencyIds": ["x"] * 31},
            [("programmeId", "INVALID_ID"), ("hostAgencyIds", "TOO_MANY"), ("name", "INVALID")],
        ),
        (
            "updateCohort",
            {"cohortId": "nope", "name": HUGE, "capacity": 0, "programmeId": "nope"},
            [
                ("cohortId", "INVALID_ID"),
                ("programmeId", "INVALID_ID"),
                ("name", "TOO_LONG"),
                ("capacity", "INVALID"),
            ],
        ),
        (
            "enrollOfficial",
            {"officialId": "nope", "cohortId": SURROGATE},
            [("officialId", "INVALID_ID"), ("cohortId", "INVALID_ID")],
        ),
        (
            "registerTopics",
            {"enrollmentId": "nope", "topicIds": [gid("Topic", 3), gid("Topic", 3)]},
            [("enrollmentId", "INVALID_ID"), ("topicIds", "DUPLICATE")],
        ),
        (
            "createTopic",
            {"trackId": "nope", "code": " ", "title": NUL},
            [("trackId", "INVALID_ID"), ("code", "REQUIRED"), ("title", "INVALID")],
        ),
    ],
    ids=[
        "create-cohort",
        "create-cohort-lists",
        "update-cohort",
        "enroll",
        "register-topics",
        "create-topic",
    ],
)
async def test_a_malformed_id_comes_with_the_inputs_other_problems(
    client, mutation, overrides, expected
):
    input_type, fields = (await valid_inputs())[mutation]
    before = await snapshot()

    result = await mutate(client, mutation, input_type, fields | overrides)

    assert error_codes(result) == expected
    assert await snapshot() == before


# --------------------------------------------------------------------------------------------
# Query arguments: top-level BAD_USER_INPUT naming the argument
# --------------------------------------------------------------------------------------------

FILTER_TYPES = {
    "officials": "OfficialFilter",
    "orgUnits": "OrgUnitFilter",
    "hostAgencies": "HostAgencyFilter",
    "tracks": "TrackFilter",
    "topics": "TopicFilter",
    "cohorts": "CohortFilter",
    "enrollments": "EnrollmentFilter",
    "posts": "PostFilter",
}


async def filtered(client, field: str, criteria: dict[str, Any]) -> dict[str, Any]:
    query = f"query Q($f: {FILTER_TYPES[field]}) {{ {field}(filter: $f) {{ totalCount }} }}"
    return await post(client, query, {"f": criteria})


def bad_argument(body: dict[str, Any]) -> tuple[str, str]:
    assert body["data"] is None
    [error] = body["errors"]
    return error["extensions"]["code"], error["extensions"]["argument"]


SEARCHES = [("officials", "name", 200), ("orgUnits", "name", 200), ("topics", "title", 400)]


@pytest.mark.parametrize("bad", [NUL, SURROGATE, HUGE], ids=["nul", "lone-surrogate", "100k"])
@pytest.mark.parametrize(("field", "argument", "length"), SEARCHES)
async def test_search_patterns_refuse_what_cannot_be_searched(client, field, argument, length, bad):
    body = await filtered(client, field, {argument: bad})

    assert bad_argument(body) == ("BAD_USER_INPUT", f"filter.{argument}")
    assert HUGE not in body["errors"][0]["message"]


@pytest.mark.parametrize(("field", "argument", "length"), SEARCHES)
async def test_search_patterns_up_to_the_column_length_are_fine(client, field, argument, length):
    body = await filtered(client, field, {argument: "a" * length})

    assert "errors" not in body
    assert body["data"][field]["totalCount"] == 0


@pytest.mark.parametrize(("field", "argument", "length"), SEARCHES)
async def test_search_patterns_over_the_column_length_are_refused(client, field, argument, length):
    body = await filtered(client, field, {argument: "a" * (length + 1)})

    assert bad_argument(body) == ("BAD_USER_INPUT", f"filter.{argument}")


ID_LIST_FILTERS = [
    ("officials", "postIds", "Post"),
    ("topics", "trackIds", "Track"),
    ("cohorts", "trackIds", "Track"),
]


@pytest.mark.parametrize("size", [MAX_FILTER_VALUES + 1, PAST_THE_DRIVER_LIMIT])
@pytest.mark.parametrize(("field", "argument", "type_name"), ID_LIST_FILTERS)
async def test_id_list_filters_over_the_maximum_are_refused(
    client, field, argument, type_name, size
):
    ids = [gid(type_name, n) for n in range(1, size + 1)]

    body = await filtered(client, field, {argument: ids})

    assert bad_argument(body) == ("BAD_USER_INPUT", f"filter.{argument}")


@pytest.mark.parametrize(("field", "argument", "type_name"), ID_LIST_FILTERS)
async def test_id_list_filters_up_to_the_maximum_are_fine(client, field, argument, type_name):
    ids = [gid(type_name, n) for n in range(1, MAX_FILTER_VALUES + 1)]

    body = await filtered(client, field, {argument: ids})

    assert "errors" not in body


@pytest.mark.parametrize(
    "bad", [[NUL], [SURROGATE], [HUGE], ["x", "x"]], ids=["nul", "surrogate", "huge", "twice"]
)
@pytest.mark.parametrize(("field", "argument", "type_name"), ID_LIST_FILTERS)
async def test_id_list_filters_refuse_bad_and_repeated_ids(client, field, argument, type_name, bad):
    ids = [gid(type_name, 1) if value == "x" else value for value in bad]

    body = await filtered(client, field, {argument: ids})

    assert bad_argument(body) == ("BAD_USER_INPUT", f"filter.{argument}")
    assert len(body["errors"][0]["message"]) < 200


@pytest.mark.parametrize(
    "plugin_ids",
    [[NUL], [SURROGATE], [HUGE], ["party_committee"] * 2, ["p"] * (MAX_FILTER_VALUES + 1)],
    ids=["nul", "surrogate", "huge", "twice", "too-many"],
)
async def test_plugin_id_filters_refuse_bad_lists(client, plugin_ids):
    body = await filtered(client, "tracks", {"pluginIds": plugin_ids})

    assert bad_argument(body) == ("BAD_USER_INPUT", "filter.pluginIds")


@pytest.mark.parametrize(
    ("field", "argument", "value"),
    [
        ("officials", "statuses", "ACTIVE"),
        ("orgUnits", "levels", "COMMUNE"),
        ("hostAgencies", "blocs", "PARTY"),
        ("cohorts", "statuses", "OPEN"),
        ("enrollments", "statuses", "ENROLLED"),
        ("posts", "kinds", "CIVIL_SERVANT"),
    ],
)
async def test_enum_list_filters_refuse_repeats(client, field, argument, value):
    once = await filtered(client, field, {argument: [value]})
    repeated = await filtered(client, field, {argument: [value] * PAST_THE_DRIVER_LIMIT})

    assert "errors" not in once
    assert bad_argument(repeated) == ("BAD_USER_INPUT", f"filter.{argument}")


# --------------------------------------------------------------------------------------------
# Search patterns are literal
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("%", ["Tỉ lệ 100% đảng viên"]),
        ("100%", ["Tỉ lệ 100% đảng viên"]),
        ("_", ["Mẫu_biên bản"]),
        ("u_b", ["Mẫu_biên bản"]),
        ("\\", ["Đường dẫn \\ thư mục"]),
        ("1_0", []),
        ("%%", []),
    ],
    ids=[
        "percent",
        "percent-after-text",
        "underscore",
        "underscore-inside",
        "backslash",
        "underscore-as-one-character",
        "two-percents",
    ],
)
async def test_topic_title_search_takes_wildcards_literally(client, search, expected):
    track = await Track.get(code="party_committee")
    for n, title in enumerate(
        (
            "Tỉ lệ 100% đảng viên",
            "Tỉ lệ 100 đảng viên",
            "Mẫu_biên bản",
            "Mẫu biên bản",
            "Đường dẫn \\ thư mục",
        ),
        start=1,
    ):
        result = await mutate(
            client,
            "createTopic",
            "CreateTopicInput",
            {"trackId": gid("Track", track.id), "code": f"L{n}", "title": title},
        )
        assert result["errors"] == []
    query = (
        "query Q($t: String) { topics(filter: {title: $t}, first: 50) "
        "{ edges { node { title } } } }"
    )

    body = await post(client, query, {"t": search})

    assert "errors" not in body
    assert [edge["node"]["title"] for edge in body["data"]["topics"]["edges"]] == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [("%", []), ("_", ["Lò_Văn Páo"]), ("o_v", ["Lò_Văn Páo"]), ("o%v", [])],
)
async def test_official_name_search_takes_wildcards_literally(client, search, expected):
    for name in ("Lò_Văn Páo", "Lò Văn Páo"):
        await factories.official(name)
    query = "query Q($n: String) { officials(filter: {name: $n}) { edges { node { fullName } } } }"

    body = await post(client, query, {"n": search})

    assert "errors" not in body
    assert [edge["node"]["fullName"] for edge in body["data"]["officials"]["edges"]] == expected
