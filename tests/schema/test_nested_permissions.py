"""Nested fields ask the permission layer too: reading officials does not open their training."""

from __future__ import annotations

import httpx
import pytest

from core.models.enums import CohortStatus, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from schema.cohorts.types import Enrollment
from schema.people.types import Official
from tests import factories
from tests.conftest import SignInAs
from tests.helpers import graphql

OFFICIALS_WITH_RECORD = """
{ officials { edges { node { fullName enrollments { edges { node { status } } } } } } }
"""
OFFICIALS = "{ officials { edges { node { fullName post { title } } } } }"
ENROLLMENTS_WITH_OFFICIAL = "{ enrollments { edges { node { status official { fullName } } } } }"


@pytest.fixture
async def enrolled_official(sign_in_as: SignInAs) -> httpx.AsyncClient:
    """A viewer over the commune of an enrolled official."""
    official = await factories.official("Hoàng Văn Nhiên")
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    await enroll_official(OPERATOR, official.id, cohort.id)
    return await sign_in_as("xem.vinhhao", (Role.VIEWER, await official.org_unit))


async def test_officials_without_training_access_cannot_read_their_enrollments(
    refuse, enrolled_official
):
    # given a viewer who may read the directory but not training records
    refuse(Enrollment)
    # when they ask for officials with their enrollments
    body = await graphql(enrolled_official, OFFICIALS_WITH_RECORD)
    # then the enrollments are refused at their path
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"][-1] == "enrollments"


async def test_the_same_viewer_reads_the_directory(refuse, enrolled_official):
    refuse(Enrollment)

    body = await graphql(enrolled_official, OFFICIALS)

    assert "errors" not in body
    assert body["data"]["officials"]["edges"][0]["node"]["fullName"] == "Hoàng Văn Nhiên"


async def test_enrollments_without_directory_access_cannot_read_the_official(
    refuse, enrolled_official
):
    refuse(Official)

    body = await graphql(enrolled_official, ENROLLMENTS_WITH_OFFICIAL)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"][-1] == "official"
