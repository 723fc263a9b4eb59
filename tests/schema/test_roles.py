"""Granting roles on org units: who may grant what where (core/services/roles.py), over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from core.models import AuditEntry, OrgUnit, RoleGrant
from core.models.enums import AuditOutcome, OrgLevel, Role
from core.services.accounts import AccountDraft, create_account
from core.services.records import create_org_unit
from core.services.roles import grant_role
from tests import factories
from tests.factories import gid
from tests.helpers import graphql

PASSWORD = "Hà Giang 2019 học việc"
SIGN_IN = """
mutation($input: SignInInput!) { signIn(input: $input) { errors { code } } }
"""
GRANT = """
mutation($input: GrantRoleInput!) {
  grantRole(input: $input) { roleGrant { id role orgUnit { name } } errors { field code } }
}
"""
REVOKE = """
mutation($input: RevokeRoleInput!) {
  revokeRole(input: $input) { roleGrant { role } errors { field code } }
}
"""
ME = "{ me { username roles { role orgUnit { name } } } }"


@pytest.fixture
def client(anonymous: httpx.AsyncClient) -> httpx.AsyncClient:
    """These tests sign in themselves: their client starts signed out."""
    return anonymous


class District:
    """A province with two districts, each with a commune."""

    province: OrgUnit
    bac_quang: OrgUnit
    vinh_hao: OrgUnit
    vi_xuyen: OrgUnit


@pytest.fixture
async def district(db) -> District:
    tree = District()
    tree.province = await create_org_unit("HG", "Hà Giang", OrgLevel.PROVINCE)
    tree.bac_quang = await create_org_unit(
        "BQ", "Huyện Bắc Quang", OrgLevel.DISTRICT, tree.province
    )
    tree.vinh_hao = await create_org_unit("VH", "Xã Vĩnh Hảo", OrgLevel.COMMUNE, tree.bac_quang)
    tree.vi_xuyen = await create_org_unit("VX", "Huyện Vị Xuyên", OrgLevel.DISTRICT, tree.province)
    return tree


async def account(settings, username: str, official_id: int | None = None) -> None:
    await create_account(
        AccountDraft(username, username.title(), PASSWORD, official_id=official_id), settings
    )


async def as_user(app: Starlette, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hocviec.test"
    )
    body = await graphql(client, SIGN_IN, {"input": {"username": username, "password": PASSWORD}})
    assert body["data"]["signIn"]["errors"] == []
    return client


async def grant(
    client: httpx.AsyncClient, username: str, role: str, unit: OrgUnit
) -> dict[str, Any]:
    variables = {
        "input": {"username": username, "role": role, "orgUnitId": gid("OrgUnit", unit.id)}
    }
    return await graphql(client, GRANT, variables)


@pytest.fixture
async def people(district, settings, app) -> dict[str, httpx.AsyncClient]:
    """An admin (province), a coordinator (Bắc Quang) and a plain account."""
    for name in ("admin.hg", "coord.bq", "staff.bq"):
        await account(settings, name)
    await grant_role(None, "admin.hg", Role.ADMIN, district.province.id)
    await grant_role(None, "coord.bq", Role.COORDINATOR, district.bac_quang.id)
    clients = {name: await as_user(app, name) for name in ("admin.hg", "coord.bq", "staff.bq")}
    yield clients
    for client in clients.values():
        await client.aclose()


async def test_the_viewer_sees_their_roles_and_where(people):
    body = await graphql(people["coord.bq"], ME)

    assert body["data"]["me"] == {
        "username": "coord.bq",
        "roles": [{"role": "COORDINATOR", "orgUnit": {"name": "Huyện Bắc Quang"}}],
    }


async def test_an_admin_grants_any_role_within_their_subtree(people, district):
    body = await grant(people["admin.hg"], "staff.bq", "COORDINATOR", district.vi_xuyen)

    assert body["data"]["grantRole"]["errors"] == []
    assert body["data"]["grantRole"]["roleGrant"]["role"] == "COORDINATOR"
    assert await RoleGrant.filter(account__username="staff.bq").count() == 1


@pytest.mark.parametrize("role", ["ASSESSOR", "VIEWER"])
async def test_a_coordinator_grants_assessor_and_viewer_in_their_district(people, district, role):
    body = await grant(people["coord.bq"], "staff.bq", role, district.vinh_hao)

    assert body["data"]["grantRole"]["errors"] == []


@pytest.mark.parametrize(
    ("role", "where"),
    [
        ("ADMIN", "vinh_hao"),  # a coordinator cannot grant admin
        ("COORDINATOR", "bac_quang"),  # nor coordinator
        ("VIEWER", "vi_xuyen"),  # nor anything in another district
        ("VIEWER", "province"),  # nor above their own unit
    ],
)
async def test_a_coordinator_cannot_grant_beyond_their_rule(people, district, role, where):
    body = await grant(people["coord.bq"], "staff.bq", role, getattr(district, where))

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert await RoleGrant.filter(account__username="staff.bq").count() == 0
    entry = await AuditEntry.filter(operation="grantRole").get()
    assert entry.outcome == AuditOutcome.DENIED
    assert entry.input["input"]["role"] == role  # as the client wrote it


async def test_an_account_without_a_role_cannot_grant(people, district):
    body = await grant(people["staff.bq"], "staff.bq", "VIEWER", district.vinh_hao)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_granting_without_signing_in_is_unauthenticated(client, district):
    body = await grant(client, "staff.bq", "VIEWER", district.vinh_hao)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_grants_are_user_errors(people, district, settings):
    admin = people["admin.hg"]
    await grant(admin, "staff.bq", "VIEWER", district.vinh_hao)

    unknown = await grant(admin, "nobody.here", "VIEWER", district.vinh_hao)
    twice = await grant(admin, "staff.bq", "VIEWER", district.vinh_hao)
    learner = await grant(admin, "staff.bq", "LEARNER", district.vinh_hao)
    bad_unit = await graphql(
        admin, GRANT, {"input": {"username": "staff.bq", "role": "VIEWER", "orgUnitId": "x"}}
    )

    assert unknown["data"]["grantRole"]["errors"] == [{"field": "username", "code": "NOT_FOUND"}]
    assert twice["data"]["grantRole"]["errors"] == [{"field": "role", "code": "DUPLICATE"}]
    assert learner["data"]["grantRole"]["errors"] == [{"field": "role", "code": "INVALID"}]
    assert bad_unit["data"]["grantRole"]["errors"] == [{"field": "orgUnitId", "code": "INVALID_ID"}]


async def test_a_learner_role_needs_an_account_linked_to_an_official(people, district, settings):
    official = await factories.official("Lò Văn Pể", org_unit=district.vinh_hao)
    await account(settings, "pe.lv", official_id=official.id)

    body = await grant(people["coord.bq"], "pe.lv", "LEARNER", district.vinh_hao)

    assert body["data"]["grantRole"]["errors"] == []


async def test_revoking_follows_the_same_rule(people, district):
    given = await grant(people["admin.hg"], "staff.bq", "COORDINATOR", district.bac_quang)
    grant_id = given["data"]["grantRole"]["roleGrant"]["id"]

    refused = await graphql(people["coord.bq"], REVOKE, {"input": {"id": grant_id}})
    revoked = await graphql(people["admin.hg"], REVOKE, {"input": {"id": grant_id}})
    again = await graphql(people["admin.hg"], REVOKE, {"input": {"id": grant_id}})

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert revoked["data"]["revokeRole"]["roleGrant"] == {"role": "COORDINATOR"}
    assert again["data"]["revokeRole"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


RESET = """
mutation($input: ResetPasswordInput!) {
  resetPassword(input: $input) { done errors { field code } }
}
"""
DEACTIVATE = """
mutation($input: DeactivateAccountInput!) {
  deactivateAccount(input: $input) { done errors { field code } }
}
"""
NEW_PASSWORD = "Bắc Quang 23 xã 505 chức danh"


async def test_an_admin_resets_a_password_and_the_old_session_ends(people, app):
    staff = people["staff.bq"]

    body = await graphql(
        people["admin.hg"], RESET, {"input": {"username": "staff.bq", "password": NEW_PASSWORD}}
    )

    assert body["data"]["resetPassword"] == {"done": True, "errors": []}
    assert (await graphql(staff, ME))["data"] == {"me": None}
    fresh = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    signed_in = await graphql(
        fresh, SIGN_IN, {"input": {"username": "staff.bq", "password": NEW_PASSWORD}}
    )
    await fresh.aclose()
    assert signed_in["data"]["signIn"]["errors"] == []
    # and the audit log keeps no password
    entry = await AuditEntry.filter(operation="resetPassword").get()
    assert entry.input == {"input": {"username": "staff.bq", "password": "[redacted]"}}


async def test_a_short_new_password_is_a_user_error(people):
    body = await graphql(
        people["admin.hg"], RESET, {"input": {"username": "staff.bq", "password": "short"}}
    )

    assert body["data"]["resetPassword"] == {
        "done": False,
        "errors": [{"field": "password", "code": "INVALID"}],
    }


@pytest.mark.parametrize("username", ["staff.bq", "nobody.here"])
async def test_only_admins_manage_accounts_and_others_learn_nothing(people, username):
    body = await graphql(people["coord.bq"], DEACTIVATE, {"input": {"username": username}})

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_district_admin_manages_only_accounts_within_their_district(
    people, district, settings, app
):
    await account(settings, "admin.bq")
    await grant_role(None, "admin.bq", Role.ADMIN, district.bac_quang.id)
    await grant_role(None, "staff.bq", Role.VIEWER, district.vinh_hao.id)
    await account(settings, "staff.vx")
    await grant_role(None, "staff.vx", Role.VIEWER, district.vi_xuyen.id)
    district_admin = await as_user(app, "admin.bq")

    inside = await graphql(district_admin, DEACTIVATE, {"input": {"username": "staff.bq"}})
    elsewhere = await graphql(district_admin, DEACTIVATE, {"input": {"username": "staff.vx"}})
    coordinator = await graphql(district_admin, DEACTIVATE, {"input": {"username": "coord.bq"}})
    await district_admin.aclose()

    assert inside["data"]["deactivateAccount"] == {"done": True, "errors": []}
    assert elsewhere["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # coord.bq's grant is the whole district: inside too
    assert coordinator["data"]["deactivateAccount"]["done"] is True
    assert (await graphql(people["staff.bq"], ME))["data"] == {"me": None}


async def test_an_account_without_grants_needs_an_admin_of_a_top_unit(
    people, district, settings, app
):
    await account(settings, "admin.bq")
    await grant_role(None, "admin.bq", Role.ADMIN, district.bac_quang.id)
    district_admin = await as_user(app, "admin.bq")

    refused = await graphql(district_admin, DEACTIVATE, {"input": {"username": "staff.bq"}})
    allowed = await graphql(people["admin.hg"], DEACTIVATE, {"input": {"username": "staff.bq"}})
    await district_admin.aclose()

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert allowed["data"]["deactivateAccount"]["done"] is True


async def test_a_grant_reports_a_malformed_unit_with_a_blank_name(people):
    body = await graphql(
        people["admin.hg"], GRANT, {"input": {"username": " ", "role": "VIEWER", "orgUnitId": "x"}}
    )

    assert body["data"]["grantRole"]["errors"] == [
        {"field": "orgUnitId", "code": "INVALID_ID"},
        {"field": "username", "code": "REQUIRED"},
    ]
    assert await RoleGrant.filter(role=Role.VIEWER).count() == 0


async def test_a_reset_reports_a_blank_name_with_a_short_password(people):
    body = await graphql(people["admin.hg"], RESET, {"input": {"username": "", "password": "ab"}})

    assert body["data"]["resetPassword"] == {
        "done": False,
        "errors": [
            {"field": "password", "code": "INVALID"},
            {"field": "username", "code": "REQUIRED"},
        ],
    }


async def test_a_deactivation_needs_a_name(people):
    body = await graphql(people["admin.hg"], DEACTIVATE, {"input": {"username": "  "}})

    assert body["data"]["deactivateAccount"] == {
        "done": False,
        "errors": [{"field": "username", "code": "REQUIRED"}],
    }
