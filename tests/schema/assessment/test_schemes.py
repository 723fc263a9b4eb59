"""Assessment schemes: declared by a track's plugin, adjusted for a cohort before it starts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.app import create_app
from core.declarations import (
    DEFAULT_BANDS,
    BandDeclaration,
    ComponentDeclaration,
    PostDeclaration,
    SchemeDeclaration,
    TrackDeclaration,
)
from core.hookspecs import hookimpl
from core.models import CohortScheme, SchemeComponent
from core.models.enums import CohortStatus, ComponentKind, PostKind, Role
from core.plugins import PluginError
from tests import factories
from tests.factories import gid
from tests.fixtures.plugins import plugin_info, registry_with
from tests.helpers import count_queries, error_codes, graphql, graphql_data

SCHEME_FIELDS = """
components { code kind weight } bands { name lowerBound } minAttendanceRate
practicumSignedOff adjusted
"""
COHORT_SCHEME = f"""
query($id: ID!) {{ node(id: $id) {{ ... on Cohort {{ scheme {{ {SCHEME_FIELDS} }} }} }} }}
"""
ADJUST = f"""
mutation($input: AdjustAssessmentSchemeInput!) {{
  adjustAssessmentScheme(input: $input) {{
    scheme {{ {SCHEME_FIELDS} }}
    errors {{ field code message }}
  }}
}}
"""
PEOPLES_COMMITTEE_SCHEME = {
    "components": [{"code": "multiple_choice_test", "kind": "MULTIPLE_CHOICE_TEST", "weight": "1"}],
    "bands": [
        {"name": "Giỏi", "lowerBound": "8.00"},
        {"name": "Khá", "lowerBound": "6.50"},
        {"name": "Trung bình", "lowerBound": "5.00"},
        {"name": "Yếu", "lowerBound": "0.00"},
    ],
    "minAttendanceRate": None,
    "practicumSignedOff": True,
    "adjusted": False,
}


def adjustment(cohort, **changes):
    return {
        "input": {
            "cohortId": gid("Cohort", cohort.id),
            "components": [
                {
                    "code": "test",
                    "title": "Trắc nghiệm",
                    "kind": "MULTIPLE_CHOICE_TEST",
                    "weight": 0.7,
                },
                {"code": "practicum", "title": "Thực hành", "kind": "PRACTICUM", "weight": "0.3"},
            ],
            "bands": [
                {"name": "Giỏi", "lowerBound": 8.5},
                {"name": "Khá", "lowerBound": "7"},
                {"name": "Trung bình", "lowerBound": 5},
                {"name": "Yếu", "lowerBound": 0},
            ],
            "minAttendanceRate": "0.8",
            **changes,
        }
    }


async def test_a_cohort_is_assessed_by_its_tracks_declared_scheme(client, db):
    cohort = await factories.cohort("peoples_committee")

    data = await graphql_data(client, COHORT_SCHEME, {"id": gid("Cohort", cohort.id)})
    track = await graphql_data(
        client, f"{{ tracks {{ edges {{ node {{ code scheme {{ {SCHEME_FIELDS} }} }} }} }} }}"
    )

    assert data["node"]["scheme"] == PEOPLES_COMMITTEE_SCHEME
    schemes = {e["node"]["code"]: e["node"]["scheme"] for e in track["tracks"]["edges"]}
    assert schemes["peoples_committee"] == PEOPLES_COMMITTEE_SCHEME


async def test_a_coordinator_adjusts_a_planned_cohorts_scheme(sign_in_as, db):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)
    coordinator = await sign_in_as("thu.ky", (Role.COORDINATOR, await cohort.org_unit))

    data = await graphql_data(coordinator, ADJUST, adjustment(cohort))
    read = await graphql_data(coordinator, COHORT_SCHEME, {"id": gid("Cohort", cohort.id)})

    scheme = data["adjustAssessmentScheme"]["scheme"]
    assert data["adjustAssessmentScheme"]["errors"] == []
    assert scheme == read["node"]["scheme"]
    assert [(c["code"], c["weight"]) for c in scheme["components"]] == [
        ("test", "0.7"),
        ("practicum", "0.3"),
    ]
    assert [(b["name"], b["lowerBound"]) for b in scheme["bands"]] == [
        ("Giỏi", "8.50"),
        ("Khá", "7.00"),
        ("Trung bình", "5.00"),
        ("Yếu", "0.00"),
    ]
    assert (scheme["minAttendanceRate"], scheme["adjusted"]) == ("0.8", True)


async def test_adjusting_again_replaces_the_scheme(client, db):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.OPEN)
    await graphql_data(client, ADJUST, adjustment(cohort))

    single = [{"code": "test", "title": "Trắc nghiệm", "kind": "MULTIPLE_CHOICE_TEST", "weight": 1}]
    data = await graphql_data(client, ADJUST, adjustment(cohort, components=single))

    assert [c["code"] for c in data["adjustAssessmentScheme"]["scheme"]["components"]] == ["test"]
    assert await CohortScheme.all().count() == 1
    assert await SchemeComponent.all().count() == 1


async def test_weights_not_summing_to_1_and_overlapping_bands_are_refused_together(client, db):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)

    data = await graphql_data(
        client,
        ADJUST,
        adjustment(
            cohort,
            components=[
                {
                    "code": "test",
                    "title": "Trắc nghiệm",
                    "kind": "MULTIPLE_CHOICE_TEST",
                    "weight": 0.7,
                },
                {"code": "essay", "title": "Tự luận", "kind": "WRITTEN_TEST", "weight": 0.2},
            ],
            bands=[
                {"name": "Giỏi", "lowerBound": 8},
                {"name": "Khá", "lowerBound": 8},
                {"name": " ", "lowerBound": 0},
            ],
            minAttendanceRate=1.5,
        ),
    )

    payload = data["adjustAssessmentScheme"]
    assert sorted(error_codes(payload)) == [
        ("bands", "INVALID_BANDS"),
        ("bands.2.name", "REQUIRED"),
        ("completion", "INVALID"),
        ("components", "INVALID_WEIGHTS"),
    ]
    messages = {error["field"]: error["message"] for error in payload["errors"]}
    assert "sum to 0.9, not 1" in messages["components"]
    assert await CohortScheme.all().count() == 0


@pytest.mark.parametrize(
    ("bands", "why"),
    [
        ([{"name": "Đạt", "lowerBound": 5}], "must start at 0"),
        (
            [{"name": "Đạt", "lowerBound": "5.555"}, {"name": "Yếu", "lowerBound": 0}],
            "two decimals",
        ),
        ([{"name": "Đạt", "lowerBound": 11}, {"name": "Yếu", "lowerBound": 0}], "0 to 10"),
    ],
)
async def test_bands_with_a_gap_or_out_of_range_are_refused(client, db, bands, why):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)

    data = await graphql_data(client, ADJUST, adjustment(cohort, bands=bands))

    [error] = data["adjustAssessmentScheme"]["errors"]
    assert (error["field"], error["code"]) == ("bands", "INVALID_BANDS")
    assert why in error["message"]


async def test_a_started_cohorts_scheme_stays(client, db):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.IN_PROGRESS)

    data = await graphql_data(client, ADJUST, adjustment(cohort))

    assert error_codes(data["adjustAssessmentScheme"]) == [("cohortId", "COHORT_LOCKED")]
    assert await CohortScheme.all().count() == 0


async def test_a_viewer_cannot_adjust(sign_in_as, db):
    cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)
    viewer = await sign_in_as("lanh.dao", (Role.VIEWER, await cohort.org_unit))

    response = await graphql(viewer, ADJUST, adjustment(cohort))

    assert response["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await CohortScheme.all().count() == 0


async def test_the_schemes_of_a_page_of_cohorts_cost_the_same_for_more_cohorts(client, db):
    query = f"{{ cohorts(first: 20) {{ edges {{ node {{ scheme {{ {SCHEME_FIELDS} }} }} }} }} }}"
    for _ in range(2):
        await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)
    with count_queries() as few:
        await graphql_data(client, query)
    for _ in range(6):
        cohort = await factories.cohort("peoples_committee", status=CohortStatus.PLANNED)
        await graphql_data(client, ADJUST, adjustment(cohort))
    with count_queries() as many:
        data = await graphql_data(client, query)

    adjusted = [e["node"]["scheme"]["adjusted"] for e in data["cohorts"]["edges"]]
    assert sorted(adjusted) == [False, False] + [True] * 6
    assert many.count <= few.count + 2  # the adjusted ones' components and bands


class OwnScheme:
    """A plugin declaring a scheme for a track that is not its own."""

    @staticmethod
    @hookimpl
    def plugin_info():
        return plugin_info("poacher")

    @staticmethod
    @hookimpl
    def register_assessment_schemes():
        test = ComponentDeclaration(
            "test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal(1)
        )
        return [SchemeDeclaration("peoples_committee", (test,))]


def test_hook_register_assessment_schemes():
    # the built-in People's Committee track declares its scheme through the hook
    registry = registry_with()
    assert registry.schemes()["peoples_committee"].components[0].weight == Decimal(1)
    # a plugin may declare schemes for its own tracks only
    with pytest.raises(PluginError, match="plugin 'poacher' declares a scheme for track"):
        registry_with(OwnScheme).schemes()


def test_a_scheme_whose_weights_do_not_sum_to_1_cannot_be_declared():
    test = ComponentDeclaration(
        "test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, Decimal("0.6")
    )
    essay = ComponentDeclaration("essay", "Tự luận", ComponentKind.WRITTEN_TEST, Decimal("0.3"))

    with pytest.raises(ValueError, match=r"track 'x': The weights sum to 0\.9, not 1"):
        SchemeDeclaration("x", (test, essay))


BAD_SCHEMES = {
    "weights": (
        (Decimal("0.6"), Decimal("0.3")),
        DEFAULT_BANDS,
        "The weights sum to 0.9, not 1.",
    ),
    "overlapping-bands": (
        (Decimal("0.6"), Decimal("0.4")),
        (
            BandDeclaration("Giỏi", Decimal(8)),
            BandDeclaration("Khá", Decimal(8)),
            *DEFAULT_BANDS[2:],
        ),
        "Two bands start at the same score: they overlap.",
    ),
    "gap-below": (
        (Decimal("0.6"), Decimal("0.4")),
        DEFAULT_BANDS[:3],
        "The lowest band must start at 0",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SCHEMES))
def test_a_plugin_with_a_bad_scheme_stops_start_up_naming_the_plugin_and_the_track(
    settings, case: str
):
    weights, bands, why = BAD_SCHEMES[case]

    class BadScheme:
        @hookimpl
        def plugin_info(self):
            return plugin_info("land_officer")

        @hookimpl
        def register_tracks(self):
            return [
                TrackDeclaration(
                    "land_officer",
                    "Học việc Địa chính",
                    "Land officers",
                    posts=(
                        PostDeclaration(
                            "land_officer",
                            "Công chức Địa chính",
                            "Land officer",
                            PostKind.CIVIL_SERVANT,
                        ),
                    ),
                )
            ]

        @hookimpl
        def register_assessment_schemes(self):
            test = ComponentDeclaration(
                "test", "Trắc nghiệm", ComponentKind.MULTIPLE_CHOICE_TEST, weights[0]
            )
            essay = ComponentDeclaration("essay", "Tự luận", ComponentKind.WRITTEN_TEST, weights[1])
            return [SchemeDeclaration("land_officer", (test, essay), bands)]

    with pytest.raises(PluginError) as raised:
        create_app(settings, registry=registry_with(BadScheme()))
    message = str(raised.value)
    assert "plugin 'land_officer'" in message
    assert "track 'land_officer'" in message
    assert why in message
