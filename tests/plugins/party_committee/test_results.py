"""The Party track's results: the written test and the draft conclusions, weighted, the draft
graded for the whole cohort by the plugin (``grade_component``)."""

from __future__ import annotations

from decimal import Decimal

from core.models import PracticumItem
from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from core.services.cohorts import advance_cohort
from core.services.practicum import Evidence, review_evidence, submit_evidence
from plugins.party_committee.curriculum import COMPONENT_KIND
from plugins.party_committee.services import DraftText, score_draft, submit_draft
from tests.conftest import builtin_registry
from tests.factories import gid
from tests.helpers import count_queries, error_codes, graphql_data
from tests.plugins.party_committee.builders import (
    MEETING_ON,
    SCORE,
    SUBMIT,
    district_of,
    draft_input,
    official_of,
    running_cohort,
    score_input,
)

ENTER = """
mutation($input: EnterScoresInput!) { enterScores(input: $input) { errors { field code } } }
"""
FINALISE = """
mutation($id: ID!) {
  finaliseResults(input: {cohortId: $id}) {
    cohort { enrollments(first: 10) { edges { node {
      id
      result { score band completed reasons components { code score weight } }
    } } } }
    errors { field code message }
  }
}
"""


async def signed_off(enrollment) -> None:
    item = await PracticumItem.get(code="observe_standing_board", track__code="party_committee")
    evidence = await submit_evidence(OPERATOR, enrollment.id, item.id, Evidence(text="Dự họp"))
    await review_evidence(OPERATOR, evidence.id, sign_off=True, comment="")


async def test_the_draft_counts_in_the_results_with_the_written_test(client, sign_in_as):
    # given two learners who observed the meeting, one of whom drafted its conclusions
    cohort, (an, hoa) = await running_cohort()
    for learner in (an, hoa):
        await signed_off(learner)
    official = await official_of(an)
    learner = await sign_in_as(
        "hoc.vien", (Role.LEARNER, await official.org_unit), official=official
    )
    assessor = await sign_in_as("giam.khao", (Role.ASSESSOR, await district_of(cohort)))
    submitted = await graphql_data(learner, SUBMIT, draft_input(an))
    scored = await graphql_data(assessor, SCORE, score_input(an, "8.5"))
    await advance_cohort(OPERATOR, cohort.id, CohortStatus.COMPLETED)
    sheet = {
        "cohortId": gid("Cohort", cohort.id),
        "componentCode": "written_test",
        "entries": [
            {"enrollmentId": gid("Enrollment", an.id), "score": "7"},
            {"enrollmentId": gid("Enrollment", hoa.id), "score": "9"},
        ],
    }
    entered = await graphql_data(assessor, ENTER, {"input": sheet})
    # when
    data = await graphql_data(client, FINALISE, {"id": gid("Cohort", cohort.id)})
    # then 0.6 × 7 + 0.4 × 8.5 = 7.6, Khá; the learner without a draft does not complete
    assert [
        payload["errors"]
        for payload in (
            submitted["partyCommitteeSubmitConclusionDraft"],
            scored["partyCommitteeScoreConclusionDraft"],
            entered["enterScores"],
            data["finaliseResults"],
        )
    ] == [[], [], [], []]
    results = {
        edge["node"]["id"]: edge["node"]["result"]
        for edge in data["finaliseResults"]["cohort"]["enrollments"]["edges"]
    }
    drafted = results[gid("Enrollment", an.id)]
    assert (drafted["score"], drafted["band"], drafted["completed"]) == ("7.60", "Khá", True)
    assert drafted["components"] == [
        {"code": "written_test", "score": "7.00", "weight": "0.6"},
        {"code": "conclusion_draft", "score": "8.50", "weight": "0.4"},
    ]
    missing = results[gid("Enrollment", hoa.id)]
    assert missing["completed"] is False
    assert missing["reasons"] == ["No score for Dự thảo kết luận phiên họp Ban Thường vụ Huyện ủy."]
    # and the draft's score is locked from now on
    late = await graphql_data(assessor, SCORE, score_input(an, "10"))
    assert error_codes(late["partyCommitteeScoreConclusionDraft"]) == [
        ("enrollmentId", "RESULTS_FINAL")
    ]


async def test_grade_component_reads_a_whole_cohorts_drafts_in_one_statement(db):
    # given learners with a scored draft, an unscored draft and no draft
    cohort, (scored, unscored, absent) = await running_cohort(3)
    for enrollment in (scored, unscored):
        await submit_draft(
            OPERATOR, enrollment.id, DraftText(MEETING_ON, "Chương trình", "Dự thảo")
        )
    await score_draft(OPERATOR, scored.id, Decimal("6.75"), "Đạt")
    registry = builtin_registry()
    ids = [scored.id, unscored.id, absent.id]
    # when
    with count_queries() as log:
        grades = await registry.first_result(
            "grade_component", kind=COMPONENT_KIND, cohort=cohort, enrollment_ids=ids
        )
    others = await registry.first_result(
        "grade_component", kind="someone_else.kind", cohort=cohort, enrollment_ids=ids
    )
    # then only the scored draft has a grade, read in one statement; other kinds are not its
    assert grades == {scored.id: Decimal("6.75")}
    assert log.count == 1
    assert others is None
