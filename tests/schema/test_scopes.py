"""Roles are granted on org units and enforced on rows: in lists (and their totals), by
``node(id:)``, through nested fields, and in mutations.

The tree: a province holding district A (communes A1, A2) and district B (commune B1); an
official in each commune; cohort CA run by district A with A1's official enrolled, cohort CB run
by district B with B1's official enrolled.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from core.models import AuditEntry, Cohort, Enrollment, Official, OrgUnit
from core.models.enums import AuditOutcome, CohortStatus, OrgLevel, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from core.services.records import create_org_unit
from tests import factories
from tests.conftest import SignInAs
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data


@dataclass
class Tree:
    province: OrgUnit
    district_a: OrgUnit
    a1: OrgUnit
    a2: OrgUnit
    district_b: OrgUnit
    b1: OrgUnit
    official_a1: Official
    official_a2: Official
    official_b1: Official
    cohort_a: Cohort
    cohort_b: Cohort
    enrollment_a1: Enrollment
    enrollment_b1: Enrollment


@pytest.fixture
async def tree(db) -> Tree:
    province = await create_org_unit("02", "Tỉnh Hà Giang", OrgLevel.PROVINCE)
    district_a = await create_org_unit("034", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)
    a1 = await factories.commune("Xã Vĩnh Hảo", within=district_a)
    a2 = await factories.commune("Xã Đồng Yên", within=district_a)
    district_b = await create_org_unit("035", "Huyện Quang Bình", OrgLevel.DISTRICT, province)
    b1 = await factories.commune("Xã Yên Hà", within=district_b)
    official_a1 = await factories.official("Hoàng Văn Nhiên", org_unit=a1)
    official_a2 = await factories.official("Nguyễn Thị Hoa", org_unit=a2)
    official_b1 = await factories.official("Lò Văn Pể", org_unit=b1)
    cohort_a = await factories.cohort(name="Khóa Bắc Quang", org_unit=district_a)
    cohort_b = await factories.cohort(name="Khóa Quang Bình", org_unit=district_b)
    return Tree(
        province,
        district_a,
        a1,
        a2,
        district_b,
        b1,
        official_a1,
        official_a2,
        official_b1,
        cohort_a,
        cohort_b,
        await enroll_official(OPERATOR, official_a1.id, cohort_a.id),
        await enroll_official(OPERATOR, official_b1.id, cohort_b.id),
    )


OFFICIALS = "{ officials { totalCount edges { node { fullName } } } }"
COHORTS = "{ cohorts { totalCount edges { node { name orgUnit { name } } } } }"
ENROLLMENTS = """
query($filter: EnrollmentFilter) {
  enrollments(filter: $filter) { totalCount edges { node { official { fullName } } } }
}
"""
NODE = """
query($id: ID!) {
  node(id: $id) {
    id
    ... on Official { fullName }
    ... on Enrollment { official { fullName } cohort { name } }
    ... on Cohort { name }
  }
}
"""


def names(connection: dict) -> list[str]:
    nodes = [edge["node"] for edge in connection["edges"]]
    return sorted(node.get("fullName") or node.get("name") or "" for node in nodes)


def official_names(connection: dict) -> list[str]:
    return sorted(edge["node"]["official"]["fullName"] for edge in connection["edges"])


def refused_at_node(body: dict) -> str:
    """The code of the one error, which must be at ``node``, the node being null."""
    [error] = body["errors"]
    assert error["path"] == ["node"]
    assert body["data"] == {"node": None}
    code: str = error["extensions"]["code"]
    return code


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


async def test_a_commune_viewer_reads_only_its_communes_officials(tree, sign_in_as):
    viewer = await sign_in_as("xem.vinhhao", (Role.VIEWER, tree.a1))

    data = await graphql_data(viewer, OFFICIALS)
    own = await graphql_data(viewer, NODE, {"id": gid("Official", tree.official_a1.id)})
    other = await graphql(viewer, NODE, {"id": gid("Official", tree.official_a2.id)})

    assert data["officials"]["totalCount"] == 1
    assert names(data["officials"]) == ["Hoàng Văn Nhiên"]
    assert own["node"]["fullName"] == "Hoàng Văn Nhiên"
    assert refused_at_node(other) == "FORBIDDEN"


async def test_a_commune_viewer_cannot_reach_another_communes_official_through_a_field(
    tree, sign_in_as
):
    viewer = await sign_in_as("xem.vinhhao", (Role.VIEWER, tree.a1))

    every = await graphql_data(viewer, ENROLLMENTS)
    filtered = await graphql_data(
        viewer, ENROLLMENTS, {"filter": {"officialId": gid("Official", tree.official_b1.id)}}
    )
    nested = await graphql(viewer, NODE, {"id": gid("Enrollment", tree.enrollment_b1.id)})

    assert official_names(every["enrollments"]) == ["Hoàng Văn Nhiên"]
    assert filtered["enrollments"] == {"totalCount": 0, "edges": []}
    assert refused_at_node(nested) == "FORBIDDEN"


async def test_a_commune_viewer_reads_the_cohorts_its_officials_are_enrolled_in(tree, sign_in_as):
    with_enrollment = await sign_in_as("xem.vinhhao", (Role.VIEWER, tree.a1))
    without = await sign_in_as("xem.dongyen", (Role.VIEWER, tree.a2))

    seen = await graphql_data(with_enrollment, COHORTS)
    unseen = await graphql_data(without, COHORTS)
    refused = await graphql(without, NODE, {"id": gid("Cohort", tree.cohort_a.id)})

    assert names(seen["cohorts"]) == ["Khóa Bắc Quang"]
    assert seen["cohorts"]["edges"][0]["node"]["orgUnit"] == {"name": "Huyện Bắc Quang"}
    assert unseen["cohorts"]["totalCount"] == 0
    assert refused_at_node(refused) == "FORBIDDEN"


async def test_a_district_coordinator_reads_its_district_and_a_province_admin_everything(
    tree, sign_in_as
):
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, tree.district_a))
    admin = await sign_in_as("quan.tri", (Role.ADMIN, tree.province))

    officials = await graphql_data(coordinator, OFFICIALS)
    cohorts = await graphql_data(coordinator, COHORTS)
    everything = await graphql_data(admin, OFFICIALS)

    assert names(officials["officials"]) == ["Hoàng Văn Nhiên", "Nguyễn Thị Hoa"]
    assert names(cohorts["cohorts"]) == ["Khóa Bắc Quang"]
    assert everything["officials"]["totalCount"] == 3


async def test_a_learner_sees_only_their_own_record(tree, sign_in_as):
    learner = await sign_in_as("nhien.hv", (Role.LEARNER, tree.a1), official=tree.official_a1)

    officials = await graphql_data(learner, OFFICIALS)
    enrollments = await graphql_data(learner, ENROLLMENTS)
    cohorts = await graphql_data(learner, COHORTS)
    neighbour = await graphql(learner, NODE, {"id": gid("Official", tree.official_a2.id)})

    assert names(officials["officials"]) == ["Hoàng Văn Nhiên"]
    assert official_names(enrollments["enrollments"]) == ["Hoàng Văn Nhiên"]
    assert names(cohorts["cohorts"]) == ["Khóa Bắc Quang"]
    assert refused_at_node(neighbour) == "FORBIDDEN"


# --------------------------------------------------------------------------------------------
# Managing
# --------------------------------------------------------------------------------------------

UPDATE_COHORT = """
mutation($input: UpdateCohortInput!) {
  updateCohort(input: $input) { cohort { name } errors { field code } }
}
"""
CHANGE_STATUS = """
mutation($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) { cohort { status } errors { code } }
}
"""
CREATE_COHORT = """
mutation($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { orgUnit { name } } errors { field code } }
}
"""
ENROLL = """
mutation($input: EnrollOfficialInput!) {
  enrollOfficial(input: $input) { enrollment { official { fullName } } errors { code } }
}
"""
REGISTER = """
mutation($input: RegisterTopicsInput!) {
  registerTopics(input: $input) { enrollment { topics { code } } errors { code } }
}
"""
WITHDRAW = """
mutation($input: WithdrawEnrollmentInput!) {
  withdrawEnrollment(input: $input) { enrollment { status } errors { code } }
}
"""


def forbidden(body: dict, field: str) -> bool:
    return (
        body["data"] in (None, {field: None})
        and [error["extensions"]["code"] for error in body["errors"]] == ["FORBIDDEN"]
        and body["errors"][0]["path"] == [field]
    )


async def cohort_input(tree: Tree, unit: OrgUnit) -> dict:
    track = await tree.cohort_a.track
    return {
        "input": {
            "name": "Khóa mới",
            "trackId": gid("Track", track.id),
            "startsOn": "2020-03-02",
            "endsOn": "2020-05-29",
            "capacity": 10,
            "orgUnitId": gid("OrgUnit", unit.id),
        }
    }


async def test_a_district_coordinator_cannot_manage_another_districts_cohort(tree, sign_in_as):
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, tree.district_a))
    other = {"cohortId": gid("Cohort", tree.cohort_b.id)}

    renamed = await graphql(coordinator, UPDATE_COHORT, {"input": {**other, "name": "Đổi"}})
    moved = await graphql(coordinator, CHANGE_STATUS, {"input": {**other, "status": "PLANNED"}})
    created = await graphql(coordinator, CREATE_COHORT, await cohort_input(tree, tree.district_b))

    assert forbidden(renamed, "updateCohort")
    assert forbidden(moved, "changeCohortStatus")
    assert forbidden(created, "createCohort")
    unchanged = await Cohort.get(id=tree.cohort_b.id)
    assert (unchanged.name, unchanged.status) == ("Khóa Quang Bình", CohortStatus.OPEN)
    assert await Cohort.all().count() == 2
    outcomes = await AuditEntry.all().order_by("id").values_list("outcome", flat=True)
    assert outcomes == [AuditOutcome.DENIED] * 3


async def test_a_district_coordinator_manages_its_own_district(tree, sign_in_as):
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, tree.district_a))
    own = {"cohortId": gid("Cohort", tree.cohort_a.id)}

    renamed = await graphql_data(coordinator, UPDATE_COHORT, {"input": {**own, "name": "Đổi"}})
    created = await graphql_data(
        coordinator, CREATE_COHORT, await cohort_input(tree, tree.district_a)
    )

    assert renamed["updateCohort"] == {"cohort": {"name": "Đổi"}, "errors": []}
    assert created["createCohort"]["cohort"] == {"orgUnit": {"name": "Huyện Bắc Quang"}}


async def test_a_coordinator_enrolls_only_officials_of_its_subtree(tree, sign_in_as):
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, tree.district_a))
    cohort = gid("Cohort", tree.cohort_a.id)

    outsider = await graphql(
        coordinator,
        ENROLL,
        {"input": {"cohortId": cohort, "officialId": gid("Official", tree.official_b1.id)}},
    )
    insider = await graphql_data(
        coordinator,
        ENROLL,
        {"input": {"cohortId": cohort, "officialId": gid("Official", tree.official_a2.id)}},
    )

    assert forbidden(outsider, "enrollOfficial")
    assert insider["enrollOfficial"]["errors"] == []
    assert not await Enrollment.exists(official_id=tree.official_b1.id, cohort_id=tree.cohort_a.id)


async def test_a_learner_registers_their_own_topics_and_nobody_elses(tree, sign_in_as):
    learner = await sign_in_as("nhien.hv", (Role.LEARNER, tree.a1), official=tree.official_a1)
    topics = [gid("Topic", topic.id) for topic in (await factories.topics())[:2]]

    own = await graphql_data(
        learner,
        REGISTER,
        {"input": {"enrollmentId": gid("Enrollment", tree.enrollment_a1.id), "topicIds": topics}},
    )
    others = await graphql(
        learner,
        REGISTER,
        {"input": {"enrollmentId": gid("Enrollment", tree.enrollment_b1.id), "topicIds": topics}},
    )
    withdrawn = await graphql(
        learner,
        WITHDRAW,
        {
            "input": {
                "enrollmentId": gid("Enrollment", tree.enrollment_a1.id),
                "reason": "Nghỉ ốm",
            }
        },
    )

    assert own["registerTopics"]["errors"] == []
    assert len(own["registerTopics"]["enrollment"]["topics"]) == 2
    assert forbidden(others, "registerTopics")
    assert forbidden(withdrawn, "withdrawEnrollment")


# --------------------------------------------------------------------------------------------
# What scoping costs
# --------------------------------------------------------------------------------------------

OFFICIALS_PAGE = """
{ officials(first: 50) {
    totalCount edges { node { fullName orgUnit { name parent { name } } post { title } } } } }
"""


async def statements(client: httpx.AsyncClient) -> int:
    with count_queries() as log:
        await graphql_data(client, OFFICIALS_PAGE)
    return log.count


async def test_a_scoped_page_costs_no_more_statements_than_an_admins_whatever_its_rows(
    tree, sign_in_as: SignInAs
):
    admin = await sign_in_as("quan.tri", (Role.ADMIN, tree.province))
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, tree.district_a))
    viewer = await sign_in_as("xem.vinhhao", (Role.VIEWER, tree.a1))
    before = [await statements(admin), await statements(coordinator), await statements(viewer)]
    for n in range(12):
        unit = (tree.a1, tree.a2, tree.b1)[n % 3]
        await factories.official(f"Nguyễn Văn {n:02d}", org_unit=unit)

    after = [await statements(admin), await statements(coordinator), await statements(viewer)]

    assert before == after == [before[0]] * 3


async def test_a_learner_not_linked_to_an_official_sees_nobody(tree, sign_in_as):
    learner = await sign_in_as("chua.lien.ket", (Role.LEARNER, tree.a1))

    data = await graphql_data(learner, OFFICIALS)
    cohorts = await graphql_data(learner, COHORTS)

    assert data["officials"] == {"totalCount": 0, "edges": []}
    assert cohorts["cohorts"]["totalCount"] == 0


async def test_an_admin_of_every_tree_reads_without_a_scope_filter(tree, sign_in_as):
    # given a second tree, and admins of one tree and of both
    other = await create_org_unit("04", "Tỉnh Cao Bằng", OrgLevel.PROVINCE)
    await factories.official("Nông Văn Dền", org_unit=await factories.commune(within=other))
    one = await sign_in_as("quan.tri.hg", (Role.ADMIN, tree.province))
    both = await sign_in_as("quan.tri", (Role.ADMIN, tree.province), (Role.ADMIN, other))

    with count_queries() as log:
        everything = await graphql_data(both, OFFICIALS)
    hagiang = await graphql_data(one, OFFICIALS)

    assert everything["officials"]["totalCount"] == 4
    assert hagiang["officials"]["totalCount"] == 3
    assert not any('"org_unit"' in statement for statement in log.statements[1:])


async def test_who_asks_costs_one_statement_scoping_none(tree, sign_in_as, anonymous):
    viewer = await sign_in_as("xem.vinhhao", (Role.VIEWER, tree.a1))
    public = "{ tracks { totalCount } orgUnits { totalCount } }"

    with count_queries() as nobody:
        await graphql_data(anonymous, public)
    with count_queries() as somebody:
        await graphql_data(viewer, public)

    # the session, its account and its grants in one statement; the rest is the same
    assert somebody.count == nobody.count + 1
