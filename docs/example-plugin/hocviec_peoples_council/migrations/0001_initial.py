from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0017_topic_title_en')]

    initial = True

    operations = [
        ops.CreateModel(
            name='SupervisionNote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('visited_on', fields.DateField()),
                ('subject', fields.CharField(description='What was supervised, NFC', max_length=200)),
                ('findings', fields.TextField(description='What the visit found and recommended, NFC', unique=False)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'peoples_council_supervision_note', 'app': 'peoples_council', 'pk_attr': 'id', 'table_description': "A learner's note of a supervision visit made with the district People's Council."},
            bases=['Model'],
        ),
    ]
