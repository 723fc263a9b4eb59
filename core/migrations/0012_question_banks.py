"""Question banks: multiple-choice questions per topic, known by their code within the track, in
versions (a test keeps the version it showed)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import Difficulty
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0011_assessment_schemes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Question',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('track', fields.ForeignKeyField('core.Track', source_field='track_id', db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.RESTRICT)),
                ('topic', fields.ForeignKeyField('core.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=64)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'question', 'app': 'core', 'unique_together': (('track', 'code'),), 'indexes': [Index(fields=['topic_id', 'is_active'])], 'pk_attr': 'id', 'table_description': "A multiple-choice question of a topic's bank, known by its code within the track."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='QuestionVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('question', fields.ForeignKeyField('core.Question', source_field='question_id', db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.RESTRICT)),
                ('number', fields.SmallIntField()),
                ('is_current', fields.BooleanField(default=True)),
                ('stem', fields.TextField(unique=False)),
                ('options', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('correct_option', fields.SmallIntField()),
                ('explanation', fields.TextField(default='', unique=False)),
                ('difficulty', fields.CharEnumField(default=Difficulty.MEDIUM, description='EASY: easy\nMEDIUM: medium\nHARD: hard', enum_type=Difficulty, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'question_version', 'app': 'core', 'unique_together': (('question', 'number'),), 'indexes': [Index(fields=['question_id', 'is_current'])], 'pk_attr': 'id', 'table_description': 'One version of a question: stem, options (exactly one correct), explanation.'},
            bases=['Model'],
        ),
    ]
