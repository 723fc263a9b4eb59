"""Finalised results: each enrollment's weighted score, band and completion, amendments kept beside
them, and when a cohort's results were finalised."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0014_component_scores')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Result',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.OneToOneField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='result', on_delete=OnDelete.RESTRICT)),
                ('cohort', fields.ForeignKeyField('core.Cohort', source_field='cohort_id', db_constraint=True, to_field='id', related_name='results', on_delete=OnDelete.RESTRICT)),
                ('score', fields.SmallIntField()),
                ('band', fields.CharField(max_length=100)),
                ('completed', fields.BooleanField()),
                ('reasons', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('components', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('post_id', fields.IntField()),
                ('org_unit_id', fields.IntField()),
                ('finalised_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'result', 'app': 'core', 'indexes': [Index(fields=['cohort_id', 'band']), Index(fields=['org_unit_id', 'finalised_at'])], 'pk_attr': 'id', 'table_description': "An enrollment's finalised result: weighted score (hundredths), band, completed or not"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ResultAmendment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('result', fields.ForeignKeyField('core.Result', source_field='result_id', db_constraint=True, to_field='id', related_name='amendments', on_delete=OnDelete.RESTRICT)),
                ('previous_score', fields.SmallIntField()),
                ('previous_band', fields.CharField(max_length=100)),
                ('previous_completed', fields.BooleanField()),
                ('score', fields.SmallIntField()),
                ('band', fields.CharField(max_length=100)),
                ('completed', fields.BooleanField()),
                ('reason', fields.TextField(unique=False)),
                ('amended_by', fields.ForeignKeyField('core.Account', source_field='amended_by_id', null=True, db_constraint=True, to_field='id', related_name='amendments', on_delete=OnDelete.SET_NULL)),
                ('amended_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'result_amendment', 'app': 'core', 'indexes': [Index(fields=['result_id', 'id'])], 'pk_attr': 'id', 'table_description': "An admin's amendment of a finalised result, kept beside the original with the reason."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Cohort',
            name='results_final_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
