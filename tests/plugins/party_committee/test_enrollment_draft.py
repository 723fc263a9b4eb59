"""Enrollment.partyCommitteeConclusionDraft: the Party track's field on a core type, read for a
page of enrollments in one statement whatever their number."""

from __future__ import annotations

from decimal import Decimal

from core.models.enums import Role
from core.services.access import OPERATOR
from plugins.party_committee.services import DraftText, score_draft, submit_draft
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data
from tests.plugins.party_committee.builders import MEETING_ON, official_of, running_cohort

ENROLLMENT = """
query($id: ID!) {
  node(id: $id) {
    ... on Enrollment {
      partyCommitteeConclusionDraft { enrollmentId meetingOn agenda text score comment }
    }
  }
}
"""
PAGE = """
{
  enrollments(first: 50) {
    totalCount
    edges { node { official { fullName } partyCommitteeConclusionDraft { text score } } }
  }
}
"""


async def drafted(enrollment, score: str | None = None) -> None:
    await submit_draft(
        OPERATOR,
        enrollment.id,
        DraftText(MEETING_ON, "Chương trình họp", f"Dự thảo {enrollment.id}"),
    )
    if score is not None:
        await score_draft(OPERATOR, enrollment.id, Decimal(score), "Đạt")


async def test_hook_extend_graphql_types(client, db):
    # given one learner with a scored draft and one without
    _, (an, hoa) = await running_cohort()
    await drafted(an, "7.25")
    # when
    with_draft = await graphql_data(client, ENROLLMENT, {"id": gid("Enrollment", an.id)})
    without = await graphql_data(client, ENROLLMENT, {"id": gid("Enrollment", hoa.id)})
    # then the field the plugin added to the core's Enrollment reads the plugin's own rows
    assert with_draft["node"]["partyCommitteeConclusionDraft"] == {
        "enrollmentId": gid("Enrollment", an.id),
        "meetingOn": "2019-06-12",
        "agenda": "Chương trình họp",
        "text": f"Dự thảo {an.id}",
        "score": "7.25",
        "comment": "Đạt",
    }
    assert without["node"]["partyCommitteeConclusionDraft"] is None


async def test_a_learner_reads_their_own_draft_and_no_one_elses(sign_in_as):
    _, (an, hoa) = await running_cohort()
    await drafted(an)
    await drafted(hoa)
    official = await official_of(an)
    learner = await sign_in_as(
        "hoc.vien", (Role.LEARNER, await official.org_unit), official=official
    )

    own = await graphql_data(learner, ENROLLMENT, {"id": gid("Enrollment", an.id)})
    other = await graphql(learner, ENROLLMENT, {"id": gid("Enrollment", hoa.id)})

    assert own["node"]["partyCommitteeConclusionDraft"]["text"] == f"Dự thảo {an.id}"
    assert [error["extensions"]["code"] for error in other["errors"]] == ["FORBIDDEN"]


async def test_the_drafts_of_a_page_cost_one_statement_whatever_its_size(client, db):
    # given a page of 2 enrollments with drafts
    _, few_learners = await running_cohort(2)
    for enrollment in few_learners:
        await drafted(enrollment, "6")
    with count_queries() as few:
        few_data = await graphql_data(client, PAGE)
    # and then of 12
    _, more_learners = await running_cohort(10)
    for enrollment in more_learners:
        await drafted(enrollment)
    # when
    with count_queries() as many:
        many_data = await graphql_data(client, PAGE)
    # then
    assert few_data["enrollments"]["totalCount"] == 2
    assert many_data["enrollments"]["totalCount"] == 12
    edges = many_data["enrollments"]["edges"]
    assert all(edge["node"]["partyCommitteeConclusionDraft"] is not None for edge in edges)
    assert few.count > 0
    assert many.count == few.count
    drafts_statements = [s for s in many.statements if "party_committee_conclusion_draft" in s]
    assert len(drafts_statements) == 1
