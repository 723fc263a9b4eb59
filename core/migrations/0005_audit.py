from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import AuditOutcome
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0004_accounts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('request_id', fields.CharField(max_length=32)),
                ('actor', fields.ForeignKeyField('core.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='audit_entries', on_delete=OnDelete.RESTRICT)),
                ('actor_username', fields.CharField(default='', max_length=64)),
                ('operation', fields.CharField(max_length=100)),
                ('outcome', fields.CharEnumField(description='DONE: done\nREFUSED: refused\nDENIED: denied\nFAILED: failed', enum_type=AuditOutcome, max_length=16)),
                ('input', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('error_codes', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('target_ids', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'audit_entry', 'app': 'core', 'indexes': [Index(fields=['operation', 'id']), Index(fields=['actor_id', 'id']), Index(fields=['at', 'id'])], 'pk_attr': 'id', 'table_description': 'What one mutation did or was refused: who, what, on which objects, when, with what input.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditTarget',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('entry', fields.ForeignKeyField('core.AuditEntry', source_field='entry_id', db_constraint=True, to_field='id', related_name='targets', on_delete=OnDelete.RESTRICT)),
                ('target_id', fields.CharField(max_length=100)),
            ],
            options={'table': 'audit_target', 'app': 'core', 'indexes': [Index(fields=['target_id', 'entry_id'])], 'pk_attr': 'id', 'table_description': 'A global ID an audit entry concerns: an object of the input or of the payload.'},
            bases=['Model'],
        ),
    ]
