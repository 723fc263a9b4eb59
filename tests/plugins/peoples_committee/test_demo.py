"""The demo's 2019 People's Committee cohort, read through GraphQL as the article reports it:
52 eligible, 51 enrolled and registered, the 30-question test taken in its window, results
finalised by the engine to 3 Excellent, 26 Good and 22 Average.

The demo is loaded once for the module by the real app (``create_app(demo=True)``) into a new
database of the kind under test, like ``tests/core/test_demo.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest_asyncio

from core.app import create_app
from core.http import SESSION_COOKIE
from core.models import Account
from core.services.accounts import now
from core.services.sessions import start_session
from core.settings import Settings
from hocviec.testing import client_of
from tests.conftest import builtin_registry, fresh_postgres_database
from tests.helpers import graphql_data

COHORT = """
query {
  cohorts { edges { node {
    id name status startsOn endsOn resultsFinalAt enrolledCount track { code }
    statistics { eligible registered registrationRate completed bands { band count } }
    tests { title questionCount opensAt closesAt }
  } } }
}
"""
ENROLLMENTS = """
query($id: ID!, $after: String) {
  node(id: $id) { ... on Cohort { enrollments(first: 30, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      status
      official { post { code } }
      topics { code }
      practicum { item { code } signedOff complete }
      testSittings { score correctCount source submittedAt }
      result { score band completed reasons }
    } }
  } } }
}
"""
ELIGIBLE = """
query($id: ID!) { officials(filter: {eligibleForCohortId: $id}) { totalCount } }
"""


@pytest_asyncio.fixture(scope="module")
async def demo_url(db_kind: str, tmp_path_factory) -> AsyncIterator[str]:
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('peoples_demo') / 'demo.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


@pytest_asyncio.fixture(scope="module")
async def admin(demo_url: str, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The demo app (`hocviec serve --demo`'s), signed in as the demo admin."""
    app = create_app(
        replace(settings, database_url=demo_url),
        registry=builtin_registry(),
        demo=True,
        migrate=True,
    )
    async with app.router.lifespan_context(app):
        with app.state.tortoise:
            account = await Account.get(username="demo.admin")
            secret = await start_session(account, settings, now())
        async with client_of(app) as http:
            http.cookies.set(SESSION_COOKIE, secret)
            yield http


async def peoples_committee_cohort(admin: httpx.AsyncClient) -> dict:
    data = await graphql_data(admin, COHORT)
    [cohort] = [
        edge["node"]
        for edge in data["cohorts"]["edges"]
        if edge["node"]["track"]["code"] == "peoples_committee"
    ]
    return cohort


async def enrollments(admin: httpx.AsyncClient, cohort_id: str) -> list[dict]:
    found: list[dict] = []
    after = None
    while True:
        data = await graphql_data(admin, ENROLLMENTS, {"id": cohort_id, "after": after})
        page = data["node"]["enrollments"]
        found += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_51_of_52_eligible_are_enrolled_and_the_results_are_3_26_22(admin):
    cohort = await peoples_committee_cohort(admin)
    statistics = cohort["statistics"]

    assert cohort["name"].endswith("năm 2019")
    assert (cohort["startsOn"], cohort["endsOn"]) == ("2019-03-04", "2019-06-28")
    assert cohort["status"] == "CLOSED"
    assert cohort["resultsFinalAt"].startswith("2019-07-01")
    assert cohort["enrolledCount"] == 51
    assert (statistics["eligible"], statistics["registered"]) == (52, 51)
    assert statistics["registrationRate"] == "0.9808"
    assert statistics["completed"] == 51
    assert statistics["bands"] == [
        {"band": "Giỏi", "count": 3},
        {"band": "Khá", "count": 26},
        {"band": "Trung bình", "count": 22},
        {"band": "Yếu", "count": 0},
    ]
    # the one eligible official not enrolled is the one who could still be
    eligible = await graphql_data(admin, ELIGIBLE, {"id": cohort["id"]})
    assert eligible["officials"]["totalCount"] == 1


async def test_the_30_question_test_was_set_inside_the_2019_cohort(admin):
    cohort = await peoples_committee_cohort(admin)

    [test] = cohort["tests"]
    assert test["questionCount"] == 30
    opens, closes = (datetime.fromisoformat(test[key]) for key in ("opensAt", "closesAt"))
    assert opens < closes
    assert cohort["startsOn"] <= opens.date().isoformat()
    assert closes.date().isoformat() <= cohort["endsOn"]


async def test_each_result_is_the_engines_grade_of_the_learners_sitting(admin):
    cohort = await peoples_committee_cohort(admin)
    [test] = cohort["tests"]
    opens, closes = (datetime.fromisoformat(test[key]) for key in ("opensAt", "closesAt"))

    learners = await enrollments(admin, cohort["id"])

    assert len(learners) == 51
    bands: Counter[str] = Counter()
    for learner in learners:
        assert learner["status"] == "ENROLLED"
        assert learner["official"]["post"]["code"] in (
            "peoples_committee_chair",
            "peoples_committee_vice_chair",
        )
        assert learner["topics"], "each learner registered the topics they need"
        assert [
            (p["item"]["code"], p["signedOff"], p["complete"]) for p in learner["practicum"]
        ] == [
            ("district_committee_meeting", 1, True),
            ("commune_standing_meetings", 2, True),
        ]
        [sitting] = learner["testSittings"]
        # answered inside the window, on a paper sheet an assessor entered (2019's way)
        assert opens <= datetime.fromisoformat(sitting["submittedAt"]) < closes
        assert sitting["source"] == "PAPER"
        # the sitting's score is its share of 30 correct, out of 10, rounded half up
        share = (Decimal(sitting["correctCount"]) * 10 / 30).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        assert Decimal(sitting["score"]) == share
        # and the result is that score (the test weighs 1), banded with the default bands
        result = learner["result"]
        assert Decimal(result["score"]) == share
        assert (result["completed"], result["reasons"]) == (True, [])
        expected = (
            "Giỏi"
            if share >= 8
            else "Khá"
            if share >= Decimal("6.5")
            else "Trung bình"
            if share >= 5
            else "Yếu"
        )
        assert result["band"] == expected
        bands[result["band"]] += 1
    assert bands == {"Giỏi": 3, "Khá": 26, "Trung bình": 22}
