"""Topics carry an English title beside the Vietnamese one (plugin catalogues declare both)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('core', '0016_plugin_components')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Topic',
            name='title_en',
            field=fields.CharField(default='', description='English title, if any', max_length=400),
        ),
    ]
