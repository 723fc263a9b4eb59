"""Uploaded files (attachments): their metadata; the bytes live in the storage backend."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0008_enrollment_history')]

    initial = False

    operations = [
        ops.CreateModel(
            name='StoredFile',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=200)),
                ('name', fields.CharField(max_length=255)),
                ('media_type', fields.CharField(max_length=100)),
                ('size', fields.BigIntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('uploaded_by', fields.ForeignKeyField('core.Account', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='uploaded_files', on_delete=OnDelete.SET_NULL)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'stored_file', 'app': 'core', 'indexes': [Index(fields=['uploaded_by_id', 'id'])], 'pk_attr': 'id', 'table_description': 'An uploaded file: its metadata here, its bytes in the storage backend under its key.'},
            bases=['Model'],
        ),
    ]
