from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0002_search_indexes')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='Cohort',
            name=None,
            fields=['starts_on'],
        ),
        ops.AddIndex(
            model_name='Cohort',
            index=Index(fields=['starts_on', 'id']),
        ),
        ops.AddIndex(
            model_name='Cohort',
            index=Index(fields=['name', 'id']),
        ),
        ops.AddIndex(
            model_name='Enrollment',
            index=Index(fields=['cohort_id', 'id']),
        ),
        ops.AddIndex(
            model_name='Enrollment',
            index=Index(fields=['official_id', 'id']),
        ),
        ops.AlterField(
            model_name='Official',
            name='search_name',
            field=fields.CharField(max_length=200),
        ),
        ops.AddIndex(
            model_name='Official',
            index=Index(fields=['search_name', 'id']),
        ),
        ops.AlterField(
            model_name='OrgUnit',
            name='search_name',
            field=fields.CharField(max_length=200),
        ),
        ops.AddIndex(
            model_name='OrgUnit',
            index=Index(fields=['search_name', 'id']),
        ),
    ]
