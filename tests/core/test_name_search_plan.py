"""The officials' name search takes the faster plan for rare and common names (PostgreSQL).

The SQL checked is the one a page runs: the service's base query and plan choice
(``directory.filter_officials``, ``directory.officials_sort_by_index``) shaped into a page by
``schema.pagination.page_query``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.models import Official, OrgUnit, Post
from core.models.enums import Gender
from core.services import directory
from core.services.access import OPERATOR
from core.services.records import new_official
from schema.pagination import Ordering, SortDirection, SortKey, page_query
from tests import factories

pytestmark = pytest.mark.postgres_only

BY_NAME = Ordering("officials", SortKey("search_name"), SortDirection.ASC)
OFFICIALS = 12_000


async def many_officials() -> None:
    """Half "Nguyễn …" (a common name), 5% "Nguyễn Văn …" after every other name in name
    order (a middling one that the sort walk reaches last), and five "Sùng Khuyến" (a rare one).
    """
    unit: OrgUnit = await factories.commune()
    post = await Post.get(code="party_secretary")
    names = []
    for n in range(OFFICIALS):
        if n < 5:
            names.append(f"Sùng Thị Khuyến {n}")
        elif n % 20 == 0:
            names.append(f"Nguyễn Văn Tú {n}")
        elif n % 2 == 0:
            names.append(f"Nguyễn Thị Hoa {n}")
        else:
            names.append(f"Bùi Đức An {n}")
    await Official.bulk_create(
        [
            new_official(full_name=name, gender=Gender.MALE, org_unit_id=unit.id, post_id=post.id)
            for name in names
        ],
        batch_size=2000,
    )
    await Official._meta.db.execute_script('ANALYZE "official"')


async def plan_of_first_page(name: str) -> tuple[bool, str]:
    """Whether the service walks the sort index for ``name``, and the page's plan as text."""
    criteria = directory.OfficialFilter(name=name)
    walk = await directory.officials_sort_by_index(criteria)
    query = page_query(
        await directory.filter_officials(OPERATOR, criteria), BY_NAME, None, 50, sort_by_index=walk
    )
    [row] = await query.explain("json", costs=True)
    plan: Any = row["QUERY PLAN"]
    return walk, json.dumps(json.loads(plan) if isinstance(plan, str) else plan)


async def test_a_common_name_walks_the_name_index(db):
    await many_officials()

    walk, plan = await plan_of_first_page("nguyen")

    assert walk is True
    assert '"Index Name": "idx_official_search' in plan
    assert "official_search_name_trgm" not in plan


async def test_a_rare_name_uses_the_trigram_index(db):
    await many_officials()

    walk, plan = await plan_of_first_page("sung thi khuyen")

    assert walk is False
    assert '"Index Name": "official_search_name_trgm"' in plan
    assert "idx_official_search" not in plan


async def test_a_middling_name_collects_its_matches_instead_of_walking(db):
    # given "nguyen van": 5% of officials, all after the others in name order, which the
    # planner alone would find by walking the name index through the other 95%
    await many_officials()
    # when
    walk, plan = await plan_of_first_page("Nguyễn Văn")
    # then the matches are collected (trigram index, or a scan on a table this small) and sorted
    assert walk is False
    assert "idx_official_search" not in plan
    assert '"Node Type": "Sort"' in plan


async def test_both_plans_return_the_same_page(db):
    # given a middling name, read both ways
    await many_officials()
    base = await directory.filter_officials(OPERATOR, directory.OfficialFilter(name="nguyen van"))
    # when
    walked = await page_query(base, BY_NAME, None, 50, sort_by_index=True)
    sorted_ = await page_query(base, BY_NAME, None, 50, sort_by_index=False)
    after = (walked[-2].search_name, walked[-2].id)
    walked_next = await page_query(base, BY_NAME, after, 50, sort_by_index=True)
    sorted_next = await page_query(base, BY_NAME, after, 50, sort_by_index=False)
    # then
    assert [row.id for row in walked] == [row.id for row in sorted_]
    assert [row.id for row in walked_next] == [row.id for row in sorted_next]
    assert len(walked) == 51


@pytest.mark.parametrize("direction", [SortDirection.ASC, SortDirection.DESC])
async def test_a_page_after_a_cursor_is_a_range_of_the_name_index(db, direction):
    # given many officials and the position of one in the middle
    await many_officials()
    middle = await Official.all().order_by("search_name", "id").offset(OFFICIALS // 2).first()
    assert middle is not None
    order = Ordering("officials", SortKey("search_name"), direction)
    # when the next page is planned
    query = page_query(Official.all(), order, (middle.search_name, middle.id), 50)
    [row] = await query.explain("json", costs=True)
    plan: Any = row["QUERY PLAN"]
    text = json.dumps(json.loads(plan) if isinstance(plan, str) else plan)
    # then the index bounds the scan at the cursor instead of reading the rows before it
    operator = ">=" if direction == SortDirection.ASC else "<="
    assert '"Index Name": "idx_official_search' in text
    assert f'"Index Cond": "((search_name)::text {operator}' in text
