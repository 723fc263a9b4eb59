"""A unit's establishment (biên chế) and who lacks the training for their post, through GraphQL:
seats, filled seats and trained holders per post, a district summing its communes."""

from __future__ import annotations

from core.models import Official, OrgUnit, Post, PostQuota
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
