"""A Justice – Civil Status cohort from creation to final results, through GraphQL.

The coordinator creates and opens the cohort, enrolls two commune officials who register the
topics they need, starts it and schedules a theory session and a session of civil-status
registration casework at the district justice office; attendance is recorded; one learner's
practicum (5 civil-status registrations, 3 certifications) is given and signed off; two
assessors mark the written test and the practical work; the cohort completes and its results
are finalised by the track's own scheme (written 0.4, practical 0.5, attendance 0.1; 80%
attendance and the practicum signed off to complete).
"""

from __future__ import annotations

from typing import Any

import httpx

from core.models.enums import Role
from tests import factories
from tests.factories import gid
from tests.helpers import graphql_data

CASEWORK = "commune_civil_servants.civil_status_registration"

SELECTIONS = {
    "createCohort": "cohort { id scheme { components { code weight } adjusted } }",
    "enrollOfficial": "enrollment { id }",
    "scheduleSession": "session { id activityKind { code } }",
    "submitPracticumEvidence": "evidence { id }",
    "finaliseResults": "cohort { resultsFinalAt }",
}

TRACK = """
{
  tracks(filter: {pluginIds: ["commune_civil_servants"]}) { edges { node {
    id code topics { id code } practicumItems { id code requiredCount }
  } } }
}
"""

RESULTS = """
query($id: ID!) {
  node(id: $id) { ... on Cohort { statistics { registered completed bands { band count } } } }
  a: node(id: $a) { ...Outcome }
  b: node(id: $b) { ...Outcome }
}
fragment Outcome on Enrollment {
  official { fullName }
  topics { code }
  attendance { present late absent attended recorded }
  practicum { item { code } signedOff complete }
  componentScores { component score secondScore }
  result { score band completed reasons components { code score weight } }
}
""".replace("query($id: ID!)", "query($id: ID!, $a: ID!, $b: ID!)")


async def mutate(http: httpx.AsyncClient, name: str, fields: dict[str, Any]) -> Any:
    input_type = name[0].upper() + name[1:] + "Input"
    selection = SELECTIONS.get(name, "__typename")
    document = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) "
        f"{{ {selection} errors {{ field code message }} }} }}"
    )
    payload = (await graphql_data(http, document, {"input": fields}))[name]
    assert payload["errors"] == [], (name, payload["errors"])
    return payload


async def test_a_justice_cohort_is_run_and_graded_by_its_own_scheme(client, sign_in_as):
    # -- a district with two communes, each with its Justice – Civil Status officer -----------
    district = await factories.district()
    communes = [await factories.commune(name, district) for name in ("Xã Vĩnh Hảo", "Xã Đồng Yên")]
    officials = [
        await factories.official(name, "justice_civil_status", org_unit=commune)
        for name, commune in zip(("Nông Thị Hoa", "Triệu Văn Sơn"), communes, strict=True)
    ]
    first = await sign_in_as("giam.khao.1", (Role.ASSESSOR, district))
    second = await sign_in_as("giam.khao.2", (Role.ASSESSOR, district))
    tracks = (await graphql_data(client, TRACK))["tracks"]
    track = next(e["node"] for e in tracks["edges"] if e["node"]["code"] == "civil_servant_justice")
    topics = {topic["code"]: topic["id"] for topic in track["topics"]}
    items = {item["code"]: item for item in track["practicumItems"]}

    # -- created (assessed by the track's scheme), opened, enrolled, registered, started ------
    created = await mutate(
        client,
        "createCohort",
        {
            "name": "Khóa học việc Công chức Tư pháp – Hộ tịch 2019",
            "trackId": track["id"],
            "startsOn": "2019-06-17",
            "endsOn": "2019-09-13",
            "capacity": 23,
            "orgUnitId": gid("OrgUnit", district.id),
        },
    )
    cohort_id = created["cohort"]["id"]
    assert created["cohort"]["scheme"] == {
        "components": [
            {"code": "written_test", "weight": "0.4"},
            {"code": "practical_work", "weight": "0.5"},
            {"code": "attendance", "weight": "0.1"},
        ],
        "adjusted": False,
    }
    await mutate(client, "changeCohortStatus", {"cohortId": cohort_id, "status": "OPEN"})
    enrollments = []
    for official, chosen in zip(
        officials, (("TP01", "TP02", "TP03"), ("TP01", "TP04")), strict=True
    ):
        enrolled = await mutate(
            client,
            "enrollOfficial",
            {"officialId": gid("Official", official.id), "cohortId": cohort_id},
        )
        enrollment_id = enrolled["enrollment"]["id"]
        enrollments.append(enrollment_id)
        await mutate(
            client,
            "registerTopics",
            {"enrollmentId": enrollment_id, "topicIds": [topics[code] for code in chosen]},
        )
    await mutate(client, "changeCohortStatus", {"cohortId": cohort_id, "status": "IN_PROGRESS"})

    # -- a theory session and a casework session: Hoa attends both; Sơn is late, then absent --
    sessions = []
    for day, kind, title in (
        ("2019-06-17", "theory", "Lý thuyết: đăng ký khai sinh, kết hôn, khai tử"),
        ("2019-06-19", CASEWORK, "Giải quyết hồ sơ hộ tịch tại Phòng Tư pháp huyện"),
    ):
        scheduled = await mutate(
            client,
            "scheduleSession",
            {
                "cohortId": cohort_id,
                "startsAt": f"{day}T00:30:00+00:00",
                "endsAt": f"{day}T04:00:00+00:00",
                "activityKind": kind,
                "title": title,
            },
        )
        assert scheduled["session"]["activityKind"] == {"code": kind}
        sessions.append(scheduled["session"]["id"])
    hoa, son = enrollments
    for session_id, statuses in zip(
        sessions, (("PRESENT", "LATE"), ("PRESENT", "ABSENT")), strict=True
    ):
        await mutate(
            first,
            "recordAttendance",
            {
                "sessionId": session_id,
                "entries": [
                    {"enrollmentId": enrollment, "status": status}
                    for enrollment, status in zip(enrollments, statuses, strict=True)
                ],
            },
        )

    # -- Hoa's practicum is signed off in full; Sơn's registrations only in part --------------
    for enrollment, counts in (
        (hoa, {"civil_status_registrations": 5, "certifications": 3}),
        (son, {"civil_status_registrations": 2}),
    ):
        for code, count in counts.items():
            for n in range(count):
                given = await mutate(
                    client,
                    "submitPracticumEvidence",
                    {
                        "enrollmentId": enrollment,
                        "itemId": items[code]["id"],
                        "text": f"Hồ sơ số {n + 1} đã giải quyết tại Phòng Tư pháp huyện",
                        "occurredOn": "2019-06-19",
                    },
                )
                await mutate(
                    first, "signOffPracticumEvidence", {"evidenceId": given["evidence"]["id"]}
                )

    # -- two assessors mark the written test and the practical work --------------------------
    marks = {
        (first, "written_test"): ("7", "6"),
        (second, "written_test"): ("8", "6.5"),
        (first, "practical_work"): ("8.5", "7"),
        (second, "practical_work"): ("9", "6"),
    }
    for (assessor, component), scores in marks.items():
        await mutate(
            assessor,
            "enterScores",
            {
                "cohortId": cohort_id,
                "componentCode": component,
                "entries": [
                    {"enrollmentId": enrollment, "score": score}
                    for enrollment, score in zip(enrollments, scores, strict=True)
                ],
            },
        )

    # -- completed and finalised ---------------------------------------------------------------
    await mutate(client, "changeCohortStatus", {"cohortId": cohort_id, "status": "COMPLETED"})
    finalised = await mutate(client, "finaliseResults", {"cohortId": cohort_id})
    assert finalised["cohort"]["resultsFinalAt"] is not None
    report = await graphql_data(client, RESULTS, {"id": cohort_id, "a": hoa, "b": son})

    # Hoa: written (7 + 8) / 2 = 7.50, practical (8.5 + 9) / 2 = 8.75, attendance 2 of 2: 10.00
    #      7.50 × 0.4 + 8.75 × 0.5 + 10.00 × 0.1 = 3.00 + 4.375 + 1.00 = 8.375 → 8.38, Giỏi
    assert report["a"]["topics"] == [{"code": "TP01"}, {"code": "TP02"}, {"code": "TP03"}]
    assert report["a"]["attendance"] == {
        "present": 2,
        "late": 0,
        "absent": 0,
        "attended": 2,
        "recorded": 2,
    }
    assert report["a"]["practicum"] == [
        {"item": {"code": "civil_status_registrations"}, "signedOff": 5, "complete": True},
        {"item": {"code": "certifications"}, "signedOff": 3, "complete": True},
    ]
    assert report["a"]["result"] == {
        "score": "8.38",
        "band": "Giỏi",
        "completed": True,
        "reasons": [],
        "components": [
            {"code": "written_test", "score": "7.50", "weight": "0.4"},
            {"code": "practical_work", "score": "8.75", "weight": "0.5"},
            {"code": "attendance", "score": "10.00", "weight": "0.1"},
        ],
    }
    # Sơn: written (6 + 6.5) / 2 = 6.25, practical (7 + 6) / 2 = 6.50, attendance 1 of 2: 5.00
    #      6.25 × 0.4 + 6.50 × 0.5 + 5.00 × 0.1 = 2.50 + 3.25 + 0.50 = 6.25, Trung bình;
    #      not completed: 50% attendance is below 80%, and the practicum is not signed off
    assert report["b"]["result"] == {
        "score": "6.25",
        "band": "Trung bình",
        "completed": False,
        "reasons": [
            "Attendance below the minimum of 80% (50%).",
            "Not every practicum item is signed off.",
        ],
        "components": [
            {"code": "written_test", "score": "6.25", "weight": "0.4"},
            {"code": "practical_work", "score": "6.50", "weight": "0.5"},
            {"code": "attendance", "score": "5.00", "weight": "0.1"},
        ],
    }
    assert report["b"]["attendance"] == {
        "present": 0,
        "late": 1,
        "absent": 1,
        "attended": 1,
        "recorded": 2,
    }
    assert report["b"]["practicum"] == [
        {"item": {"code": "civil_status_registrations"}, "signedOff": 2, "complete": False},
        {"item": {"code": "certifications"}, "signedOff": 0, "complete": False},
    ]
    assert {
        (s["component"], s["score"], s["secondScore"]) for s in report["b"]["componentScores"]
    } == {
        ("written_test", "6.00", "6.50"),
        ("practical_work", "7.00", "6.00"),
    }
    assert report["node"]["statistics"] == {
        "registered": 2,
        "completed": 1,
        "bands": [
            {"band": "Giỏi", "count": 1},
            {"band": "Khá", "count": 0},
            {"band": "Trung bình", "count": 1},
            {"band": "Yếu", "count": 0},
        ],
    }
