"""Every figure of the Bắc Quang demo, read through the GraphQL API by its demo accounts.

The demo is the source article's district (``../shared/domain/DOMAIN.md``): 23 communes and
towns with 505 posts, 14 host agencies, the 2016–2020 programme's 48 board members, and cohorts
made through the real services and graded by the assessment engine. It is loaded once for the
module into a new database of the kind under test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from starlette.applications import Starlette

from core.app import create_app
from core.services.demo import DEMO_ACCOUNTS
from hocviec.testing import client_of, graphql_data, settings_for_tests, sign_in
from tests.conftest import builtin_registry, fresh_postgres_database

BAND_ORDER = ["Giỏi", "Khá", "Trung bình", "Yếu"]


@pytest_asyncio.fixture(scope="module")
async def demo_app(
    db_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Starlette]:
    """The app serving the demo, loaded into a new database of the kind under test."""
    folder = tmp_path_factory.mktemp("demo-figures")
    if db_kind == "sqlite":
        async for app in _serving(f"sqlite://{folder / 'demo.sqlite3'}", folder):
            yield app
        return
    async for url in fresh_postgres_database():
        async for app in _serving(url, folder):
            yield app


async def _serving(url: str, folder: Path) -> AsyncIterator[Starlette]:
    settings = settings_for_tests(url, folder / "files")
    app = create_app(settings, registry=builtin_registry(), migrate=True, demo=True)
    async with app.router.lifespan_context(app):
        yield app


async def ask(app: Starlette, username: str, query: str, **variables: Any) -> dict[str, Any]:
    """``query`` asked by the demo account ``username``, signed in with the README's password."""
    async with client_of(app) as http:
        await sign_in(http, username)
        return await graphql_data(http, query, variables)


DISTRICT = """
{ orgUnits(first: 1, filter: {levels: [DISTRICT]}) {
    edges { node { id name parent { name } children { name level } } } } }
"""


async def district(app: Starlette) -> dict[str, Any]:
    data = await ask(app, "demo.coordinator", DISTRICT)
    (edge,) = data["orgUnits"]["edges"]
    node: dict[str, Any] = edge["node"]
    return node


async def test_the_district_has_23_communes_and_towns_and_14_host_agencies(demo_app):
    unit = await district(demo_app)
    assert (unit["name"], unit["parent"]["name"]) == ("Huyện Bắc Quang", "Hà Giang")
    levels = [child["level"] for child in unit["children"]]
    assert (len(levels), levels.count("TOWNSHIP"), levels.count("COMMUNE")) == (23, 2, 21)
    agencies = await ask(demo_app, "demo.coordinator", "{ hostAgencies { totalCount } }")
    assert agencies["hostAgencies"]["totalCount"] == 14


PROGRAMME = """
{ programmes(first: 1) { edges { node {
    code startYear endYear boards { kind members { fullName linked } } } } } }
"""


async def test_the_2016_2020_programme_has_4_boards_and_48_members(demo_app):
    data = await ask(demo_app, "demo.coordinator", PROGRAMME)
    (edge,) = data["programmes"]["edges"]
    programme = edge["node"]
    assert (programme["code"], programme["startYear"], programme["endYear"]) == (
        "DA-2016-2020",
        2016,
        2020,
    )
    sizes = {board["kind"]: len(board["members"]) for board in programme["boards"]}
    assert sizes == {
        "STEERING_COMMITTEE": 9,
        "DRAFTING_TEACHING_BOARD": 21,
        "APPRAISAL_BOARD": 11,
        "SECRETARIAT": 7,
    }
    assert sum(sizes.values()) == 48
    steering = next(b for b in programme["boards"] if b["kind"] == "STEERING_COMMITTEE")
    assert steering["members"][0]["fullName"] == "Lương Tiến Dũng"


ESTABLISHMENT = """
query($id: ID!) {
  node(id: $id) { ... on OrgUnit {
    establishment { post { code kind } quota filled vacant trained untrained } } }
  officials(first: 1) { totalCount }
}
"""


async def test_the_communes_establishment_holds_505_seats_each_filled(demo_app):
    unit = await district(demo_app)
    data = await ask(demo_app, "demo.admin", ESTABLISHMENT, id=unit["id"])
    rows = data["node"]["establishment"]
    assert sum(row["quota"] for row in rows) == 505
    assert sum(row["filled"] for row in rows) == data["officials"]["totalCount"] == 505
    assert sum(row["vacant"] for row in rows) == 0
    assert {row["post"]["kind"] for row in rows} == {"CADRE", "CIVIL_SERVANT"}
    assert len(rows) == 18  # 11 elected cadres' posts, 7 civil servants'
    by_post = {row["post"]["code"]: row for row in rows}
    assert by_post["peoples_committee_chair"]["quota"] == 23
    assert by_post["peoples_committee_vice_chair"]["quota"] == 29
    # the finalised cohorts' completed learners are trained for their posts; nobody else is
    trained = {code: row["trained"] for code, row in by_post.items() if row["trained"]}
    assert set(trained) <= {
        "party_secretary",
        "deputy_party_secretary",
        "peoples_committee_chair",
        "peoples_committee_vice_chair",
    }
    assert sum(trained.values()) > 0


COHORTS = """
{ cohorts(first: 50) { edges { node {
    id name status resultsFinalAt track { code }
    statistics { eligible registered registrationRate completed bands { band count } }
    tests { title opensAt closesAt }
} } } }
"""


async def cohorts(app: Starlette) -> dict[str, dict[str, Any]]:
    data = await ask(app, "demo.coordinator", COHORTS)
    return {edge["node"]["track"]["code"]: edge["node"] for edge in data["cohorts"]["edges"]}


async def test_the_2019_peoples_committee_cohort_graded_3_excellent_26_good_22_average(demo_app):
    cohort = (await cohorts(demo_app))["peoples_committee"]
    statistics = cohort["statistics"]
    assert (statistics["eligible"], statistics["registered"]) == (52, 51)
    assert statistics["registrationRate"] == "0.9808"
    assert statistics["bands"] == [
        {"band": "Giỏi", "count": 3},
        {"band": "Khá", "count": 26},
        {"band": "Trung bình", "count": 22},
        {"band": "Yếu", "count": 0},
    ]
    assert statistics["completed"] == 51
    assert cohort["status"] == "CLOSED"
    assert cohort["resultsFinalAt"] is not None
    # its 30-question test, taken in 2019
    (test,) = cohort["tests"]
    assert test["opensAt"].startswith("2019-")


RESULTS = """
query($id: ID!) {
  node(id: $id) { ... on Cohort { enrollments(first: 50) { totalCount edges { node {
    result { score band completed components { code score weight } }
    testSittings { score }
  } } } } }
}
"""


async def test_the_peoples_committee_results_are_the_engines_grades_of_the_sittings(demo_app):
    cohort = (await cohorts(demo_app))["peoples_committee"]
    data = await ask(demo_app, "demo.coordinator", RESULTS, id=cohort["id"])
    enrollments = [edge["node"] for edge in data["node"]["enrollments"]["edges"]]
    assert len(enrollments) == 50  # the first page of 51
    for enrollment in enrollments:
        (sitting,) = enrollment["testSittings"]
        assert enrollment["result"]["score"] == sitting["score"]  # the test weighs 1


async def test_the_party_committee_cohort_is_finalised_with_no_score_below_average(demo_app):
    cohort = (await cohorts(demo_app))["party_committee"]
    statistics = cohort["statistics"]
    assert cohort["resultsFinalAt"] is not None
    assert statistics["registered"] == statistics["completed"] > 0
    counts = {row["band"]: row["count"] for row in statistics["bands"]}
    assert counts["Yếu"] == 0
    assert sum(counts.values()) == statistics["registered"]
    # each result weighs the written test and the draft conclusions the plugin graded
    data = await ask(demo_app, "demo.coordinator", RESULTS, id=cohort["id"])
    for edge in data["node"]["enrollments"]["edges"]:
        node = edge["node"]
        components = node["result"]["components"]
        assert {row["code"] for row in components} == {"written_test", "conclusion_draft"}
        weighted = sum(Decimal(row["score"]) * Decimal(row["weight"]) for row in components)
        assert abs(Decimal(node["result"]["score"]) - weighted) <= Decimal("0.005")
        assert Decimal(node["result"]["score"]) >= 5


SESSIONS = """
query($id: ID!) {
  node(id: $id) { ... on Cohort {
    enrolledCount
    sessions(first: 50) {
      totalCount edges { node { activityKind { code } attendance { status } } }
    }
  } }
}
"""


@pytest.mark.parametrize(
    "track_code",
    [
        "civil_servant_military",
        "civil_servant_police",
        "civil_servant_justice",
        "civil_servant_finance",
    ],
)
async def test_the_four_named_civil_servant_cohorts_are_under_way_with_attendance(
    demo_app, track_code
):
    cohort = (await cohorts(demo_app))[track_code]
    assert cohort["status"] == "IN_PROGRESS"
    data = await ask(demo_app, "demo.coordinator", SESSIONS, id=cohort["id"])
    node = data["node"]
    sessions = [edge["node"] for edge in node["sessions"]["edges"]]
    held = [session for session in sessions if session["attendance"]]
    assert node["enrolledCount"] >= 18
    assert held, "attendance is recorded"
    assert all(len(session["attendance"]) == node["enrolledCount"] for session in held)
    assert {s["activityKind"]["code"] for s in sessions} >= {"theory"}
    assert any(s["activityKind"]["code"].startswith("commune_civil_servants.") for s in sessions)


ME = """
{ me { username roles { role orgUnit { level } } official { id post { code } }
       boardSeats { kind } } }
"""


async def test_there_is_a_demo_account_for_each_role_bound_to_board_seats_and_learners(demo_app):
    seen = {}
    for made in DEMO_ACCOUNTS:
        seen[made.username] = (await ask(demo_app, made.username, ME))["me"]
    assert {me["roles"][0]["role"] for me in seen.values()} == {
        made.role.name for made in DEMO_ACCOUNTS
    }
    assert seen["demo.admin"]["roles"][0]["orgUnit"]["level"] == "PROVINCE"
    assert seen["demo.coordinator"]["boardSeats"] == [{"kind": "SECRETARIAT"}]
    assert seen["demo.drafter"]["boardSeats"] == [{"kind": "DRAFTING_TEACHING_BOARD"}]
    assert seen["demo.appraiser"]["boardSeats"] == [{"kind": "APPRAISAL_BOARD"}]
    assert seen["demo.learner"]["official"] is not None
    # and a learner of each track with learners, holding one of its posts
    for track_code, posts in (
        ("party_committee", {"party_secretary", "deputy_party_secretary"}),
        ("peoples_committee", {"peoples_committee_chair", "peoples_committee_vice_chair"}),
        ("civil_servant_justice", {"justice_civil_status"}),
    ):
        me = (await ask(demo_app, f"demo.learner.{track_code}", ME))["me"]
        assert [role["role"] for role in me["roles"]] == ["LEARNER"]
        assert me["official"]["post"]["code"] in posts
