"""scheduleSession with the civil-servant tracks' own activity kinds."""

from __future__ import annotations

import pytest

from core.models.enums import CohortStatus
from tests import factories
from tests.factories import gid
from tests.helpers import error_codes, graphql_data

SCHEDULE_SESSION = """
mutation($input: ScheduleSessionInput!) {
  scheduleSession(input: $input) {
    session { activityKind { code titleEn } title startsAt }
    errors { field code message }
  }
}
"""

CASEWORK = {
    "civil_servant_military": "commune_civil_servants.militia_training_plan",
    "civil_servant_police": "commune_civil_servants.public_order_casework",
    "civil_servant_justice": "commune_civil_servants.civil_status_registration",
    "civil_servant_finance": "commune_civil_servants.budget_estimate",
    "civil_servant_office": "commune_civil_servants.document_drafting",
    "civil_servant_land": "commune_civil_servants.land_dossier",
    "civil_servant_culture": "commune_civil_servants.social_policy_dossier",
}


ENGLISH = {
    "commune_civil_servants.militia_training_plan": (
        "Militia training planning at the district military command"
    ),
    "commune_civil_servants.public_order_casework": (
        "Residence and public-order casework at the district police"
    ),
    "commune_civil_servants.civil_status_registration": (
        "Civil-status registration casework at the district justice office"
    ),
    "commune_civil_servants.budget_estimate": (
        "Preparing a commune budget estimate at the district finance office"
    ),
    "commune_civil_servants.document_drafting": (
        "Drafting administrative documents at the district People's Council and Committee office"
    ),
    "commune_civil_servants.land_dossier": (
        "Land dossier casework at the district natural resources and environment office"
    ),
    "commune_civil_servants.social_policy_dossier": (
        "Social-policy dossiers at the district labour, invalids and social affairs office"
    ),
}


def session_input(cohort_id: int, activity_kind: str) -> dict:
    return {
        "cohortId": gid("Cohort", cohort_id),
        "startsAt": "2019-05-08T06:30:00+00:00",
        "endsAt": "2019-05-08T10:00:00+00:00",
        "activityKind": activity_kind,
        "title": "Thực hành tại cơ quan huyện",
    }


@pytest.mark.parametrize(("track_code", "activity_kind"), sorted(CASEWORK.items()))
async def test_a_cohort_of_each_track_schedules_its_casework(client, track_code, activity_kind):
    # given an open cohort of the track
    cohort = await factories.cohort(track_code, status=CohortStatus.OPEN)
    # when a session of the track's own kind is scheduled
    data = await graphql_data(
        client, SCHEDULE_SESSION, {"input": session_input(cohort.id, activity_kind)}
    )
    # then it is on the schedule with that kind
    payload = data["scheduleSession"]
    assert payload["errors"] == []
    assert payload["session"] == {
        "activityKind": {"code": activity_kind, "titleEn": ENGLISH[activity_kind]},
        "title": "Thực hành tại cơ quan huyện",
        "startsAt": "2019-05-08T06:30:00+00:00",
    }


async def test_an_activity_kind_the_plugin_does_not_declare_is_refused(client):
    cohort = await factories.cohort("civil_servant_justice", status=CohortStatus.OPEN)

    data = await graphql_data(
        client,
        SCHEDULE_SESSION,
        {"input": session_input(cohort.id, "commune_civil_servants.marriage_ceremony")},
    )

    assert data["scheduleSession"]["session"] is None
    assert error_codes(data["scheduleSession"]) == [("activityKind", "INVALID")]
