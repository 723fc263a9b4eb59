"""officials: filters (subtree, posts, statuses, accent-insensitive name), order, pages, limits."""

from __future__ import annotations

import base64
import json
import unicodedata

import pytest

from core.models import OrgUnit, Post
from core.models.enums import CohortStatus, OfficialStatus, OrgLevel, Role
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official, register_topics, withdraw_enrollment
from core.services.records import create_org_unit
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql, graphql_data

OFFICIALS = """
query Officials($filter: OfficialFilter, $orderBy: OfficialOrder, $first: Int, $after: String) {
  officials(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id fullName status orgUnit { name } post { code } } }
  }
}
"""

OFFICIALS_WITH_RECORDS = """
query OfficialsWithRecords {
  officials(first: 50) {
    totalCount
    edges {
      node {
        fullName
        orgUnit { name parent { name } }
        post { title }
        enrollments(first: 5) {
          totalCount
          edges { node { cohort { name } topics { title } } }
        }
      }
    }
  }
}
"""


async def officials(client, **variables) -> dict:
    data = await graphql_data(client, OFFICIALS, variables)
    return data["officials"]


def names(connection: dict) -> list[str]:
    return [edge["node"]["fullName"] for edge in connection["edges"]]


def cursor(payload: list) -> str:
    """A cursor as the server builds it, for forging malformed ones."""
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


async def districts() -> dict[str, OrgUnit]:
    """Hà Giang with two districts: Bắc Quang (two communes) and Quang Bình (one commune)."""
    province = await create_org_unit("02", "Tỉnh Hà Giang", OrgLevel.PROVINCE)
    bac_quang = await create_org_unit("034", "Huyện Bắc Quang", OrgLevel.DISTRICT, province)
    quang_binh = await create_org_unit("035", "Huyện Quang Bình", OrgLevel.DISTRICT, province)
    return {
        "province": province,
        "bac_quang": bac_quang,
        "quang_binh": quang_binh,
        "vinh_hao": await create_org_unit("01192", "Xã Vĩnh Hảo", OrgLevel.COMMUNE, bac_quang),
        "viet_quang": await create_org_unit(
            "01195", "Thị trấn Việt Quang", OrgLevel.TOWNSHIP, bac_quang
        ),
        "yen_ha": await create_org_unit("01246", "Xã Yên Hà", OrgLevel.COMMUNE, quang_binh),
    }


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("bac_quang", ["Đặng Đức Thắng", "Nguyễn Văn An"]),
        ("quang_binh", ["Trần Thị Hoa"]),
        ("vinh_hao", ["Nguyễn Văn An"]),
        ("province", ["Đặng Đức Thắng", "Nguyễn Văn An", "Trần Thị Hoa"]),
    ],
)
async def test_filters_by_org_unit_including_the_units_below_it(client, unit, expected):
    # given
    places = await districts()
    await factories.official("Nguyễn Văn An", org_unit=places["vinh_hao"])
    await factories.official("Đặng Đức Thắng", org_unit=places["viet_quang"])
    await factories.official("Trần Thị Hoa", org_unit=places["yen_ha"])
    # when
    result = await officials(client, filter={"orgUnitId": gid("OrgUnit", places[unit].id)})
    # then
    assert names(result) == expected
    assert result["totalCount"] == len(expected)


async def test_an_unknown_org_unit_filters_to_nothing(client):
    await factories.official("Nguyễn Văn An")

    result = await officials(client, filter={"orgUnitId": gid("OrgUnit", 999999)})

    assert (names(result), result["totalCount"]) == ([], 0)


async def test_filters_by_posts(client):
    await factories.official("Nguyễn Văn An", post_code="party_secretary")
    await factories.official("Đặng Đức Thắng", post_code="police_chief")
    await factories.official("Trần Thị Hoa", post_code="peoples_committee_chair")
    police = await Post.get(code="police_chief")
    chair = await Post.get(code="peoples_committee_chair")

    result = await officials(
        client, filter={"postIds": [gid("Post", police.id), gid("Post", chair.id)]}
    )

    assert [(e["node"]["fullName"], e["node"]["post"]["code"]) for e in result["edges"]] == [
        ("Đặng Đức Thắng", "police_chief"),
        ("Trần Thị Hoa", "peoples_committee_chair"),
    ]


async def test_filters_by_statuses(client):
    await factories.official("Nguyễn Văn An", status=OfficialStatus.ACTIVE)
    await factories.official("Đặng Đức Thắng", status=OfficialStatus.ON_LEAVE)
    await factories.official("Trần Thị Hoa", status=OfficialStatus.LEFT)

    result = await officials(client, filter={"statuses": ["ON_LEAVE", "LEFT"]})

    assert [(e["node"]["fullName"], e["node"]["status"]) for e in result["edges"]] == [
        ("Đặng Đức Thắng", "ON_LEAVE"),
        ("Trần Thị Hoa", "LEFT"),
    ]


async def test_filters_combine(client):
    await factories.official("Nguyễn Văn An", status=OfficialStatus.ACTIVE)
    await factories.official("Nguyễn Văn Bình", status=OfficialStatus.LEFT)
    await factories.official("Trần Thị Hoa", status=OfficialStatus.ACTIVE)

    result = await officials(client, filter={"name": "nguyen", "statuses": ["ACTIVE"]})

    assert names(result) == ["Nguyễn Văn An"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("nguyen van", ["Nguyễn Văn An"]),
        ("NGUYỄN VĂN", ["Nguyễn Văn An"]),
        ("Nguyen  Van", ["Nguyễn Văn An"]),
        (unicodedata.normalize("NFD", "Nguyễn Văn"), ["Nguyễn Văn An"]),
        ("đức", ["Đặng Đức Thắng"]),
        ("duc", ["Đặng Đức Thắng"]),
        ("ĐỨC", ["Đặng Đức Thắng"]),
        ("dang duc thang", ["Đặng Đức Thắng"]),
        ("thi", ["Nguyễn Thị Dung", "Trần Thị Hoa"]),
        ("hoang", []),
    ],
)
async def test_name_search_ignores_case_and_diacritics(client, search, expected):
    # given
    for name in ("Nguyễn Văn An", "Đặng Đức Thắng", "Trần Thị Hoa", "Nguyễn Thị Dung"):
        await factories.official(name)
    # when
    result = await officials(client, filter={"name": search})
    # then
    assert names(result) == expected
    assert result["totalCount"] == len(expected)


async def test_names_come_back_in_nfc_with_their_diacritics(client):
    # given: a name typed in decomposed form (NFD), as some keyboards send it
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    unit = await create_org_unit(
        "01192", unicodedata.normalize("NFD", "Xã Vĩnh Hảo"), OrgLevel.COMMUNE
    )
    await factories.official(decomposed, org_unit=unit)
    # when
    result = await officials(client, filter={"name": "anh"})
    # then
    node = result["edges"][0]["node"]
    assert node["fullName"] == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", node["fullName"])
    assert node["orgUnit"]["name"] == "Xã Vĩnh Hảo"
    assert unicodedata.is_normalized("NFC", node["orgUnit"]["name"])


# --------------------------------------------------------------------------------------------
# Order
# --------------------------------------------------------------------------------------------

CREATION_ORDER = ["Trần Thị Hoa", "Đặng Đức Thắng", "Nguyễn Văn An", "Bùi Văn Tú"]


@pytest.mark.parametrize(
    ("order_by", "expected"),
    [
        # "Đặng" sorts as "dang": before "Nguyễn" although "Đ" follows "Z" in code-point order
        (None, ["Bùi Văn Tú", "Đặng Đức Thắng", "Nguyễn Văn An", "Trần Thị Hoa"]),
        (
            {"field": "NAME"},
            ["Bùi Văn Tú", "Đặng Đức Thắng", "Nguyễn Văn An", "Trần Thị Hoa"],
        ),
        (
            {"field": "NAME", "direction": "DESC"},
            ["Trần Thị Hoa", "Nguyễn Văn An", "Đặng Đức Thắng", "Bùi Văn Tú"],
        ),
        ({"field": "CREATED"}, CREATION_ORDER),
        ({"field": "CREATED", "direction": "DESC"}, list(reversed(CREATION_ORDER))),
    ],
)
async def test_orders_officials(client, order_by, expected):
    for name in CREATION_ORDER:
        await factories.official(name)

    result = await officials(client, orderBy=order_by)

    assert names(result) == expected


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------

PAGED_NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Hoa",
    "Nguyễn Văn An",
    "Đặng Đức Thắng",
    "Nguyễn Văn An",
    "Bùi Văn Tú",
    "Lò Văn Pể",
]


@pytest.mark.parametrize(
    "order_by",
    [
        {"field": "NAME", "direction": "ASC"},
        {"field": "NAME", "direction": "DESC"},
        {"field": "CREATED", "direction": "ASC"},
        {"field": "CREATED", "direction": "DESC"},
    ],
)
@pytest.mark.parametrize("page_size", [1, 2, 3])
async def test_pages_walk_every_row_once(client, order_by, page_size):
    # given: seven officials, three of them with the same name
    for name in PAGED_NAMES:
        await factories.official(name)
    whole = await officials(client, orderBy=order_by, first=50)
    expected_ids = [edge["node"]["id"] for edge in whole["edges"]]
    # when
    seen: list[str] = []
    pages = []
    after = None
    while True:
        page = await officials(client, orderBy=order_by, first=page_size, after=after)
        pages.append(page)
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    # then
    assert len(expected_ids) == len(PAGED_NAMES)
    assert seen == expected_ids
    assert len(pages) == -(-len(PAGED_NAMES) // page_size)
    assert all(page["totalCount"] == len(PAGED_NAMES) for page in pages)
    assert [page["pageInfo"]["hasPreviousPage"] for page in pages] == [False] + [True] * (
        len(pages) - 1
    )


async def test_last_page_has_no_next_page_and_empty_list_has_no_cursors(client):
    for name in ("Nguyễn Văn An", "Trần Thị Hoa"):
        await factories.official(name)

    exact = await officials(client, first=2)
    empty = await officials(client, filter={"name": "không có ai"})

    assert exact["pageInfo"]["hasNextPage"] is False
    assert exact["pageInfo"]["endCursor"] == exact["edges"][-1]["cursor"]
    assert empty["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": None,
        "endCursor": None,
    }
    assert empty["totalCount"] == 0


async def test_total_count_counts_every_match_not_the_page(client):
    for name in ("Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Thị Dung", "Trần Thị Hoa"):
        await factories.official(name)

    result = await officials(client, filter={"name": "nguyen"}, first=2)

    assert len(result["edges"]) == 2
    assert result["totalCount"] == 3
    assert result["pageInfo"]["hasNextPage"] is True


async def test_first_up_to_the_maximum_page_size_is_accepted(client):
    await factories.official()

    result = await officials(client, first=50)

    assert result["totalCount"] == 1


async def test_without_first_a_page_holds_the_maximum_page_size(client):
    unit = await factories.commune()
    for n in range(51):
        await factories.official(f"Nguyễn Văn {n:02d}", org_unit=unit)

    result = await officials(client)

    assert len(result["edges"]) == 50
    assert result["pageInfo"]["hasNextPage"] is True
    assert result["totalCount"] == 51


# --------------------------------------------------------------------------------------------
# Bad arguments: top-level BAD_USER_INPUT naming the argument
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"first": 51}, "first"),
        ({"first": 1000}, "first"),
        ({"first": -1}, "first"),
        ({"after": "zzz"}, "after"),
        ({"after": "bm90IGpzb24="}, "after"),  # base64 of "not json"
        ({"after": cursor(["nguyen van an", "1"])}, "after"),  # pk not an integer
        ({"after": cursor(["officials:search_name:asc", "nguyen van an", True])}, "after"),
        ({"after": cursor(["officials:search_name:asc", 7, 1])}, "after"),  # not a name
        # a cursor of the CREATED order (an integer key) used with the NAME order
        ({"after": cursor([1, 1]), "orderBy": {"field": "NAME"}}, "after"),
        ({"filter": {"orgUnitId": "not-an-id"}}, "filter.orgUnitId"),
        ({"filter": {"orgUnitId": gid("Official", 1)}}, "filter.orgUnitId"),
        ({"filter": {"postIds": [gid("Post", 1), "???"]}}, "filter.postIds"),
        ({"filter": {"postIds": [gid("Track", 1)]}}, "filter.postIds"),
    ],
)
async def test_bad_arguments_are_top_level_user_input_errors(client, variables, argument):
    # given
    await factories.official()
    # when
    body = await graphql(client, OFFICIALS, variables)
    # then
    assert body["data"] is None
    [error] = body["errors"]
    assert error["path"] == ["officials"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == argument


# --------------------------------------------------------------------------------------------
# Query count: follows the request's shape, not the number of rows
# --------------------------------------------------------------------------------------------


async def officials_with_records(count: int) -> None:
    """``count`` officials, each in a commune of their own, enrolled with two topics."""
    cohorts = [
        await factories.cohort(name="Khóa 1", capacity=50, status=CohortStatus.OPEN),
        await factories.cohort(name="Khóa 2", capacity=50, status=CohortStatus.OPEN),
    ]
    topics = await factories.topics("party_committee")
    for n in range(count):
        row = await factories.official(f"Nguyễn Văn {n:02d}", post_code="party_secretary")
        enrollment = await enroll_official(OPERATOR, row.id, cohorts[n % 2].id)
        await register_topics(OPERATOR, enrollment.id, (topics[n % 5].id, topics[(n + 1) % 5].id))


async def statements_for_listing(client) -> tuple[int, dict]:
    with count_queries() as log:
        data = await graphql_data(client, OFFICIALS_WITH_RECORDS)
    return log.count, data


async def test_query_count_does_not_grow_with_the_rows(client):
    # given
    await officials_with_records(3)
    few, few_data = await statements_for_listing(client)
    await officials_with_records(12)
    # when
    many, many_data = await statements_for_listing(client)
    # then
    assert few_data["officials"]["totalCount"] == 3
    assert many_data["officials"]["totalCount"] == 15
    node = many_data["officials"]["edges"][0]["node"]
    assert node["orgUnit"]["parent"]["name"] == "Huyện Bắc Quang"
    assert node["post"]["title"] == "Bí thư Đảng ủy"
    assert [len(e["node"]["topics"]) for e in node["enrollments"]["edges"]] == [2]
    assert node["enrollments"]["totalCount"] == 1
    assert few > 0
    assert many == few


# --------------------------------------------------------------------------------------------
# filter.eligibleForCohortId: who may still be enrolled in a cohort
# --------------------------------------------------------------------------------------------


async def test_eligible_for_a_cohort_are_active_holders_of_its_posts_not_enrolled_in_it(client):
    # given an open party committee cohort and officials of every kind
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    unit = await factories.commune()
    await factories.official("An", "party_secretary", unit)
    await factories.official("Bình", "deputy_party_secretary", unit)
    await factories.official("Chi", "peoples_committee_chair", unit)  # another track's post
    await factories.official("Dũng", "party_secretary", unit, OfficialStatus.ON_LEAVE)
    enrolled = await factories.official("Giang", "party_secretary", unit)
    withdrawn = await factories.official("Hà", "party_secretary", unit)
    await enroll_official(OPERATOR, enrolled.id, cohort.id)
    await withdraw_enrollment(
        OPERATOR, (await enroll_official(OPERATOR, withdrawn.id, cohort.id)).id, "Ốm"
    )
    # when
    result = await officials(client, filter={"eligibleForCohortId": gid("Cohort", cohort.id)})
    # then the withdrawn one may enroll again; the enrolled, the inactive and the others may not
    assert names(result) == ["An", "Bình", "Hà"]
    assert result["totalCount"] == 3


async def test_eligibility_combines_with_the_other_filters_and_the_viewers_scope(sign_in_as):
    # given a cohort run by a district, with eligible officials in two of its communes
    tree = await districts()
    cohort = await factories.cohort(
        "party_committee", CohortStatus.OPEN, org_unit=tree["bac_quang"]
    )
    await factories.official("Nguyễn Văn An", "party_secretary", tree["vinh_hao"])
    await factories.official("Nguyễn Văn Bình", "party_secretary", tree["viet_quang"])
    await factories.official("Trần Thị Chi", "party_secretary", tree["vinh_hao"])
    filter = {"eligibleForCohortId": gid("Cohort", cohort.id)}
    district_coordinator = await sign_in_as("dieu.phoi.bq", (Role.COORDINATOR, tree["bac_quang"]))
    commune_coordinator = await sign_in_as("dieu.phoi.vh", (Role.COORDINATOR, tree["vinh_hao"]))
    # when the district's coordinator asks, alone and with a name
    everyone = await officials(district_coordinator, filter=filter)
    named = await officials(district_coordinator, filter={**filter, "name": "nguyen van"})
    # then
    assert names(everyone) == ["Nguyễn Văn An", "Nguyễn Văn Bình", "Trần Thị Chi"]
    assert names(named) == ["Nguyễn Văn An", "Nguyễn Văn Bình"]
    # and a commune's coordinator, who may not read a cohort none of their officials is in, is
    # told so as for an unknown cohort
    body = await graphql(commune_coordinator, OFFICIALS, {"filter": filter})
    assert body["errors"][0]["extensions"]["argument"] == "filter.eligibleForCohortId"


async def test_a_commune_viewer_sees_only_the_eligible_officials_of_their_scope(sign_in_as):
    # given a cohort with one official of Vĩnh Hảo enrolled (so its viewer may read it)
    tree = await districts()
    cohort = await factories.cohort(
        "party_committee", CohortStatus.OPEN, org_unit=tree["bac_quang"]
    )
    inside = await factories.official("Nguyễn Văn An", "party_secretary", tree["vinh_hao"])
    await factories.official("Nguyễn Văn Bình", "party_secretary", tree["vinh_hao"])
    await factories.official("Trần Thị Chi", "party_secretary", tree["viet_quang"])
    await enroll_official(OPERATOR, inside.id, cohort.id)
    viewer = await sign_in_as("lanh.dao.vh", (Role.VIEWER, tree["vinh_hao"]))
    # when
    result = await officials(viewer, filter={"eligibleForCohortId": gid("Cohort", cohort.id)})
    # then only Vĩnh Hảo's officials, and not the enrolled one
    assert names(result) == ["Nguyễn Văn Bình"]


@pytest.mark.parametrize(
    "cohort_id",
    ["not-an-id", gid("Official", 1), gid("Cohort", 999999)],
    ids=["malformed", "other-type", "unknown"],
)
async def test_a_bad_cohort_is_an_argument_error(client, cohort_id):
    await factories.official()

    body = await graphql(client, OFFICIALS, {"filter": {"eligibleForCohortId": cohort_id}})

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "filter.eligibleForCohortId",
    }
    assert error["message"].endswith(".")


async def test_eligibility_takes_a_fixed_number_of_statements(client):
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN, capacity=50)
    filter = {"eligibleForCohortId": gid("Cohort", cohort.id)}

    async def statements() -> int:
        with count_queries() as log:
            await officials(client, filter=filter)
        return log.count

    for n in range(3):
        await factories.official(f"Nguyễn Văn {n:02d}")
    few = await statements()
    for n in range(3, 15):
        row = await factories.official(f"Nguyễn Văn {n:02d}")
        if n % 3 == 0:
            await enroll_official(OPERATOR, row.id, cohort.id)

    assert await statements() == few
