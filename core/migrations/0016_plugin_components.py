"""A scheme component may be of a kind a plugin adds and grades (its code)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import ComponentKind
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0015_results')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='SchemeComponent',
            name='kind',
            field=fields.CharEnumField(description='MULTIPLE_CHOICE_TEST: multiple_choice_test\nWRITTEN_TEST: written_test\nPRACTICUM: practicum\nATTENDANCE: attendance\nPLUGIN: plugin', enum_type=ComponentKind, max_length=32),
        ),
        ops.AddField(
            model_name='SchemeComponent',
            name='plugin_kind',
            field=fields.CharField(default='', max_length=64),
        ),
    ]
