"""Tests of a cohort: each learner's drawn questions (the question version shown), answers and score."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import SittingSource
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0012_question_banks')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Exam',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cohort', fields.ForeignKeyField('core.Cohort', source_field='cohort_id', db_constraint=True, to_field='id', related_name='exams', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=200)),
                ('question_count', fields.SmallIntField()),
                ('opens_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('closes_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('seed', fields.BigIntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('created_by', fields.ForeignKeyField('core.Account', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='created_exams', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'exam', 'app': 'core', 'indexes': [Index(fields=['cohort_id', 'id'])], 'pk_attr': 'id', 'table_description': 'A multiple-choice test of a cohort: how many questions, when it may be taken, and the'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ExamSitting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('exam', fields.ForeignKeyField('core.Exam', source_field='exam_id', db_constraint=True, to_field='id', related_name='sittings', on_delete=OnDelete.RESTRICT)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='sittings', on_delete=OnDelete.RESTRICT)),
                ('from_other_topics', fields.SmallIntField(default=0)),
                ('submitted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('source', fields.CharEnumField(null=True, description='ONLINE: online\nPAPER: paper', enum_type=SittingSource, max_length=16)),
                ('submitted_by', fields.ForeignKeyField('core.Account', source_field='submitted_by_id', null=True, db_constraint=True, to_field='id', related_name='submitted_sittings', on_delete=OnDelete.SET_NULL)),
                ('correct_count', fields.SmallIntField(null=True)),
                ('score', fields.SmallIntField(null=True)),
            ],
            options={'table': 'exam_sitting', 'app': 'core', 'unique_together': (('exam', 'enrollment'),), 'indexes': [Index(fields=['exam_id', 'id'])], 'pk_attr': 'id', 'table_description': "One learner's test: the questions drawn for them, and once submitted, the score."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SittingQuestion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sitting', fields.ForeignKeyField('core.ExamSitting', source_field='sitting_id', db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.RESTRICT)),
                ('position', fields.SmallIntField()),
                ('version', fields.ForeignKeyField('core.QuestionVersion', source_field='version_id', db_constraint=True, to_field='id', related_name='sitting_questions', on_delete=OnDelete.RESTRICT)),
                ('chosen', fields.SmallIntField(null=True)),
            ],
            options={'table': 'sitting_question', 'app': 'core', 'unique_together': (('sitting', 'position'),), 'pk_attr': 'id', 'table_description': "A question of one learner's test, at its position, and the option they chose."},
            bases=['Model'],
        ),
    ]
