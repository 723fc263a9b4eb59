"""Teaching: lesson content in versions with their steps and attachments, a cohort's sessions and
attendance, the practicum items tracks require and the evidence learners give."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import AttendanceStatus, EvidenceStatus, LessonStepKind, LessonVersionStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('core', '0009_stored_files')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LessonContent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('topic', fields.ForeignKeyField('core.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='lesson_contents', on_delete=OnDelete.RESTRICT)),
                ('programme', fields.ForeignKeyField('core.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='lesson_contents', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lesson_content', 'app': 'core', 'unique_together': (('programme', 'topic'),), 'pk_attr': 'id', 'table_description': "A topic's lesson content for one programme, whose boards write and approve it."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LessonVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('content', fields.ForeignKeyField('core.LessonContent', source_field='content_id', db_constraint=True, to_field='id', related_name='versions', on_delete=OnDelete.CASCADE)),
                ('number', fields.SmallIntField()),
                ('title', fields.CharField(max_length=300)),
                ('body', fields.TextField(unique=False)),
                ('status', fields.CharEnumField(default=LessonVersionStatus.DRAFT, description='DRAFT: draft\nSUBMITTED: submitted\nAPPROVED: approved\nRETURNED: returned', enum_type=LessonVersionStatus, max_length=16)),
                ('author', fields.ForeignKeyField('core.Account', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='lesson_versions', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('attachments', fields.ManyToManyField('core.StoredFile', unique=True, db_constraint=True, through='lesson_version_file', forward_key='storedfile_id', backward_key='lesson_version_id', related_name='lesson_versions', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'lesson_version', 'app': 'core', 'unique_together': (('content', 'number'),), 'pk_attr': 'id', 'table_description': 'One version of lesson content: title, Markdown body and attachments, with its status.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CohortSession',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('cohort', fields.ForeignKeyField('core.Cohort', source_field='cohort_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('activity_kind', fields.CharField(max_length=64)),
                ('title', fields.CharField(default='', max_length=300)),
                ('topic', fields.ForeignKeyField('core.Topic', source_field='topic_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('lesson_version', fields.ForeignKeyField('core.LessonVersion', source_field='lesson_version_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('host_agency', fields.ForeignKeyField('core.HostAgency', source_field='host_agency_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('lecturer', fields.ForeignKeyField('core.BoardMember', source_field='lecturer_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'cohort_session', 'app': 'core', 'indexes': [Index(fields=['cohort_id', 'starts_at', 'id']), Index(fields=['cohort_id', 'id'])], 'pk_attr': 'id', 'table_description': "One session of a cohort's schedule."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Attendance',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('session', fields.ForeignKeyField('core.CohortSession', source_field='session_id', db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.RESTRICT)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='attendance', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(description='PRESENT: present\nLATE: late\nEXCUSED: excused\nABSENT: absent', enum_type=AttendanceStatus, max_length=16)),
                ('note', fields.CharField(default='', max_length=500)),
                ('recorded_by', fields.ForeignKeyField('core.Account', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='attendance_records', on_delete=OnDelete.SET_NULL)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance', 'app': 'core', 'unique_together': (('session', 'enrollment'),), 'indexes': [Index(fields=['enrollment_id', 'status'])], 'pk_attr': 'id', 'table_description': 'How one enrollment attended one session.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LessonStep',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('version', fields.ForeignKeyField('core.LessonVersion', source_field='version_id', db_constraint=True, to_field='id', related_name='steps', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='DRAFTED: drafted\nREVISED: revised\nSUBMITTED: submitted\nAPPROVED: approved\nRETURNED: returned', enum_type=LessonStepKind, max_length=16)),
                ('comment', fields.TextField(default='', unique=False)),
                ('actor', fields.ForeignKeyField('core.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='lesson_steps', on_delete=OnDelete.SET_NULL)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'lesson_step', 'app': 'core', 'indexes': [Index(fields=['version_id', 'id'])], 'pk_attr': 'id', 'table_description': "A step of a version's life (drafted, submitted, approved, returned), kept for good."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PracticumItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('track', fields.ForeignKeyField('core.Track', source_field='track_id', db_constraint=True, to_field='id', related_name='practicum_items', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=64)),
                ('title', fields.CharField(max_length=300)),
                ('description', fields.TextField(default='', unique=False)),
                ('required_count', fields.SmallIntField(default=1)),
                ('order', fields.SmallIntField(default=0)),
                ('is_active', fields.BooleanField(default=True)),
            ],
            options={'table': 'practicum_item', 'app': 'core', 'unique_together': (('track', 'code'),), 'pk_attr': 'id', 'table_description': 'A practicum item a track requires ("attend 2 meetings of the commune People\'s Committee'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PracticumEvidence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='evidence', on_delete=OnDelete.RESTRICT)),
                ('item', fields.ForeignKeyField('core.PracticumItem', source_field='item_id', db_constraint=True, to_field='id', related_name='evidence', on_delete=OnDelete.RESTRICT)),
                ('occurred_on', fields.DateField(null=True)),
                ('text', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=EvidenceStatus.SUBMITTED, description='SUBMITTED: submitted\nSIGNED_OFF: signed_off\nRETURNED: returned', enum_type=EvidenceStatus, max_length=16)),
                ('submitted_by', fields.ForeignKeyField('core.Account', source_field='submitted_by_id', null=True, db_constraint=True, to_field='id', related_name='submitted_evidence', on_delete=OnDelete.SET_NULL)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('reviewed_by', fields.ForeignKeyField('core.Account', source_field='reviewed_by_id', null=True, db_constraint=True, to_field='id', related_name='reviewed_evidence', on_delete=OnDelete.SET_NULL)),
                ('reviewed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('review_comment', fields.TextField(default='', unique=False)),
                ('files', fields.ManyToManyField('core.StoredFile', unique=True, db_constraint=True, through='practicum_evidence_file', forward_key='storedfile_id', backward_key='practicum_evidence_id', related_name='practicum_evidence', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'practicum_evidence', 'app': 'core', 'indexes': [Index(fields=['enrollment_id', 'item_id', 'id'])], 'pk_attr': 'id', 'table_description': "A learner's evidence for one practicum item (text and/or files) and its review."},
            bases=['Model'],
        ),
    ]
