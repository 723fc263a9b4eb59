"""Enrollment history: every enrollment's events (enrolled, withdrawn with a reason, enrolled
again). Existing enrollments get their enrolment and, if withdrawn, their withdrawal."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import EnrollmentEventKind
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

async def record_past_events(apps, schema_editor) -> None:
    client = schema_editor.client
    await client.execute_query(
        "INSERT INTO enrollment_event (enrollment_id, kind, reason, at) "
        "SELECT id, 'enrolled', '', enrolled_at FROM enrollment"
    )
    await client.execute_query(
        "INSERT INTO enrollment_event (enrollment_id, kind, reason, at) "
        "SELECT id, 'withdrawn', 'recorded before the history was kept', withdrawn_at "
        "FROM enrollment WHERE withdrawn_at IS NOT NULL"
    )


class Migration(migrations.Migration):
    dependencies = [('core', '0007_cohort_org_unit')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EnrollmentEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='ENROLLED: enrolled\nWITHDRAWN: withdrawn\nREENROLLED: reenrolled', enum_type=EnrollmentEventKind, max_length=16)),
                ('reason', fields.CharField(default='', max_length=500)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor', fields.ForeignKeyField('core.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='enrollment_events', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'enrollment_event', 'app': 'core', 'indexes': [Index(fields=['enrollment_id', 'id'])], 'pk_attr': 'id', 'table_description': "One step of an enrollment's history: enrolled, withdrawn (with the reason) or enrolled"},
            bases=['Model'],
        ),
        ops.RunPython(record_past_events, ops.RunPython.noop),
    ]
