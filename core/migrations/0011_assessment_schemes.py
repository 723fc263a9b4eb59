"""Assessment schemes: a cohort's own copy of its track's scheme (components with weights in
ten-thousandths, bands with lower bounds in hundredths, the completion rule)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import ComponentKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0010_teaching')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CohortScheme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cohort', fields.OneToOneField('core.Cohort', source_field='cohort_id', db_constraint=True, to_field='id', related_name='scheme', on_delete=OnDelete.RESTRICT)),
                ('min_attendance_rate', fields.SmallIntField(null=True)),
                ('practicum_signed_off', fields.BooleanField(default=True)),
                ('adjusted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('adjusted_by', fields.ForeignKeyField('core.Account', source_field='adjusted_by_id', null=True, db_constraint=True, to_field='id', related_name='adjusted_schemes', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'cohort_scheme', 'app': 'core', 'pk_attr': 'id', 'table_description': "A cohort's own copy of its track's assessment scheme, as a coordinator adjusted it."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SchemeBand',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('scheme', fields.ForeignKeyField('core.CohortScheme', source_field='scheme_id', db_constraint=True, to_field='id', related_name='bands', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('lower_bound', fields.SmallIntField()),
            ],
            options={'table': 'scheme_band', 'app': 'core', 'unique_together': (('scheme', 'lower_bound'),), 'pk_attr': 'id', 'table_description': "A band of a cohort's scheme: its name and lowest score, in hundredths."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SchemeComponent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('scheme', fields.ForeignKeyField('core.CohortScheme', source_field='scheme_id', db_constraint=True, to_field='id', related_name='components', on_delete=OnDelete.CASCADE)),
                ('code', fields.CharField(max_length=64)),
                ('title', fields.CharField(max_length=200)),
                ('kind', fields.CharEnumField(description='MULTIPLE_CHOICE_TEST: multiple_choice_test\nWRITTEN_TEST: written_test\nPRACTICUM: practicum\nATTENDANCE: attendance', enum_type=ComponentKind, max_length=32)),
                ('weight', fields.SmallIntField()),
                ('order', fields.SmallIntField()),
            ],
            options={'table': 'scheme_component', 'app': 'core', 'unique_together': (('scheme', 'code'),), 'pk_attr': 'id', 'table_description': "A weighted component of a cohort's scheme."},
            bases=['Model'],
        ),
    ]
