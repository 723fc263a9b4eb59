"""The Party track's draft conclusions: one per enrollment, scored out of 10 by an assessor."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0017_topic_title_en')]

    initial = True

    operations = [
        ops.CreateModel(
            name='ConclusionDraft',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.OneToOneField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('meeting_on', fields.DateField(description='The day of the meeting observed')),
                ('agenda', fields.CharField(description="The meeting's agenda, NFC", max_length=1000)),
                ('text', fields.TextField(description='The draft conclusions, NFC', unique=False)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('submitted_by', fields.ForeignKeyField('core.Account', source_field='submitted_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('score', fields.SmallIntField(null=True, description='Out of 10, in hundredths, once scored')),
                ('comment', fields.TextField(default='', description="The assessor's comment, NFC", unique=False)),
                ('scored_by', fields.ForeignKeyField('core.Account', source_field='scored_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('scored_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'party_committee_conclusion_draft', 'app': 'party_committee', 'pk_attr': 'id', 'table_description': "A learner's draft conclusions of a Standing Board meeting, with its score, one each."},
            bases=['Model'],
        ),
    ]
