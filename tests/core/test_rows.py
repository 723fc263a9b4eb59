"""Rows read without model instances (core/orm.py) hold what the models hold, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise.expressions import RawSQL
from tortoise.models import Model

from core.models import Cohort, Enrollment, Official, OrgUnit, Post, Topic
from core.models.enums import CohortStatus
from core.orm import Join, read_rows, read_rows_by_id, read_rows_by_id_joined
from core.services.access import OPERATOR
from core.services.enrollments import enroll_official
from tests import factories
from tests.helpers import count_queries


def fields_of(model: type[Model]) -> list[str]:
    """Every column attribute of ``model`` (``org_unit_id`` for a foreign key)."""
    meta = model._meta
    return [meta.fields_db_projection_reverse[column] for column in meta.db_fields]


def assert_same(row: Any, instance: Model) -> None:
    for name in fields_of(type(instance)):
        assert getattr(row, name) == getattr(instance, name), name
        assert type(getattr(row, name)) is type(getattr(instance, name)), name
    assert row.pk == instance.pk


@pytest.fixture
async def enrolled(db: None) -> None:
    cohort = await factories.cohort(status=CohortStatus.OPEN)
    unit = await factories.commune("Xã Tân Thành")
    for name in ("Nguyễn Thị Hoà", "Đỗ Văn Khải"):
        official = await factories.official(name, org_unit=unit)
        await enroll_official(OPERATOR, official.id, cohort.id)


@pytest.mark.parametrize("model", [Official, OrgUnit, Post, Cohort, Enrollment, Topic])
async def test_rows_hold_every_column_as_the_model_converts_it(
    enrolled: None, model: type[Model]
) -> None:
    # given rows of every kind of column: text, enums, dates, datetimes, nulls, foreign keys
    instances = await model.all().order_by("id")
    assert instances
    # when the same query is read as rows
    rows = await read_rows(model.all().order_by("id"))
    # then each row holds what the instance holds, with the same Python types
    assert len(rows) == len(instances)
    for row, instance in zip(rows, instances, strict=True):
        assert_same(row, instance)


async def test_rows_keep_the_query_order_limit_and_annotations(enrolled: None) -> None:
    # an annotation the query orders by is selected too: the row takes the model's columns only
    query = (
        OrgUnit.all()
        .annotate(sort_value=RawSQL("\"name\" || ''"))
        .order_by("-sort_value", "id")
        .limit(2)
    )
    rows = await read_rows(query)
    assert [row.name for row in rows] == [unit.name for unit in await query]
    assert len(rows) == 2
    assert not hasattr(rows[0], "sort_value")


async def test_rows_by_id_are_one_statement_whatever_the_number_of_keys(enrolled: None) -> None:
    units = {unit.pk: unit for unit in await OrgUnit.all()}
    missing = max(units) + 1000
    with count_queries() as log:
        rows = await read_rows_by_id(OrgUnit, [*units, missing, *range(10_000, 12_000)])
    assert len(log.statements) == 1
    assert set(rows) == set(units)
    for pk, row in rows.items():
        assert_same(row, units[pk])
    with count_queries() as log:
        assert await read_rows_by_id(OrgUnit, []) == {}
    assert log.statements == []


async def test_rows_are_read_only_records(enrolled: None) -> None:
    [row] = await read_rows(Post.all().order_by("id").limit(1))
    with pytest.raises(AttributeError):
        row.title = "changed"


async def test_rows_refuse_queries_that_join_other_tables(enrolled: None) -> None:
    with pytest.raises(ValueError, match="select_related"):
        await read_rows(Official.all().select_related("org_unit"))


async def test_joined_rows_come_in_one_statement_with_nulls_and_repeats(enrolled: None) -> None:
    # given org units whose parents are shared (a district) or missing (a province)
    units = {unit.pk: unit for unit in await OrgUnit.all()}
    # when they are read with their parents joined
    with count_queries() as log:
        rows, [parents] = await read_rows_by_id_joined(OrgUnit, units, [Join("parent_id", OrgUnit)])
    # then one statement returns each unit and each distinct parent once
    assert len(log.statements) == 1
    assert set(rows) == set(units)
    expected_parents = {unit.parent_id for unit in units.values()} - {None}
    assert set(parents) == expected_parents
    for pk, parent in parents.items():
        assert_same(parent, units[pk])
    for pk, row in rows.items():
        assert_same(row, units[pk])
