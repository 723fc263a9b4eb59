"""Every cohort belongs to the org unit that runs it; board seats are linked to accounts; demo
accounts are marked (refused in production); an API token may be limited to some roles.

Existing cohorts get their programme's org unit, or else the district of their enrolled
officials; a cohort with neither stops the migration with a message saying which cohort and
what to do, and nothing is changed.
"""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class UnassignableCohortsError(RuntimeError):
    """Cohorts the migration cannot give an org unit to."""


async def assign_org_units(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_query(
        "UPDATE cohort SET org_unit_id = "
        "(SELECT programme.org_unit_id FROM programme WHERE programme.id = cohort.programme_id) "
        "WHERE org_unit_id IS NULL AND programme_id IS NOT NULL"
    )
    _, left = await client.execute_query(
        "SELECT id, name FROM cohort WHERE org_unit_id IS NULL ORDER BY id"
    )
    if not left:
        return
    _, districts = await client.execute_query(
        "SELECT id, path FROM org_unit WHERE level = 'district'"
    )
    _, enrolled = await client.execute_query(
        "SELECT DISTINCT enrollment.cohort_id, org_unit.path FROM enrollment "
        "JOIN official ON official.id = enrollment.official_id "
        "JOIN org_unit ON org_unit.id = official.org_unit_id "
        "WHERE enrollment.cohort_id IN (SELECT id FROM cohort WHERE org_unit_id IS NULL)"
    )
    found: dict[int, set[int]] = {row["id"]: set() for row in left}
    for row in enrolled:
        for district in districts:
            if row["path"].startswith(district["path"]):
                found[row["cohort_id"]].add(district["id"])
    problems = []
    for row in left:
        units = found[row["id"]]
        if len(units) == 1:
            await client.execute_query(
                "UPDATE cohort SET org_unit_id = ? WHERE id = ?"
                if client.capabilities.dialect == "sqlite"
                else "UPDATE cohort SET org_unit_id = $1 WHERE id = $2",
                [units.pop(), row["id"]],
            )
            continue
        why = "no enrolled official" if not units else f"officials of {len(units)} districts"
        problems.append(f"cohort {row['id']} ({row['name']}): no programme and {why}")
    if problems:
        raise UnassignableCohortsError(
            "Cannot tell which org unit runs these cohorts: "
            + "; ".join(problems)
            + ". Give each a programme (UPDATE cohort SET programme_id = … WHERE id = …) "
            "and run `hocviec migrate` again; nothing has been changed."
        )


def cohort_org_unit(null: bool) -> fields.ForeignKeyField:
    return fields.ForeignKeyField(
        "core.OrgUnit",
        source_field="org_unit_id",
        null=null,
        db_constraint=True,
        to_field="id",
        related_name="cohorts",
        on_delete=OnDelete.RESTRICT,
    )


class RequireOrgUnit(ops.AlterField):
    """``cohort.org_unit_id`` becomes NOT NULL: an ``ALTER COLUMN`` on PostgreSQL. On SQLite the
    column stays nullable in the table (NOT NULL there means rebuilding ``cohort``, dropping it
    under its enrollments' foreign keys) and the model, which every write goes through, refuses
    a null."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.client.capabilities.dialect == "sqlite":
            return
        await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(self, app_label, old_state, new_state, state_editor=None) -> None:
        if state_editor is not None and state_editor.client.capabilities.dialect == "sqlite":
            return
        await super().database_backward(app_label, old_state, new_state, state_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_roles")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Account",
            name="is_demo",
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name="ApiToken",
            name="roles",
            field=fields.CharField(max_length=200, null=True),
        ),
        ops.AddField(
            model_name="BoardMember",
            name="account",
            field=fields.ForeignKeyField(
                "core.Account",
                source_field="account_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name="board_seats",
                on_delete=OnDelete.SET_NULL,
            ),
        ),
        ops.AddField(model_name="Cohort", name="org_unit", field=cohort_org_unit(null=True)),
        ops.RunPython(assign_org_units, ops.RunPython.noop),
        RequireOrgUnit(model_name="Cohort", name="org_unit", field=cohort_org_unit(null=False)),
        # the top units (counted for every signed-in request) and a unit's children
        ops.AddIndex(model_name="OrgUnit", index=Index(fields=["parent_id", "path"])),
    ]
