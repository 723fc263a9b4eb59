"""Scores of written and practical components, with a second assessor's where a scheme asks for
double marking; a scheme component says whether it does."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0013_exams')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ComponentScore',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='component_scores', on_delete=OnDelete.RESTRICT)),
                ('component', fields.CharField(max_length=64)),
                ('score', fields.SmallIntField()),
                ('comment', fields.TextField(default='', unique=False)),
                ('scored_by', fields.ForeignKeyField('core.Account', source_field='scored_by_id', null=True, db_constraint=True, to_field='id', related_name='first_scores', on_delete=OnDelete.SET_NULL)),
                ('scored_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('second_score', fields.SmallIntField(null=True)),
                ('second_comment', fields.TextField(default='', unique=False)),
                ('second_by', fields.ForeignKeyField('core.Account', source_field='second_by_id', null=True, db_constraint=True, to_field='id', related_name='second_scores', on_delete=OnDelete.SET_NULL)),
                ('second_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'component_score', 'app': 'core', 'unique_together': (('enrollment', 'component'),), 'pk_attr': 'id', 'table_description': "An assessor's score (hundredths) for one enrollment on one scored component (written or"},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='SchemeComponent',
            name='double_marking',
            field=fields.BooleanField(default=False),
        ),
    ]
