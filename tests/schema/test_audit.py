"""Every mutation leaves exactly one audit entry, in its own transaction (schema/audit)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from core.http import SESSION_COOKIE
from core.models import Account, AuditEntry, AuditTarget, Cohort, OrgUnit, RoleGrant, Track
from core.models.enums import AuditOutcome, CohortStatus, OrgLevel, Role
from core.services import cohorts
from core.services.accounts import AccountDraft, create_account, now
from core.services.sessions import start_session
from tests import factories
from tests.core.test_hooks import CohortWatcher
from tests.factories import gid
from tests.fixtures.plugins import registry_with, serving
from tests.helpers import graphql

PASSWORD = "Hà Giang 2019 học việc"
CREATE_COHORT = """
mutation($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { id } errors { field code } }
}
"""
SIGN_IN = """
mutation($input: SignInInput!) { signIn(input: $input) { viewer { username } errors { code } } }
"""
ENTRIES = """
query($filter: AuditFilter) {
  auditEntries(filter: $filter) {
    totalCount
    edges { node { operation outcome actorUsername input errorCodes targetIds requestId } }
  }
}
"""


@pytest.fixture
def client(anonymous: httpx.AsyncClient) -> httpx.AsyncClient:
    """These tests sign in themselves: their client starts signed out."""
    return anonymous


@pytest.fixture
async def coordinator(client, settings) -> httpx.AsyncClient:
    """Signed in as the coordinator of a district (the only one)."""
    account = await create_account(AccountDraft("dieu.phoi", "Điều phối viên", PASSWORD), settings)
    district = await factories.district()
    await RoleGrant.create(account=account, role=Role.COORDINATOR, org_unit=district)
    await graphql(client, SIGN_IN, {"input": {"username": "dieu.phoi", "password": PASSWORD}})
    return client


async def cohort_input(**overrides: Any) -> dict[str, Any]:
    track = await Track.get(code="party_committee")
    district = await OrgUnit.filter(level=OrgLevel.DISTRICT).first()
    values = {
        "name": "Khóa học việc 2020",
        "trackId": gid("Track", track.id),
        "startsOn": date(2020, 3, 2).isoformat(),
        "endsOn": date(2020, 5, 29).isoformat(),
        "capacity": 20,
        "orgUnitId": gid("OrgUnit", district.id) if district else "T3JnVW5pdDox",
    }
    return {**values, **overrides}


async def test_a_done_mutation_records_who_what_which_objects_and_the_request(coordinator):
    # given a signed-in coordinator
    variables = {"input": await cohort_input()}
    # when a cohort is created
    response = await coordinator.post(
        "/graphql", json={"query": CREATE_COHORT, "variables": variables}
    )
    created = response.json()["data"]["createCohort"]["cohort"]["id"]
    # then one entry says so, with the input, the track named and the cohort made
    [sign_in, entry] = await AuditEntry.all().order_by("id")
    assert sign_in.operation == "signIn"
    assert (entry.operation, entry.outcome, entry.actor_username) == (
        "createCohort",
        AuditOutcome.DONE,
        "dieu.phoi",
    )
    # the input as the mutation received it, the schema's defaults filled in
    assert entry.input == {
        "input": {**variables["input"], "programmeId": None, "hostAgencyIds": []}
    }
    assert entry.target_ids == [
        variables["input"]["trackId"],
        variables["input"]["orgUnitId"],
        created,
    ]
    assert entry.error_codes == []
    assert entry.request_id == response.headers["x-request-id"]


async def test_a_refused_mutation_records_its_user_errors_and_changes_nothing(coordinator):
    body = await graphql(
        coordinator, CREATE_COHORT, {"input": await cohort_input(name=" ", capacity=0)}
    )

    assert body["data"]["createCohort"]["errors"]
    entry = await AuditEntry.filter(operation="createCohort").get()
    assert entry.outcome == AuditOutcome.REFUSED
    assert sorted(entry.error_codes) == ["INVALID", "REQUIRED"]
    assert await Cohort.all().count() == 0


async def test_sign_in_is_recorded_with_its_password_redacted(client, settings):
    await create_account(AccountDraft("dieu.phoi", "Điều phối viên", PASSWORD), settings)
    for password in ("not the password!", PASSWORD):
        await graphql(client, SIGN_IN, {"input": {"username": "dieu.phoi", "password": password}})

    failed, signed_in = await AuditEntry.all().order_by("id")
    assert (failed.outcome, failed.error_codes, failed.actor_username) == (
        AuditOutcome.REFUSED,
        ["WRONG_CREDENTIALS"],
        "",
    )
    assert (signed_in.outcome, signed_in.actor_username) == (AuditOutcome.DONE, "dieu.phoi")
    for entry in (failed, signed_in):
        assert entry.input == {"input": {"username": "dieu.phoi", "password": "[redacted]"}}


async def test_a_denied_mutation_is_recorded_on_its_own(client):
    body = await graphql(
        client,
        'mutation { createApiToken(input: {name: "portal"}) { token } }',
    )

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    entry = await AuditEntry.get()
    assert (entry.operation, entry.outcome, entry.error_codes) == (
        "createApiToken",
        AuditOutcome.DENIED,
        ["UNAUTHENTICATED"],
    )


async def test_a_failing_mutation_rolls_back_its_writes_and_records_the_failure(
    coordinator, monkeypatch
):
    # given a service that writes, then fails unexpectedly
    async def half_done(draft: Any, errors: Any = None) -> Any:
        await OrgUnit.create(code="HALF", name="Nửa chừng", level="commune")
        raise RuntimeError("disk full")

    monkeypatch.setattr(cohorts, "create_cohort", half_done)
    # when the mutation runs
    body = await graphql(coordinator, CREATE_COHORT, {"input": await cohort_input()})
    # then the client gets a masked error, the write is gone, and the failure is recorded
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert not await OrgUnit.exists(code="HALF")
    entry = await AuditEntry.filter(operation="createCohort").get()
    assert entry.outcome == AuditOutcome.FAILED


async def test_the_log_is_read_newest_first_with_filters(coordinator, sign_in_as):
    await graphql(coordinator, CREATE_COHORT, {"input": await cohort_input()})
    await graphql(coordinator, CREATE_COHORT, {"input": await cohort_input(capacity=0)})
    track_id = (await cohort_input())["trackId"]
    # the log is the admins' to read
    admin = await sign_in_as("quan.tri", (Role.ADMIN, await OrgUnit.get(level=OrgLevel.PROVINCE)))
    denied = await graphql(coordinator, ENTRIES)

    every = await graphql(admin, ENTRIES)
    by_target = await graphql(admin, ENTRIES, {"filter": {"targetId": track_id}})
    refused = await graphql(
        admin,
        ENTRIES,
        {"filter": {"operation": "createCohort", "actorUsername": "dieu.phoi"}},
    )
    later = await graphql(
        admin,
        ENTRIES,
        {"filter": {"since": (now() + timedelta(minutes=1)).isoformat()}},
    )

    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    operations = [e["node"]["operation"] for e in every["data"]["auditEntries"]["edges"]]
    assert operations == ["createCohort", "createCohort", "signIn"]
    assert by_target["data"]["auditEntries"]["totalCount"] == 2
    outcomes = [e["node"]["outcome"] for e in refused["data"]["auditEntries"]["edges"]]
    assert outcomes == ["REFUSED", "DONE"]
    assert later["data"]["auditEntries"]["totalCount"] == 0


def test_no_mutation_can_change_the_log(app):
    mutations = app.state.schema._schema.mutation_type.fields
    assert not [name for name in mutations if "audit" in name.lower()]


async def test_targets_are_indexed_for_filtering(coordinator):
    await graphql(coordinator, CREATE_COHORT, {"input": await cohort_input()})

    entry = await AuditEntry.filter(operation="createCohort").get()
    targets = await AuditTarget.filter(entry_id=entry.id).values_list("target_id", flat=True)
    assert sorted(targets) == sorted(entry.target_ids)


CHANGE_STATUS = """
mutation($input: ChangeCohortStatusInput!) {
  changeCohortStatus(input: $input) { cohort { status } errors { code } }
}
"""


async def test_plugins_hear_of_a_change_after_the_mutation_commits(db, settings):
    # given a plugin that reads the cohort's status through a connection of its own
    watcher = CohortWatcher("cohort_watch", settings)
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    account = await Account.create(
        username="dieu.phoi", display_name="Điều phối", password_hash="!"
    )
    await RoleGrant.create(account=account, role=Role.COORDINATOR, org_unit_id=cohort.org_unit_id)
    async with serving(settings, registry_with(watcher)) as client:
        client.cookies.set(SESSION_COOKIE, await start_session(account, settings, now()))
        # when the status changes through the API (one transaction with its audit entry)
        body = await graphql(
            client,
            CHANGE_STATUS,
            {"input": {"cohortId": gid("Cohort", cohort.id), "status": "IN_PROGRESS"}},
        )
    # then the plugin heard it once and already saw the committed status
    assert body["data"]["changeCohortStatus"]["errors"] == []
    assert [event[-1] for event in watcher.events] == ["in_progress"]
