"""A unit's establishment (biên chế) and who lacks the training for their post, through GraphQL:
seats, filled seats and trained holders per post, a district summing its communes."""

from __future__ import annotations

from core.models import Official, OrgUnit, Post, PostQuota
from core.models.enums import Role
from core.services.access import OPERATOR
from core.services.results import finalise
from tests import factories
from tests.factories import gid
from tests.helpers import count_queries, graphql_data
from tests.schema.assessment.test_results import completed_cohort

ESTABLISHMENT = """
query Establishment($id: ID!) {
  node(id: $id) {
    ... on OrgUnit {
      name
      establishment { post { code } quota filled vacant trained untrained }
    }
  }
}
"""
UNTRAINED = """
query Untrained($unit: ID!, $trained: Boolean!) {
  officials(filter: {orgUnitId: $unit, trainedForPost: $trained}) {
    totalCount edges { node { fullName } }
  }
}
"""
EVERY_COMMUNE = """
query Communes($district: ID!) {
  orgUnits(filter: {parentId: $district}) {
    edges { node { establishment { quota filled trained } } }
  }
}
"""


async def seats(client, unit: OrgUnit) -> dict[str, tuple[int, int, int, int, int]]:
    data = await graphql_data(client, ESTABLISHMENT, {"id": gid("OrgUnit", unit.id)})
    return {
        row["post"]["code"]: (
            row["quota"],
            row["filled"],
            row["vacant"],
            row["trained"],
            row["untrained"],
        )
        for row in data["node"]["establishment"]
    }


async def quota(unit: OrgUnit, post_code: str, seats: int) -> None:
    post = await Post.get(code=post_code)
    await PostQuota.create(post_id=post.id, org_unit_id=unit.id, quota=seats)


async def test_an_establishment_counts_seats_holders_and_who_is_trained_for_the_post(client, db):
    # given a finalised cohort of three Party secretaries of Xã Vĩnh Hảo, one of whom completed
    cohort, _ = await completed_cohort()
    await finalise(OPERATOR, cohort.id, {})
    district = await OrgUnit.get(id=cohort.org_unit_id)
    vinh_hao = await OrgUnit.get(parent_id=district.id, name="Xã Vĩnh Hảo")
    # and the communes' seats: four secretary seats there; a deputy's seat in Tân Thành, filled
    # by an official who never trained, and a vacant one in Vĩnh Hảo
    tan_thanh = await factories.commune("Xã Tân Thành", within=district)
    await quota(vinh_hao, "party_secretary", 4)
    await quota(vinh_hao, "deputy_party_secretary", 1)
    await quota(tan_thanh, "deputy_party_secretary", 1)
    await factories.official("Ma Văn Tường", "deputy_party_secretary", tan_thanh)

    # when the coordinator's reports are read
    commune = await seats(client, vinh_hao)
    whole = await seats(client, district)
    untrained = await graphql_data(
        client, UNTRAINED, {"unit": gid("OrgUnit", district.id), "trained": False}
    )
    trained = await graphql_data(
        client, UNTRAINED, {"unit": gid("OrgUnit", district.id), "trained": True}
    )

    # then the commune: 4 seats, 3 filled, 1 vacant, 1 trained; the deputy's seat vacant
    assert commune == {
        "party_secretary": (4, 3, 1, 1, 2),
        "deputy_party_secretary": (1, 0, 1, 0, 0),
    }
    # and the district sums its communes
    assert whole == {
        "party_secretary": (4, 3, 1, 1, 2),
        "deputy_party_secretary": (2, 1, 1, 0, 1),
    }
    # and the officials who lack the training for their post are listed, and the others
    assert untrained["officials"]["totalCount"] == 3
    assert "Ma Văn Tường" in {e["node"]["fullName"] for e in untrained["officials"]["edges"]}
    assert trained["officials"]["totalCount"] == 1


async def test_a_result_earned_in_another_post_does_not_train_for_the_new_one(client, db):
    # given the one who completed, moved from Party secretary to deputy secretary
    cohort, _ = await completed_cohort()
    await finalise(OPERATOR, cohort.id, {})
    district = await OrgUnit.get(id=cohort.org_unit_id)
    trained = await graphql_data(
        client, UNTRAINED, {"unit": gid("OrgUnit", district.id), "trained": True}
    )
    assert trained["officials"]["totalCount"] == 1
    name = trained["officials"]["edges"][0]["node"]["fullName"]
    deputy = await Post.get(code="deputy_party_secretary")
    await Official.filter(full_name=name).update(post_id=deputy.id)
    # when the reports are read again, then nobody is trained for the post they now hold
    again = await graphql_data(
        client, UNTRAINED, {"unit": gid("OrgUnit", district.id), "trained": True}
    )
    assert again["officials"]["totalCount"] == 0


async def test_the_establishment_of_every_commune_costs_the_same_for_2_or_20(client, db):
    async def district_of(communes: int) -> str:
        district = await factories.district()
        for index in range(communes):
            unit = await factories.commune(f"Xã {index}", within=district)
            await quota(unit, "party_secretary", 1)
            await factories.official(f"Bí thư {index}", "party_secretary", unit)
        return gid("OrgUnit", district.id)

    small, large = await district_of(2), await district_of(20)
    with count_queries() as two:
        await graphql_data(client, EVERY_COMMUNE, {"district": small})
    with count_queries() as twenty:
        data = await graphql_data(client, EVERY_COMMUNE, {"district": large})

    rows = [edge["node"]["establishment"] for edge in data["orgUnits"]["edges"]]
    assert rows == [[{"quota": 1, "filled": 1, "trained": 0}]] * 20
    assert twenty.count == two.count


async def test_the_establishment_is_for_staff_who_read_officials(anonymous, db):
    unit = await factories.commune()
    body = await anonymous.post(
        "/graphql",
        json={"query": ESTABLISHMENT, "variables": {"id": gid("OrgUnit", unit.id)}},
    )
    errors = body.json()["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert errors[0]["path"] == ["node", "establishment"]


SET_QUOTA = """
mutation Set($input: SetPostQuotaInput!) {
  setPostQuota(input: $input) {
    seats { post { code } quota filled vacant trained untrained }
    errors { field code message }
  }
}
"""


async def set_quota(client, unit: OrgUnit | str, post: Post | str, quota: int) -> dict:
    unit_id = unit if isinstance(unit, str) else gid("OrgUnit", unit.id)
    post_id = post if isinstance(post, str) else gid("Post", post.id)
    data = await graphql_data(
        client, SET_QUOTA, {"input": {"orgUnitId": unit_id, "postId": post_id, "quota": quota}}
    )
    payload: dict = data["setPostQuota"]
    return payload


async def test_a_coordinator_sets_and_removes_a_posts_seats(sign_in_as, db):
    # given a commune with one justice officer, and its district's coordinator
    commune = await factories.commune("Xã Vĩnh Hảo")
    district = await OrgUnit.get(id=commune.parent_id)
    justice = await Post.get(code="justice_civil_status")
    await factories.official("Lò Thị Mai", "justice_civil_status", commune)
    coordinator = await sign_in_as("dieu.phoi", (Role.COORDINATOR, district))
    # when the coordinator gives the post two seats, then changes it to one, then removes it
    two = await set_quota(coordinator, commune, justice, 2)
    one = await set_quota(coordinator, commune, justice, 1)
    after_one = await seats(coordinator, commune)
    removed = await set_quota(coordinator, commune, justice, 0)
    # then each answer shows the post's seats and who fills them
    assert two == {
        "seats": {
            "post": {"code": "justice_civil_status"},
            "quota": 2,
            "filled": 1,
            "vacant": 1,
            "trained": 0,
            "untrained": 1,
        },
        "errors": [],
    }
    assert one["seats"]["quota"] == 1
    assert after_one == {"justice_civil_status": (1, 1, 0, 0, 1)}
    # and with no seat left, the official holding the post still shows, over a quota of 0
    assert removed["seats"] == {
        "post": {"code": "justice_civil_status"},
        "quota": 0,
        "filled": 1,
        "vacant": 0,
        "trained": 0,
        "untrained": 1,
    }
    assert not await PostQuota.exists(org_unit_id=commune.id, post_id=justice.id)


async def test_every_bad_quota_input_is_reported_at_once_and_nothing_is_written(client, db):
    commune = await factories.commune()
    district = await OrgUnit.get(id=commune.parent_id)
    justice = await Post.get(code="justice_civil_status")

    too_many = await set_quota(client, district, "UG9zdDo5OTk5OQ==", 21)
    negative = await set_quota(client, "not-an-id", justice, -1)

    assert too_many["seats"] is None
    assert {(e["field"], e["code"]) for e in too_many["errors"]} == {
        ("quota", "INVALID"),
        ("orgUnitId", "INVALID"),  # a district has no seats of its own
        ("postId", "NOT_FOUND"),
    }
    assert {(e["field"], e["code"]) for e in negative["errors"]} == {
        ("quota", "INVALID"),
        ("orgUnitId", "INVALID_ID"),
    }
    assert await PostQuota.all().count() == 0


async def test_a_coordinator_of_another_district_may_not_set_its_seats(sign_in_as, db):
    commune = await factories.commune()
    elsewhere = await factories.district("Huyện Vị Xuyên")
    justice = await Post.get(code="justice_civil_status")
    coordinator = await sign_in_as("dieu.phoi.khac", (Role.COORDINATOR, elsewhere))
    viewer = await sign_in_as("lanh.dao", (Role.VIEWER, commune))

    for http in (coordinator, viewer):
        body = await http.post(
            "/graphql",
            json={
                "query": SET_QUOTA,
                "variables": {
                    "input": {
                        "orgUnitId": gid("OrgUnit", commune.id),
                        "postId": gid("Post", justice.id),
                        "quota": 1,
                    }
                },
            },
        )
        assert body.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await PostQuota.all().count() == 0
