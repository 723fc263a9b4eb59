"""orgUnits and hostAgencies: levels, parent, subtree, accent-insensitive name, order, pages."""

from __future__ import annotations

import pytest

from core.models import HostAgency, OrgUnit
from core.models.enums import AgencyBloc, OrgLevel
from core.services.records import create_org_unit
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data

ORG_UNITS = """
query OrgUnits($filter: OrgUnitFilter, $orderBy: OrgUnitOrder, $first: Int, $after: String) {
  orgUnits(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id code name level parent { code } children { code } } }
  }
}
"""

HOST_AGENCIES = """
query HostAgencies($filter: HostAgencyFilter, $first: Int, $after: String) {
  hostAgencies(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { node { id code name bloc orgUnit { code name } } }
  }
}
"""


async def org_units(client, **variables) -> dict:
    data = await graphql_data(client, ORG_UNITS, variables)
    return data["orgUnits"]


def codes(connection: dict) -> list[str]:
    return [edge["node"]["code"] for edge in connection["edges"]]


async def ha_giang() -> dict[str, OrgUnit]:
    """Hà Giang: Bắc Quang (a commune and a township) and Quang Bình (one commune)."""
    province = await create_org_unit("02", "Tỉnh Hà Giang", OrgLevel.PROVINCE)
    bac_quang = await create_org_unit("034", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)
    quang_binh = await create_org_unit("035", "Huyện Quang Bình", OrgLevel.DISTRICT, province)
    return {
        "02": province,
        "034": bac_quang,
        "035": quang_binh,
        "01192": await create_org_unit("01192", "Xã Vĩnh Hảo", OrgLevel.COMMUNE, bac_quang),
        "01195": await create_org_unit(
            "01195", "Thị trấn Việt Quang", OrgLevel.TOWNSHIP, bac_quang
        ),
        "01246": await create_org_unit("01246", "Xã Yên Hà", OrgLevel.COMMUNE, quang_binh),
    }


async def test_lists_every_unit_by_code_with_parent_and_children(client):
    # given
    await ha_giang()
    # when
    result = await org_units(client)
    # then
    assert [
        (
            n["code"],
            n["level"],
            n["parent"] and n["parent"]["code"],
            [c["code"] for c in n["children"]],
        )
        for n in (edge["node"] for edge in result["edges"])
    ] == [
        ("01192", "COMMUNE", "034", []),
        ("01195", "TOWNSHIP", "034", []),
        ("01246", "COMMUNE", "035", []),
        ("02", "PROVINCE", None, ["034", "035"]),
        ("034", "DISTRICT", "02", ["01192", "01195"]),
        ("035", "DISTRICT", "02", ["01246"]),
    ]
    assert result["totalCount"] == 6


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"levels": ["DISTRICT"]}, ["034", "035"]),
        ({"levels": ["COMMUNE", "TOWNSHIP"]}, ["01192", "01195", "01246"]),
        ({"parentId": "02"}, ["034", "035"]),
        ({"parentId": "034"}, ["01192", "01195"]),
        ({"withinId": "02"}, ["01192", "01195", "01246", "034", "035"]),
        ({"withinId": "034"}, ["01192", "01195"]),
        ({"withinId": "02", "levels": ["COMMUNE"]}, ["01192", "01246"]),
        ({"name": "viet quang"}, ["01195"]),
        ({"name": "QUANG"}, ["01195", "034", "035"]),
        ({"name": "hảo"}, ["01192"]),
        ({"name": "hao"}, ["01192"]),
    ],
)
async def test_filters_org_units(client, filter, expected):
    # given
    units = await ha_giang()
    for key in ("parentId", "withinId"):
        if key in filter:
            filter = {**filter, key: gid("OrgUnit", units[filter[key]].id)}
    # when
    result = await org_units(client, filter=filter)
    # then
    assert codes(result) == expected
    assert result["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        # by name ignoring diacritics: "Huyện" < "Thị" < "Tỉnh" < "Xã Vĩnh" < "Xã Yên"
        ("ASC", ["034", "035", "01195", "02", "01192", "01246"]),
        ("DESC", ["01246", "01192", "02", "01195", "035", "034"]),
    ],
)
async def test_orders_by_name(client, direction, expected):
    await ha_giang()

    result = await org_units(client, orderBy={"field": "NAME", "direction": direction})

    assert codes(result) == expected


async def test_orders_by_code_descending(client):
    await ha_giang()

    result = await org_units(client, orderBy={"field": "CODE", "direction": "DESC"})

    assert codes(result) == ["035", "034", "02", "01246", "01195", "01192"]


@pytest.mark.parametrize("field", ["CODE", "NAME"])
async def test_pages_walk_every_unit_once(client, field):
    # given: two communes with the same name in different districts
    units = await ha_giang()
    await create_org_unit("01249", "Xã Yên Hà", OrgLevel.COMMUNE, units["034"])
    whole = codes(await org_units(client, orderBy={"field": field}))
    # when
    seen: list[str] = []
    after = None
    while True:
        page = await org_units(client, orderBy={"field": field}, first=2, after=after)
        seen += codes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    assert len(whole) == 7
    assert seen == whole


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"filter": {"parentId": "nope"}}, "filter.parentId"),
        ({"filter": {"withinId": gid("Official", 1)}}, "filter.withinId"),
        ({"first": 51}, "first"),
        ({"after": "%%%"}, "after"),
    ],
)
async def test_bad_arguments_are_user_input_errors(client, variables, argument):
    body = await graphql(client, ORG_UNITS, variables)

    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == argument


async def test_query_count_does_not_grow_with_the_units(client):
    # given
    await ha_giang()
    with count_queries() as few:
        few_data = await org_units(client)
    for n in range(10):
        province = await create_org_unit(f"9{n}", f"Tỉnh {n}", OrgLevel.PROVINCE)
        await create_org_unit(f"9{n}1", f"Huyện {n}", OrgLevel.DISTRICT, province)
    # when
    with count_queries() as many:
        many_data = await org_units(client)
    # then
    assert (few_data["totalCount"], many_data["totalCount"]) == (6, 26)
    assert few.count > 0
    assert many.count == few.count


# --------------------------------------------------------------------------------------------
# hostAgencies
# --------------------------------------------------------------------------------------------


async def host_agencies() -> dict[str, OrgUnit]:
    units = await ha_giang()
    for code, name, bloc, district in [
        ("BQ-BTG", "Ban Tuyên giáo Huyện ủy Bắc Quang", AgencyBloc.PARTY, "034"),
        ("BQ-MTTQ", "Ủy ban MTTQ Việt Nam huyện Bắc Quang", AgencyBloc.MASS_ORGANISATION, "034"),
        ("BQ-TP", "Phòng Tư pháp huyện Bắc Quang", AgencyBloc.STATE_MANAGEMENT, "034"),
        ("QB-BTC", "Ban Tổ chức Huyện ủy Quang Bình", AgencyBloc.PARTY, "035"),
    ]:
        await HostAgency.create(code=code, name=name, bloc=bloc, org_unit=units[district])
    return units


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        (None, ["BQ-BTG", "BQ-MTTQ", "BQ-TP", "QB-BTC"]),
        ({"blocs": ["PARTY"]}, ["BQ-BTG", "QB-BTC"]),
        ({"blocs": ["MASS_ORGANISATION", "STATE_MANAGEMENT"]}, ["BQ-MTTQ", "BQ-TP"]),
        ({"orgUnitId": "035"}, ["QB-BTC"]),
        ({"orgUnitId": "034", "blocs": ["PARTY"]}, ["BQ-BTG"]),
    ],
)
async def test_filters_host_agencies(client, filter, expected):
    # given
    units = await host_agencies()
    if filter and "orgUnitId" in filter:
        filter = {**filter, "orgUnitId": gid("OrgUnit", units[filter["orgUnitId"]].id)}
    # when
    data = await graphql_data(client, HOST_AGENCIES, {"filter": filter})
    # then
    result = data["hostAgencies"]
    assert [edge["node"]["code"] for edge in result["edges"]] == expected
    assert result["totalCount"] == len(expected)


async def test_host_agency_names_its_district(client):
    await host_agencies()

    data = await graphql_data(client, HOST_AGENCIES, {"filter": {"blocs": ["STATE_MANAGEMENT"]}})

    [edge] = data["hostAgencies"]["edges"]
    assert edge["node"]["name"] == "Phòng Tư pháp huyện Bắc Quang"
    assert edge["node"]["bloc"] == "STATE_MANAGEMENT"
    assert edge["node"]["orgUnit"] == {"code": "034", "name": "Huyện Bắc Quang"}


async def test_host_agencies_refuse_a_malformed_org_unit_id(client):
    body = await graphql(client, HOST_AGENCIES, {"filter": {"orgUnitId": "034"}})

    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter.orgUnitId"}
