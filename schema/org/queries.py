"""Root query fields of the org domain."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import permissions
from core.models import OrgUnit as OrgUnitRow
from core.models.enums import AgencyBloc as CoreAgencyBloc
from core.models.enums import OrgLevel as CoreOrgLevel
from core.orm import column_length
from core.services import directory
from schema.ids import decode_argument_id, optional
from schema.inputs import enum_list_argument, text_argument
from schema.org.types import AgencyBloc, HostAgency, OrgLevel, OrgUnit
from schema.pagination import (
    FILTER,
    ORDER_BY,
    After,
    Connection,
    First,
    SortDirection,
    SortKey,
    paginate,
)
from schema.permissions import authorize


@strawberry.input(description="Filters for org units; every given filter must match.")
class OrgUnitFilter:
    levels: list[OrgLevel] | None = strawberry.field(default=None, description="Only these levels.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only units directly below this unit."
    )
    within_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only units anywhere below this unit."
    )
    name: str | None = strawberry.field(
        default=None, description="Name contains this, ignoring case and diacritics."
    )


@strawberry.enum(description="Orders for org units.")
class OrgUnitOrderField(Enum):
    CODE = strawberry.enum_value("code", description="By administrative code.")
    NAME = strawberry.enum_value("search_name", description="By name, ignoring diacritics.")


NAME_SEARCH_LENGTH = column_length(OrgUnitRow, "search_name")
"""Longest `filter.name`: the searched column's length."""

SORT_KEYS = {
    OrgUnitOrderField.CODE: SortKey("code"),
    OrgUnitOrderField.NAME: SortKey("search_name"),
}


@strawberry.input(description="How to order org units.")
class OrgUnitOrder:
    field: OrgUnitOrderField = strawberry.field(description="The sort key.")
    direction: SortDirection = strawberry.field(
        default=SortDirection.ASC, description="Ascending (default) or descending."
    )


@strawberry.input(description="Filters for host agencies.")
class HostAgencyFilter:
    blocs: list[AgencyBloc] | None = strawberry.field(default=None, description="Only these blocs.")
    org_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only agencies of this district."
    )


@strawberry.type
class OrgQueries:
    @strawberry.field(description="Org units (province, districts, communes), default by code.")
    async def org_units(
        self,
        info: Info,
        filter: Annotated[OrgUnitFilter | None, FILTER] = None,
        order_by: Annotated[OrgUnitOrder | None, ORDER_BY] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[OrgUnit]:
        await authorize(info, permissions.READ_CATALOGUE)
        given = filter or OrgUnitFilter()
        query = await directory.filter_org_units(
            directory.OrgUnitFilter(
                levels=enum_list_argument(given.levels, "filter.levels", CoreOrgLevel),
                parent_id=optional(
                    decode_argument_id, given.parent_id, "OrgUnit", "filter.parentId"
                ),
                within_id=optional(
                    decode_argument_id, given.within_id, "OrgUnit", "filter.withinId"
                ),
                name=text_argument(given.name, "filter.name", NAME_SEARCH_LENGTH),
            )
        )
        order = order_by or OrgUnitOrder(field=OrgUnitOrderField.CODE)
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SORT_KEYS[order.field],
            direction=order.direction,
            node_type=OrgUnit,
        )

    @strawberry.field(description="District host agencies, by code.")
    async def host_agencies(
        self,
        info: Info,
        filter: Annotated[HostAgencyFilter | None, FILTER] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[HostAgency]:
        await authorize(info, permissions.READ_DIRECTORY)
        given = filter or HostAgencyFilter()
        query = directory.filter_host_agencies(
            directory.HostAgencyFilter(
                blocs=enum_list_argument(given.blocs, "filter.blocs", CoreAgencyBloc),
                org_unit_id=optional(
                    decode_argument_id, given.org_unit_id, "OrgUnit", "filter.orgUnitId"
                ),
            )
        )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            key=SortKey("code"),
            direction=SortDirection.ASC,
            node_type=HostAgency,
        )
