"""Nested fields ask the permission layer too: reading officials does not open their training."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from starlette.applications import Starlette

from core.models.enums import CohortStatus
from core.services.enrollments import enroll_official
from schema.permissions import AccessPolicy, Action
from tests import factories
from tests.helpers import graphql

OFFICIALS_WITH_RECORD = """
{ officials { edges { node { fullName enrollments { edges { node { status } } } } } } }
"""
OFFICIALS = "{ officials { edges { node { fullName post { title } } } } }"
ENROLLMENTS_WITH_OFFICIAL = "{ enrollments { edges { node { status official { fullName } } } } }"


class Denies(AccessPolicy):
    """A viewer refused one action, allowed the others."""

    def __init__(self, refused: Action) -> None:
        self.refused = refused

    def allows(self, action: Action, org_unit_id: int | None = None) -> str | None:
        return "FORBIDDEN" if action == self.refused else None


@pytest.fixture
def refuse(app: Starlette) -> Iterator[Callable[[Action], None]]:
    previous = app.state.policy

    def set_refused(action: Action) -> None:
        app.state.policy = Denies(action)

    yield set_refused
    app.state.policy = previous


@pytest.fixture
async def enrolled_official(client):
    official = await factories.official("Hoàng Văn Nhiên")
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    await enroll_official(official.id, cohort.id)
    return official


async def test_officials_without_training_access_cannot_read_their_enrollments(
    client, refuse, enrolled_official
):
    # given a viewer who may read the directory but not training records
    refuse(Action.READ_TRAINING)
    # when they ask for officials with their enrollments
    body = await graphql(client, OFFICIALS_WITH_RECORD)
    # then the enrollments are refused at their path
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"][-1] == "enrollments"


async def test_the_same_viewer_reads_the_directory(client, refuse, enrolled_official):
    refuse(Action.READ_TRAINING)

    body = await graphql(client, OFFICIALS)

    assert "errors" not in body
    assert body["data"]["officials"]["edges"][0]["node"]["fullName"] == "Hoàng Văn Nhiên"


async def test_enrollments_without_directory_access_cannot_read_the_official(
    client, refuse, enrolled_official
):
    refuse(Action.READ_DIRECTORY)

    body = await graphql(client, ENROLLMENTS_WITH_OFFICIAL)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"][-1] == "official"
