"""Builders for org units and officials that keep stored text NFC and search keys in step.

Imports and the demo go through these, so every row gets the same normalisation whether it is
saved alone or in a bulk statement.
"""

from __future__ import annotations

from core.limits import MAX_CHILDREN_PER_ORG_UNIT
from core.models import Official, OrgUnit
from core.models.enums import Gender, OfficialStatus, OrgLevel, PoliticalTheoryLevel
from core.orm import column_length
from core.services.errors import ErrorCode, ServiceError
from core.text import nfc, search_key

ORG_UNIT_SEARCH_LENGTH: int = column_length(OrgUnit, "search_name")
OFFICIAL_SEARCH_LENGTH: int = column_length(Official, "search_name")


async def create_org_unit(
    code: str, name: str, level: OrgLevel, parent: OrgUnit | None = None
) -> OrgUnit:
    """Create an org unit below ``parent`` with its materialised path.

    A unit holds at most :data:`~core.limits.MAX_CHILDREN_PER_ORG_UNIT` units directly below
    it (``OrgUnit.children`` is a plain list bounded by that maximum); one more is refused.
    """
    if (
        parent is not None
        and await OrgUnit.filter(parent_id=parent.id).count() >= MAX_CHILDREN_PER_ORG_UNIT
    ):
        raise ServiceError.single(
            "parentId",
            ErrorCode.TOO_MANY,
            f"{parent.name} already has {MAX_CHILDREN_PER_ORG_UNIT} units below it, the most "
            "one unit holds.",
        )
    prefix = parent.path if parent is not None else "/"
    return await OrgUnit.create(
        code=code,
        name=nfc(name),
        search_name=search_key(name, ORG_UNIT_SEARCH_LENGTH),
        level=level,
        parent=parent,
        path=f"{prefix}{code}/",
    )


def new_official(
    *,
    full_name: str,
    gender: Gender,
    org_unit_id: int,
    post_id: int,
    birth_year: int | None = None,
    ethnicity: str = "",
    professional_qualification: str = "",
    political_theory_level: PoliticalTheoryLevel = PoliticalTheoryLevel.NONE,
    status: OfficialStatus = OfficialStatus.ACTIVE,
) -> Official:
    """An unsaved official (for ``save`` or ``bulk_create``) with NFC text and its search key."""
    return Official(
        full_name=nfc(full_name),
        search_name=search_key(full_name, OFFICIAL_SEARCH_LENGTH),
        gender=gender,
        birth_year=birth_year,
        ethnicity=nfc(ethnicity),
        org_unit_id=org_unit_id,
        post_id=post_id,
        professional_qualification=nfc(professional_qualification),
        political_theory_level=political_theory_level,
        status=status,
    )
