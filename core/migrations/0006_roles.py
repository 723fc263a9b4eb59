from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import Role
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0005_audit')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RoleGrant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('core.Account', source_field='account_id', db_constraint=True, to_field='id', related_name='grants', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(description='ADMIN: admin\nCOORDINATOR: coordinator\nDRAFTER: drafter\nAPPRAISER: appraiser\nASSESSOR: assessor\nLEARNER: learner\nVIEWER: viewer', enum_type=Role, max_length=16)),
                ('org_unit', fields.ForeignKeyField('core.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='grants', on_delete=OnDelete.RESTRICT)),
                ('granted_by', fields.ForeignKeyField('core.Account', source_field='granted_by_id', null=True, db_constraint=True, to_field='id', related_name='grants_given', on_delete=OnDelete.SET_NULL)),
                ('granted_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'role_grant', 'app': 'core', 'unique_together': (('account', 'role', 'org_unit'),), 'pk_attr': 'id', 'table_description': 'A role an account holds over an org unit and everything below it.'},
            bases=['Model'],
        ),
    ]
