from tortoise import migrations
from tortoise.migrations import operations as ops
from core.models.enums import AgencyBloc, BoardKind, CohortStatus, EnrollmentStatus, Gender, OfficialStatus, OrgLevel, PoliticalTheoryLevel, PostKind, TopicOrigin
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='OrgUnit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, description='Administrative code', max_length=32)),
                ('name', fields.CharField(description='Vietnamese name, NFC', max_length=200)),
                ('search_name', fields.CharField(db_index=True, max_length=200)),
                ('level', fields.CharEnumField(description='PROVINCE: province\nDISTRICT: district\nCOMMUNE: commune\nTOWNSHIP: township', enum_type=OrgLevel, max_length=16)),
                ('parent', fields.ForeignKeyField('core.OrgUnit', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('path', fields.CharField(db_index=True, max_length=400)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'org_unit', 'app': 'core', 'pk_attr': 'id', 'table_description': 'An administrative unit, path being the materialised chain of codes for subtree filters.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HostAgency',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('bloc', fields.CharEnumField(description='PARTY: party\nMASS_ORGANISATION: mass_organisation\nSTATE_MANAGEMENT: state_management', enum_type=AgencyBloc, max_length=24)),
                ('org_unit', fields.ForeignKeyField('core.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='host_agencies', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'host_agency', 'app': 'core', 'pk_attr': 'id', 'table_description': 'A district agency (Party bloc, mass organisation or state management) hosting apprentices.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Post',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('title', fields.CharField(description='Vietnamese title, NFC', max_length=200)),
                ('title_en', fields.CharField(max_length=200)),
                ('kind', fields.CharEnumField(description='CADRE: cadre\nCIVIL_SERVANT: civil_servant', enum_type=PostKind, max_length=16)),
            ],
            options={'table': 'post', 'app': 'core', 'pk_attr': 'id', 'table_description': 'A position title, declared by the plugins whose tracks are for it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Official',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('full_name', fields.CharField(description='Vietnamese name, NFC', max_length=200)),
                ('search_name', fields.CharField(db_index=True, max_length=200)),
                ('gender', fields.CharEnumField(description='FEMALE: female\nMALE: male\nOTHER: other', enum_type=Gender, max_length=8)),
                ('birth_year', fields.SmallIntField(null=True)),
                ('ethnicity', fields.CharField(default='', max_length=64)),
                ('org_unit', fields.ForeignKeyField('core.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='officials', on_delete=OnDelete.RESTRICT)),
                ('post', fields.ForeignKeyField('core.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='officials', on_delete=OnDelete.RESTRICT)),
                ('professional_qualification', fields.CharField(default='', max_length=200)),
                ('political_theory_level', fields.CharEnumField(default=PoliticalTheoryLevel.NONE, description='NONE: none\nELEMENTARY: elementary\nINTERMEDIATE: intermediate\nADVANCED: advanced', enum_type=PoliticalTheoryLevel, max_length=16)),
                ('status', fields.CharEnumField(default=OfficialStatus.ACTIVE, description='ACTIVE: active\nON_LEAVE: on_leave\nLEFT: left', enum_type=OfficialStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'official', 'app': 'core', 'indexes': [Index(fields=['org_unit_id', 'post_id'])], 'pk_attr': 'id', 'table_description': 'A commune official, search_name being the accent-folded name that search matches.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PostQuota',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('core.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='quotas', on_delete=OnDelete.CASCADE)),
                ('org_unit', fields.ForeignKeyField('core.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='post_quotas', on_delete=OnDelete.CASCADE)),
                ('quota', fields.IntField()),
            ],
            options={'table': 'post_quota', 'app': 'core', 'unique_together': (('post', 'org_unit'),), 'pk_attr': 'id', 'table_description': 'How many officials of a post a commune may have (chỉ tiêu).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Programme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('title', fields.CharField(max_length=400)),
                ('org_unit', fields.ForeignKeyField('core.OrgUnit', source_field='org_unit_id', db_constraint=True, to_field='id', related_name='programmes', on_delete=OnDelete.RESTRICT)),
                ('start_year', fields.SmallIntField()),
                ('end_year', fields.SmallIntField()),
            ],
            options={'table': 'programme', 'app': 'core', 'pk_attr': 'id', 'table_description': 'A training programme run by a district over a period of years.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Board',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('core.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='boards', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='STEERING_COMMITTEE: steering_committee\nDRAFTING_TEACHING_BOARD: drafting_teaching_board\nAPPRAISAL_BOARD: appraisal_board\nSECRETARIAT: secretariat', enum_type=BoardKind, max_length=32)),
                ('name', fields.CharField(max_length=200)),
            ],
            options={'table': 'board', 'app': 'core', 'unique_together': (('programme', 'kind'),), 'pk_attr': 'id', 'table_description': "One of a programme's boards (steering committee, drafting-and-teaching, appraisal, …)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BoardMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('board', fields.ForeignKeyField('core.Board', source_field='board_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('full_name', fields.CharField(max_length=200)),
                ('position', fields.CharField(default='', description='Office held', max_length=200)),
                ('role', fields.CharField(default='member', description='head, deputy, member', max_length=64)),
            ],
            options={'table': 'board_member', 'app': 'core', 'pk_attr': 'id', 'table_description': 'A person sitting on a board, with their office and role on the board.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Track',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('title', fields.CharField(description='Vietnamese title, NFC', max_length=200)),
                ('title_en', fields.CharField(max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('plugin_id', fields.CharField(db_index=True, max_length=64)),
                ('is_active', fields.BooleanField(default=True, description='False while its plugin is off')),
                ('posts', fields.ManyToManyField('core.Post', unique=True, db_constraint=True, through='track_post', forward_key='post_id', backward_key='track_id', related_name='tracks', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'track', 'app': 'core', 'pk_attr': 'id', 'table_description': "A training track, synced from its plugin's declaration at start-up."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Cohort',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('track', fields.ForeignKeyField('core.Track', source_field='track_id', db_constraint=True, to_field='id', related_name='cohorts', on_delete=OnDelete.RESTRICT)),
                ('programme', fields.ForeignKeyField('core.Programme', source_field='programme_id', null=True, db_constraint=True, to_field='id', related_name='cohorts', on_delete=OnDelete.RESTRICT)),
                ('host_agencies', fields.ManyToManyField('core.HostAgency', unique=True, db_constraint=True, through='cohort_host_agency', forward_key='hostagency_id', backward_key='cohort_id', related_name='cohorts', on_delete=OnDelete.CASCADE)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('capacity', fields.IntField()),
                ('status', fields.CharEnumField(default=CohortStatus.PLANNED, description='PLANNED: planned\nOPEN: open\nIN_PROGRESS: in_progress\nCOMPLETED: completed\nCLOSED: closed', enum_type=CohortStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'cohort', 'app': 'core', 'indexes': [Index(fields=['track_id', 'status']), Index(fields=['starts_on'])], 'pk_attr': 'id', 'table_description': 'A run of a track at host agencies, with dates, capacity and a life-cycle status.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Enrollment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('official', fields.ForeignKeyField('core.Official', source_field='official_id', db_constraint=True, to_field='id', related_name='enrollments', on_delete=OnDelete.RESTRICT)),
                ('cohort', fields.ForeignKeyField('core.Cohort', source_field='cohort_id', db_constraint=True, to_field='id', related_name='enrollments', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharEnumField(default=EnrollmentStatus.ENROLLED, description='ENROLLED: enrolled\nWITHDRAWN: withdrawn', enum_type=EnrollmentStatus, max_length=16)),
                ('enrolled_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('withdrawn_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'enrollment', 'app': 'core', 'unique_together': (('official', 'cohort'),), 'indexes': [Index(fields=['cohort_id', 'status'])], 'pk_attr': 'id', 'table_description': "An official's place in a cohort, withdrawn but never deleted (records outlive cohorts)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Topic',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('track', fields.ForeignKeyField('core.Track', source_field='track_id', db_constraint=True, to_field='id', related_name='topics', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=64)),
                ('title', fields.CharField(max_length=400)),
                ('search_title', fields.CharField(max_length=400)),
                ('order', fields.IntField(default=0)),
                ('origin', fields.CharEnumField(default=TopicOrigin.LOCAL, description='PLUGIN: plugin\nLOCAL: local', enum_type=TopicOrigin, max_length=16)),
                ('is_active', fields.BooleanField(default=True, description='False once dropped from catalogue')),
            ],
            options={'table': 'topic', 'app': 'core', 'unique_together': (('track', 'code'),), 'pk_attr': 'id', 'table_description': "A topic (chuyên đề) of a track's catalogue that learners register when they need it."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TopicRegistration',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('enrollment', fields.ForeignKeyField('core.Enrollment', source_field='enrollment_id', db_constraint=True, to_field='id', related_name='registrations', on_delete=OnDelete.CASCADE)),
                ('topic', fields.ForeignKeyField('core.Topic', source_field='topic_id', db_constraint=True, to_field='id', related_name='registrations', on_delete=OnDelete.RESTRICT)),
                ('registered_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'topic_registration', 'app': 'core', 'unique_together': (('enrollment', 'topic'),), 'pk_attr': 'id', 'table_description': 'A topic an enrolled official registered ("learn what you need").'},
            bases=['Model'],
        ),
    ]
