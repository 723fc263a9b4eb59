"""One test per hook in core.hookspecs (``test_hook_<name>``), with fake plugins passed explicitly.

``tests/test_docs.py`` fails when a hook has no ``test_hook_<name>``.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

import pytest
import pytest_asyncio
import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from core.app import create_app
from core.db import (
    apply_migrations,
    model_changes,
    open_context,
    pending_migrations,
    tortoise_config,
)
from core.declarations import (
    DemoContext,
    ModelApp,
    PermissionDeclaration,
    PostDeclaration,
    QuestionBankDeclaration,
    TopicDeclaration,
    TrackDeclaration,
    TypeExtension,
)
from core.hookspecs import hookimpl
from core.http import SESSION_COOKIE
from core.models import Account, Cohort, Official, OrgUnit, Programme, RoleGrant, Topic, Track
from core.models.enums import CohortStatus, PostKind, Role
from core.plugins import PluginError
from core.services.access import OPERATOR
from core.services.accounts import AccountDraft, create_account, now
from core.services.cohorts import change_cohort_status
from core.services.demo import DISTRICT_CODE, load_demo
from core.services.errors import ErrorCode, ServiceError
from core.services.question_bank import import_questions, read_rows
from core.services.sessions import start_session
from core.services.sync import sync_plugins
from core.settings import Settings
from schema.build import build_schema, export_sdl
from schema.errors import UserError, attempt
from schema.ids import encode_id
from schema.permissions import authorize, authorize_loaded
from schema.tracks.types import Topic as TopicType
from tests import factories
from tests.conftest import fresh_postgres_database
from tests.fixtures import sample_plugin
from tests.fixtures.plugins import plugin_info, registry_with, serving
from tests.fixtures.sample_plugin.models import MentorNote
from tests.helpers import graphql, graphql_data

# --------------------------------------------------------------------------------------------
# Identity
# --------------------------------------------------------------------------------------------

PLUGINS = """
{ plugins { id name version coreVersions description source trackCodes } }
"""


class LandOfficerIdentity:
    """A plugin that only says who it is, counting how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def plugin_info(self):
        self.calls += 1
        return plugin_info(
            "land_officer",
            name="Land administration track (Địa chính – Xây dựng)",
            version="1.2.0",
            description="Apprenticeship of commune land administration officers.",
        )


async def test_hook_plugin_info(client):
    # given a plugin that implements only plugin_info
    plugin = LandOfficerIdentity()
    # when plugins load
    registry = registry_with(plugin)
    # then it was asked once, and its answer names it, after the built-ins
    loaded = next((p for p in registry.plugins if p.info.id == "land_officer"), None)
    assert plugin.calls == 1
    assert loaded is not None
    assert loaded.info.name == "Land administration track (Địa chính – Xây dựng)"
    assert loaded.info.version == "1.2.0"
    assert loaded.source == "test"
    assert (loaded.type_prefix, loaded.field_prefix) == ("LandOfficer", "landOfficer")
    assert [p.info.id for p in registry.plugins][-1] == "land_officer"
    # and the API shows the built-ins' answers
    data = await graphql_data(client, PLUGINS)
    party = next(p for p in data["plugins"] if p["id"] == "party_committee")
    assert party == {
        "id": "party_committee",
        "name": "Party committee track (Đảng ủy)",
        "version": "0.1.0",
        "coreVersions": ">=0.1,<0.2",
        "description": "Apprenticeship of commune Party Secretaries and Deputy Secretaries.",
        "source": "built-in plugins.party_committee",
        "trackCodes": ["party_committee"],
    }


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def empty_database_url(db_kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database of the session's kind.

    Never a SQLite file on a PostgreSQL run: tortoise keeps dialect-specific query state on the
    (process-wide) model classes, so a SQLite context would break the session's later queries.
    """
    if db_kind == "sqlite":
        yield f"sqlite://{tmp_path / 'models.sqlite3'}"
        return
    async for url in fresh_postgres_database():
        yield url


async def test_hook_register_models(empty_database_url: str):
    # given the sample plugin, whose tortoise app references core.Official, and an empty database
    registry = registry_with(sample_plugin)
    config = tortoise_config(empty_database_url, registry)
    # then the config holds its app beside core's, on the same connection
    assert config["apps"]["sample_plugin"] == {
        "models": ["tests.fixtures.sample_plugin.models"],
        "migrations": "tests.fixtures.sample_plugin.migrations",
        "default_connection": "default",
    }
    assert list(config["apps"]) == ["core", "party_committee", "sample_plugin"]
    # and its migration is pending after core's
    assert await pending_migrations(config) == [
        "core.0001_initial",
        "core.0002_search_indexes",
        "core.0003_keyset_indexes",
        "core.0004_accounts",
        "core.0005_audit",
        "core.0006_roles",
        "core.0007_cohort_org_unit",
        "core.0008_enrollment_history",
        "core.0009_stored_files",
        "core.0010_teaching",
        "core.0011_assessment_schemes",
        "core.0012_question_banks",
        "core.0013_exams",
        "core.0014_component_scores",
        "core.0015_results",
        "core.0016_plugin_components",
        "core.0017_topic_title_en",
        "party_committee.0001_conclusion_drafts",
        "sample_plugin.0001_initial",
    ]

    # when migrations are applied
    await apply_migrations(config)

    # then nothing is pending, the models match the migrations and the plugin's table exists
    assert await pending_migrations(config) == []
    assert await model_changes(config) == []
    context = await open_context(config)
    try:
        with context:
            rows = await context.db().execute_query_dict(
                'SELECT "id", "official_id", "mentor_name", "text", "written_on" '
                'FROM "sample_plugin_mentor_note"'
            )
            assert rows == []
            # and its model stores rows that reference a core official
            await sync_plugins(registry)
            official = await factories.official("Hoàng Văn Nhiên")
            note = await MentorNote.create(
                official=official,
                mentor_name="Lương Tiến Dũng",
                text="Nắm chắc quy trình tiếp dân; cần luyện thêm kỹ năng điều hành cuộc họp.",
                written_on=date(2019, 6, 14),
            )
            stored = await MentorNote.get(id=note.id).prefetch_related("official")
            assert stored.official.full_name == "Hoàng Văn Nhiên"
    finally:
        await context.close_connections()


class MislabelledModels:
    @hookimpl
    def plugin_info(self):
        return plugin_info("mentor_notes")

    @hookimpl
    def register_models(self):
        return [ModelApp("mentoring", ("tests.fixtures.sample_plugin.models",), "x.migrations")]


def test_register_models_app_label_must_be_the_plugin_id():
    registry = registry_with(MislabelledModels())

    with pytest.raises(PluginError) as raised:
        tortoise_config("sqlite://unused.sqlite3", registry)

    assert "'mentor_notes'" in str(raised.value)
    assert "'mentoring'" in str(raised.value)


# --------------------------------------------------------------------------------------------
# Curriculum
# --------------------------------------------------------------------------------------------

LAND_OFFICER = PostDeclaration(
    code="land_officer",
    title="Công chức Địa chính – Xây dựng",
    title_en="Land Administration – Construction officer",
    kind=PostKind.CIVIL_SERVANT,
)
LAND_TRACK = TrackDeclaration(
    code="land_officer",
    title="Học việc chức danh Công chức Địa chính – Xây dựng",
    title_en="Apprenticeship for commune land administration officers",
    posts=(LAND_OFFICER,),
    topics=(
        TopicDeclaration("LA01", "Quy trình cấp giấy chứng nhận quyền sử dụng đất"),
        TopicDeclaration("LA02", "Hòa giải tranh chấp đất đai ở cơ sở"),
    ),
)

LAND_TRACKS = """
{
  tracks(filter: {pluginIds: ["land_officer"]}) {
    totalCount
    edges { node { code title pluginId active posts { code title } topics { code title order } } }
  }
}
"""


class LandOfficerTrack:
    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_tracks(self):
        return [LAND_TRACK]


async def test_hook_register_tracks(client):
    # given a plugin declaring a track for a new post
    registry = registry_with(LandOfficerTrack())
    assert ("land_officer", "land_officer") in [(p.info.id, t.code) for p, t in registry.tracks()]
    # when the declarations are synced, as at start-up
    report = await sync_plugins(registry)
    # then the track, its post and its catalogue are in the API, owned by the plugin
    assert (report.tracks_created, report.posts_created, report.topics_created) == (1, 1, 2)
    data = await graphql_data(client, LAND_TRACKS)
    assert data["tracks"]["totalCount"] == 1
    assert data["tracks"]["edges"][0]["node"] == {
        "code": "land_officer",
        "title": "Học việc chức danh Công chức Địa chính – Xây dựng",
        "pluginId": "land_officer",
        "active": True,
        "posts": [{"code": "land_officer", "title": "Công chức Địa chính – Xây dựng"}],
        "topics": [
            {
                "code": "LA01",
                "title": "Quy trình cấp giấy chứng nhận quyền sử dụng đất",
                "order": 1,
            },
            {"code": "LA02", "title": "Hòa giải tranh chấp đất đai ở cơ sở", "order": 2},
        ],
    }
    # and a second sync (a restart) changes nothing
    assert not (await sync_plugins(registry)).changed


# --------------------------------------------------------------------------------------------
# GraphQL: one fake plugin contributing a type, a query field and a mutation field
# --------------------------------------------------------------------------------------------

PARCELS = {"Xã Vĩnh Hảo": 3120, "Xã Tân Quang": 2857}


@strawberry.enum(description="How a parcel is used (loại đất); no field returns it.")
class LandOfficerLandUse(Enum):
    RICE = "rice"
    RESIDENTIAL = "residential"
    PRODUCTION_FOREST = "production_forest"


@strawberry.type(description="A commune's land register in figures.")
class LandOfficerRegisterSummary:
    commune: str = strawberry.field(description="Tên xã.")
    parcels: int = strawberry.field(description="Parcels registered.")


@strawberry.type
class LandOfficerQueries:
    @strawberry.field(description="Register summary of a commune.")
    def land_officer_register_summary(
        self, info: Info, commune: str
    ) -> LandOfficerRegisterSummary | None:
        authorize_loaded(info, READ_REGISTER)
        if commune not in PARCELS:
            return None
        return LandOfficerRegisterSummary(commune=commune, parcels=PARCELS[commune])


@strawberry.input(description="A parcel an apprentice checked on site.")
class LandOfficerFieldCheckRecordInput:
    commune: str = strawberry.field(description="Tên xã.")
    parcel: str = strawberry.field(description="Số thửa, tờ bản đồ.")


@strawberry.type(description="Result of landOfficerRecordFieldCheck.")
class LandOfficerFieldCheckRecordPayload:
    parcel: str | None = strawberry.field(description="The recorded parcel; null on errors.")
    errors: list[UserError] = strawberry.field(description="Why nothing changed, if so.")


READ_REGISTER = "land_officer.read_register"
RECORD_FIELD_CHECK_PERMISSION = "land_officer.record_field_check"
FIELD_CHECKS: list[tuple[str, str]] = []
"""What landOfficerRecordFieldCheck recorded (the fake plugin keeps no table)."""


async def record_field_check(commune: str, parcel: str) -> str:
    if not parcel.strip():
        raise ServiceError.single("parcel", ErrorCode.REQUIRED, "Ghi số thửa và tờ bản đồ.")
    FIELD_CHECKS.append((commune, parcel))
    return parcel


@strawberry.type
class LandOfficerMutations:
    @strawberry.mutation(description="Record a parcel an apprentice checked on site.")
    async def land_officer_record_field_check(
        self, info: Info, input: LandOfficerFieldCheckRecordInput
    ) -> LandOfficerFieldCheckRecordPayload:
        await authorize(info, RECORD_FIELD_CHECK_PERMISSION)
        parcel, errors = await attempt(record_field_check(input.commune, input.parcel))
        return LandOfficerFieldCheckRecordPayload(parcel=parcel, errors=errors)


class LandOfficerGraphQL:
    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_graphql_types(self):
        return [LandOfficerLandUse]

    @hookimpl
    def register_query_fields(self):
        return [LandOfficerQueries]

    @hookimpl
    def register_permissions(self):
        return [
            PermissionDeclaration(READ_REGISTER, "Read register summaries.", public=True),
            PermissionDeclaration(
                RECORD_FIELD_CHECK_PERMISSION,
                "Record field checks.",
                frozenset({Role.COORDINATOR}),
            ),
        ]

    @hookimpl
    def register_mutation_fields(self):
        return [LandOfficerMutations]


LAND_USE_TYPE = """
{ __type(name: "LandOfficerLandUse") { kind name enumValues { name } } }
"""
REGISTER_SUMMARY = """
query Summary($commune: String!) {
  landOfficerRegisterSummary(commune: $commune) { commune parcels }
}
"""
RECORD_FIELD_CHECK = """
mutation Record($input: LandOfficerFieldCheckRecordInput!) {
  landOfficerRecordFieldCheck(input: $input) { parcel errors { field code message } }
}
"""


async def test_hook_register_graphql_types(settings: Settings, client):
    # given an app with a plugin registering an enum that no field returns
    async with serving(settings, registry_with(LandOfficerGraphQL())) as http:
        # when a client introspects it
        data = await graphql_data(http, LAND_USE_TYPE)
    # then the schema knows the type
    assert data["__type"] == {
        "kind": "ENUM",
        "name": "LandOfficerLandUse",
        "enumValues": [{"name": "RICE"}, {"name": "RESIDENTIAL"}, {"name": "PRODUCTION_FOREST"}],
    }
    # and an app without the plugin does not
    assert (await graphql_data(client, LAND_USE_TYPE))["__type"] is None


async def test_hook_register_query_fields(settings: Settings, client):
    # given an app with a plugin contributing a root query field
    async with serving(settings, registry_with(LandOfficerGraphQL())) as http:
        # when a client queries it
        data = await graphql_data(http, REGISTER_SUMMARY, {"commune": "Xã Vĩnh Hảo"})
        missing = await graphql_data(http, REGISTER_SUMMARY, {"commune": "Xã Không Có"})
    # then the plugin's resolver answers, beside the core fields
    assert data == {"landOfficerRegisterSummary": {"commune": "Xã Vĩnh Hảo", "parcels": 3120}}
    assert missing == {"landOfficerRegisterSummary": None}
    # and an app without the plugin has no such field
    body = await graphql(client, REGISTER_SUMMARY, {"commune": "Xã Vĩnh Hảo"})
    assert "landOfficerRegisterSummary" in body["errors"][0]["message"]


async def test_hook_register_mutation_fields(settings: Settings, db):
    # given an app with a plugin contributing a root mutation field, and a coordinator
    FIELD_CHECKS.clear()
    coordinator = await account_with(settings, Role.COORDINATOR)
    async with serving(settings, registry_with(LandOfficerGraphQL())) as http:
        http.cookies.set(SESSION_COOKIE, coordinator)
        # when the coordinator records a field check, then one without a parcel
        done = await graphql_data(
            http,
            RECORD_FIELD_CHECK,
            {"input": {"commune": "Xã Vĩnh Hảo", "parcel": "Thửa 112, tờ bản đồ số 7"}},
        )
        refused = await graphql_data(
            http, RECORD_FIELD_CHECK, {"input": {"commune": "Xã Vĩnh Hảo", "parcel": " "}}
        )
    # then the first is recorded and the second refused with a UserError, recording nothing
    assert done["landOfficerRecordFieldCheck"] == {
        "parcel": "Thửa 112, tờ bản đồ số 7",
        "errors": [],
    }
    assert refused["landOfficerRecordFieldCheck"] == {
        "parcel": None,
        "errors": [{"field": "parcel", "code": "REQUIRED", "message": "Ghi số thửa và tờ bản đồ."}],
    }
    assert FIELD_CHECKS == [("Xã Vĩnh Hảo", "Thửa 112, tờ bản đồ số 7")]


class TitleLengthLoader(DataLoader[int, int]):
    """Counts the batches it runs, to show a plugin's field loads its page in one."""

    batches: ClassVar[list[list[int]]] = []

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: list[int]) -> list[int]:
        TitleLengthLoader.batches.append(sorted(keys))
        titles = dict(await Topic.filter(id__in=keys).values_list("id", "title"))
        return [len(titles[key]) for key in keys]


@strawberry.type
class LandOfficerTopicFields:
    @strawberry.field(description="How long the topic's title is, in characters.")
    async def land_officer_title_length(self, info: Info) -> int:
        loader = info.context.loaders.shared(("land_officer.title_length",), TitleLengthLoader)
        return await loader.load(self.id)  # type: ignore[attr-defined]


class LandOfficerTopicExtension:
    def __init__(self, *extensions: TypeExtension) -> None:
        self.extensions = list(extensions) or [
            TypeExtension(extends=TopicType, fields=LandOfficerTopicFields)
        ]

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def extend_graphql_types(self):
        return self.extensions


TOPIC_LENGTHS = "{ topics(first: 5) { edges { node { title landOfficerTitleLength } } } }"


async def test_hook_extend_graphql_types(settings: Settings, client):
    # given an app with a plugin adding a field to the core type Topic
    TitleLengthLoader.batches.clear()
    async with serving(settings, registry_with(LandOfficerTopicExtension())) as http:
        # when a client reads a page of topics with the plugin's field
        data = await graphql_data(http, TOPIC_LENGTHS)
    # then the plugin's resolver answers for each topic, from one batch for the whole page
    nodes = [edge["node"] for edge in data["topics"]["edges"]]
    assert len(nodes) == 5
    assert all(node["landOfficerTitleLength"] == len(node["title"]) for node in nodes)
    assert [len(batch) for batch in TitleLengthLoader.batches] == [5]
    # and an app without the plugin has no such field on Topic
    body = await graphql(client, TOPIC_LENGTHS)
    assert "landOfficerTitleLength" in body["errors"][0]["message"]


@strawberry.type
class UnprefixedTopicFields:
    @strawberry.field(description="Named without the plugin's prefix.")
    def title_length(self) -> int:
        return 0


@strawberry.type
class ClashingTopicFields:
    @strawberry.field(description="Taken by the first extension.")
    def land_officer_title_length(self) -> int:
        return 0


@pytest.mark.parametrize(
    ("extensions", "message"),
    [
        (
            (TypeExtension(TopicType, UnprefixedTopicFields),),
            "plugin 'land_officer': field Topic.titleLength must start with 'landOfficer'",
        ),
        (
            (
                TypeExtension(TopicType, LandOfficerTopicFields),
                TypeExtension(TopicType, ClashingTopicFields),
            ),
            "plugin 'land_officer': field Topic.landOfficerTitleLength is already defined",
        ),
        (
            (TypeExtension(dict, LandOfficerTopicFields),),
            "plugin 'land_officer': <class 'dict'> is not a core object type",
        ),
        (
            (TypeExtension(TopicType, dict),),
            "plugin 'land_officer': the fields for Topic must be a strawberry type",
        ),
    ],
    ids=["unprefixed", "taken", "not-a-type", "fields-not-a-type"],
)
def test_a_bad_type_extension_stops_start_up(
    settings: Settings, extensions: tuple[TypeExtension, ...], message: str
):
    # given a plugin extending a core type badly
    registry = registry_with(LandOfficerTopicExtension(*extensions))
    # when the schema is built, then start-up stops naming the plugin and the field
    with pytest.raises(PluginError, match=re.escape(message)):
        build_schema(registry, settings)
    # and the core type is left as it was for the next schema
    assert "landOfficerTitleLength" not in export_sdl(build_schema(registry_with(), settings))


# --------------------------------------------------------------------------------------------
# Demo data
# --------------------------------------------------------------------------------------------


class DemoObserver:
    """Records what the database holds when its load_demo_data runs."""

    def __init__(self) -> None:
        self.seen: list[dict[str, object]] = []

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    async def load_demo_data(self, demo: DemoContext) -> None:
        self.seen.append(
            {
                "seed": demo.seed,
                "district": await OrgUnit.exists(code=DISTRICT_CODE),
                "programme": await Programme.exists(code="DA-2016-2020"),
                "officials": await Official.all().count() > 0,
                "built_in_cohorts": await Cohort.filter(
                    track__plugin_id="party_committee"
                ).exists(),
            }
        )


async def account_with(settings: Settings, *roles: Role) -> str:
    """A new account holding ``roles`` on a new district; returns its session cookie."""
    account = await Account.create(
        username=f"tk{uuid.uuid4().hex[:8]}", display_name="Cán bộ", password_hash="!"
    )
    unit = await factories.district()
    for role in roles:
        await RoleGrant.create(account_id=account.id, role=role, org_unit_id=unit.id)
    return await start_session(account, settings, now())


BANK_TRACK = TrackDeclaration(
    code="land_question_bank",
    title="Học việc chức danh Công chức Địa chính – Xây dựng",
    title_en="Apprenticeship for commune land administration officers",
    posts=(
        PostDeclaration(
            "land_bank_officer",
            "Công chức Địa chính (ngân hàng câu hỏi)",
            "Land Administration officer",
            PostKind.CIVIL_SERVANT,
        ),
    ),
    topics=(
        TopicDeclaration("LA01", "Cấp giấy chứng nhận lần đầu"),
        TopicDeclaration("LA02", "Hòa giải tranh chấp đất đai"),
    ),
)


def land_question(code: str, topic: str = "LA01", correct: str = "B") -> dict[str, object]:
    return {
        "code": code,
        "topic": topic,
        "stem": "Ai ký giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân?",
        "options": ["Chủ tịch UBND xã", "Chủ tịch UBND huyện", "Công chức Địa chính"],
        "correct": correct,
        "explanation": "Thẩm quyền của UBND cấp huyện đối với hộ gia đình, cá nhân.",
    }


class LandOfficerBank:
    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_tracks(self):
        return [BANK_TRACK]

    @hookimpl
    def register_question_banks(self):
        return [QuestionBankDeclaration(BANK_TRACK.code, self.path)]


LAND_QUESTIONS = """
query Bank($track: ID!) {
  questions(filter: {trackId: $track}) {
    edges { node { code topic { code } currentVersion { number stem options correctOption } } }
  }
}
"""


def nodes(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [edge["node"] for edge in data[field]["edges"]]


async def test_hook_register_question_banks(settings: Settings, db, tmp_path: Path):
    # given a plugin shipping a bank of two questions for its track, and an appraiser
    bank = tmp_path / "land.json"
    bank.write_text(json.dumps([land_question("LA01-1"), land_question("LA02-1", "LA02", "A")]))
    appraiser = await account_with(settings, Role.APPRAISER)
    async with serving(settings, registry_with(LandOfficerBank(bank))) as http:
        http.cookies.set(SESSION_COOKIE, appraiser)
        track = await Track.get(code=BANK_TRACK.code)
        variables = {"track": encode_id("Track", track.id)}
        # when the app has started (the catalogue synced), the appraiser reads the bank
        shipped = nodes(await graphql_data(http, LAND_QUESTIONS, variables), "questions")
        # and the board revises a shipped question with an import of its own
        revised = replace(
            read_rows(json.dumps([land_question("LA01-1")]), "json")[0][0],
            stem="Thẩm quyền cấp giấy chứng nhận lần đầu cho hộ gia đình?",
        )
        await import_questions(OPERATOR, track.id, [revised], dry_run=False)
    # then the shipped questions are in the bank, as versions 1
    assert [(q["code"], q["topic"]["code"], q["currentVersion"]["number"]) for q in shipped] == [
        ("LA01-1", "LA01", 1),
        ("LA02-1", "LA02", 1),
    ]
    assert shipped[0]["currentVersion"]["correctOption"] == "B"
    # and a later start-up adds the plugin's new questions but keeps the board's revision
    bank.write_text(json.dumps([land_question("LA01-1"), land_question("LA01-2")]))
    async with serving(settings, registry_with(LandOfficerBank(bank))) as http:
        http.cookies.set(SESSION_COOKIE, appraiser)
        again = nodes(await graphql_data(http, LAND_QUESTIONS, variables), "questions")
    assert {q["code"]: q["currentVersion"]["number"] for q in again} == {
        "LA01-1": 2,
        "LA01-2": 1,
        "LA02-1": 1,
    }
    assert again[0]["currentVersion"]["stem"] == revised.stem


@pytest.mark.parametrize(
    ("questions", "problem"),
    [
        ([land_question("LA01-1", correct="")], "question LA01-1 (row 1), correct: "),
        ([land_question("LA01-1", correct="D")], "question LA01-1 (row 1), correct: "),
        ([land_question("LA01-1", topic="LA09")], "question LA01-1 (row 1), topic: "),
        ([land_question("LA01-1"), land_question("LA01-1")], "question LA01-1 (row 2), code: "),
        ("not json", "Not JSON"),
    ],
    ids=["no-correct-option", "correct-beyond-options", "unknown-topic", "code-twice", "not-json"],
)
def test_a_bad_question_bank_stops_start_up(
    settings: Settings, tmp_path: Path, questions: object, problem: str
):
    # given a plugin whose shipped bank has a bad question
    bank = tmp_path / "land.json"
    bank.write_text(questions if isinstance(questions, str) else json.dumps(questions))
    # when the app is made, then start-up stops naming the plugin, the file and the question
    with pytest.raises(PluginError) as raised:
        create_app(settings, registry=registry_with(LandOfficerBank(bank)))
    assert str(raised.value).startswith(f"plugin 'land_officer', question bank '{bank}': ")
    assert problem in str(raised.value)


async def test_hook_register_permissions(settings: Settings, db):
    # given the plugin's own permissions: reading its register is public, recording a field
    # check needs a coordinator
    FIELD_CHECKS.clear()
    registry = registry_with(LandOfficerGraphQL())
    assert registry.permissions()[RECORD_FIELD_CHECK_PERMISSION].roles == {Role.COORDINATOR}
    viewer = await account_with(settings, Role.VIEWER)
    variables = {"input": {"commune": "Xã Vĩnh Hảo", "parcel": "Thửa 112, tờ bản đồ số 7"}}
    async with serving(settings, registry) as http:
        # when nobody is signed in, they read the register but cannot record
        read = await graphql_data(http, REGISTER_SUMMARY, {"commune": "Xã Vĩnh Hảo"})
        anonymous = await graphql(http, RECORD_FIELD_CHECK, variables)
        # and a viewer cannot record either
        http.cookies.set(SESSION_COOKIE, viewer)
        forbidden = await graphql(http, RECORD_FIELD_CHECK, variables)
    # then the plugin's field was checked exactly as a core field is
    assert read["landOfficerRegisterSummary"]["parcels"] == 3120
    assert anonymous["errors"][0]["extensions"] == {
        "code": "UNAUTHENTICATED",
        "permission": RECORD_FIELD_CHECK_PERMISSION,
    }
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert FIELD_CHECKS == []


class BadPermissions:
    def __init__(self, *names: str) -> None:
        self.names = names

    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    def register_permissions(self):
        return [PermissionDeclaration(name, "Something.") for name in self.names]


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("record_field_check",), "must be snake_case and start with 'land_officer.'"),
        (("party_committee.score",), "must be snake_case and start with 'land_officer.'"),
        (("land_officer.Record",), "must be snake_case"),
        (("land_officer.record", "land_officer.record"), "registers permission"),
    ],
)
def test_a_bad_permission_declaration_stops_start_up_naming_the_plugin(names, message):
    registry = registry_with(BadPermissions(*names))

    with pytest.raises(PluginError, match=message) as raised:
        registry.permissions()

    assert "plugin 'land_officer'" in str(raised.value)


async def test_hook_load_demo_data(db, settings):
    # given an empty database and a plugin with demo data
    plugin = DemoObserver()
    registry = registry_with(plugin)
    # when the demo data is loaded twice
    first = await load_demo(registry, settings)
    second = await load_demo(registry, settings)
    # then the plugin was called once, after the core data and the built-ins' demo data existed
    assert (first, second) == (True, False)
    assert plugin.seen == [
        {
            "seed": 2019,
            "district": True,
            "programme": True,
            "officials": True,
            "built_in_cohorts": True,
        }
    ]


class FailingDemo:
    @hookimpl
    def plugin_info(self):
        return plugin_info("land_officer")

    @hookimpl
    async def load_demo_data(self, demo: DemoContext) -> None:
        raise RuntimeError("thiếu danh sách thửa đất mẫu")


async def test_a_failing_demo_plugin_leaves_no_demo_data(db, settings):
    registry = registry_with(FailingDemo())

    with pytest.raises(PluginError) as raised:
        await load_demo(registry, settings)

    assert str(raised.value) == (
        "plugin 'land_officer' failed in load_demo_data: "
        "RuntimeError('thiếu danh sách thửa đất mẫu')"
    )

    assert not await OrgUnit.exists(code=DISTRICT_CODE)
    assert await Official.all().count() == 0


# --------------------------------------------------------------------------------------------
# Sign-in
# --------------------------------------------------------------------------------------------

ME = "{ me { username } }"


class ProvinceSso:
    """Signs in whoever the province's proxy names in ``x-province-sso-user``."""

    @hookimpl
    def plugin_info(self):
        return plugin_info("province_sso")

    @hookimpl
    async def actor_from_request(self, request, trusted_proxy: bool) -> Account | None:
        username = request.headers.get("x-province-sso-user")
        if not trusted_proxy or not username:
            return None
        return await Account.get_or_none(username=username)


class NeverAsked:
    """Asked after the SSO plugin: its awaitable must not run once an account was found."""

    def __init__(self) -> None:
        self.asked = 0

    @hookimpl
    def plugin_info(self):
        return plugin_info("never_asked")

    @hookimpl
    async def actor_from_request(self) -> None:
        self.asked += 1


async def test_hook_actor_from_request(db, settings: Settings):
    # given an account and a plugin signing in by a proxy's header
    await create_account(
        AccountDraft("nhien.hv", "Hoàng Văn Nhiên", "Hà Giang 2019 học việc"), settings
    )
    later = NeverAsked()
    registry = registry_with(ProvinceSso(), later)
    header = {"x-province-sso-user": "nhien.hv"}
    trusting = replace(settings, trusted_proxies=frozenset({"127.0.0.1"}))
    # when the header comes through the trusted proxy, the account is signed in
    async with serving(trusting, registry) as client:
        trusted = await client.post("/graphql", json={"query": ME}, headers=header)
        without_header = await client.post("/graphql", json={"query": ME})
    # and when it comes from anyone else, nobody is
    async with serving(settings, registry) as client:
        untrusted = await client.post("/graphql", json={"query": ME}, headers=header)
    assert trusted.json()["data"] == {"me": {"username": "nhien.hv"}}
    assert without_header.json()["data"] == {"me": None}
    assert untrusted.json()["data"] == {"me": None}
    # the plugin after the one that answered was asked only when the first had no answer
    assert later.asked == 2


# --------------------------------------------------------------------------------------------
# Domain events
# --------------------------------------------------------------------------------------------


class CohortWatcher:
    """Records each event with the status a separate connection sees (only committed data)."""

    def __init__(self, plugin_id: str, settings: Settings) -> None:
        self.plugin_id = plugin_id
        self.settings = settings
        self.events: list[tuple[int, CohortStatus, CohortStatus, CohortStatus, str]] = []

    @hookimpl
    def plugin_info(self):
        return plugin_info(self.plugin_id)

    @hookimpl
    async def cohort_status_changed(
        self, cohort: Cohort, previous: CohortStatus, current: CohortStatus
    ) -> None:
        committed = await self.committed_status(cohort.id)
        self.events.append((cohort.id, cohort.status, previous, current, committed))

    async def committed_status(self, cohort_id: int) -> str:
        config = tortoise_config(self.settings.database_url, registry_with())
        context = await open_context(config)
        try:
            with context:
                row = await Cohort.get(id=cohort_id)
                return row.status.value
        finally:
            await context.close_connections()


class CurrentOnly:
    """Accepts fewer arguments than the hook offers: hooks are called with keywords."""

    def __init__(self) -> None:
        self.seen: list[CohortStatus] = []

    @hookimpl
    def plugin_info(self):
        return plugin_info("district_report")

    @hookimpl
    def cohort_status_changed(self, current: CohortStatus) -> None:
        self.seen.append(current)


class Exploding:
    @hookimpl
    def plugin_info(self):
        return plugin_info("exploding")

    @hookimpl
    async def cohort_status_changed(self, cohort: Cohort) -> None:
        raise RuntimeError("máy chủ thư điện tử không trả lời")


async def test_hook_cohort_status_changed(db, settings: Settings, caplog):
    # given plugins watching cohorts, one of which fails, and an open cohort
    watcher = CohortWatcher("cohort_watch", settings)
    current_only = CurrentOnly()
    registry = registry_with(watcher, Exploding(), current_only)
    cohort = await factories.cohort("party_committee", CohortStatus.OPEN)
    # when a coordinator starts it
    with caplog.at_level(logging.ERROR, logger="core.services.cohorts"):
        changed = await change_cohort_status(
            OPERATOR, cohort.id, CohortStatus.IN_PROGRESS, registry
        )
    # then each plugin heard once, with the cohort in its new status, after the commit
    assert changed.status == CohortStatus.IN_PROGRESS
    assert watcher.events == [
        (
            cohort.id,
            CohortStatus.IN_PROGRESS,
            CohortStatus.OPEN,
            CohortStatus.IN_PROGRESS,
            "in_progress",
        )
    ]
    assert current_only.seen == [CohortStatus.IN_PROGRESS]
    # and the failing plugin was logged, naming it, without undoing the change
    failures = [r for r in caplog.records if r.getMessage() == "cohort_status_changed hook failed"]
    assert len(failures) == 1
    error = failures[0].exc_info[1]
    assert str(error) == (
        "plugin 'exploding' failed in cohort_status_changed: "
        "RuntimeError('máy chủ thư điện tử không trả lời')"
    )
    assert (await Cohort.get(id=cohort.id)).status == CohortStatus.IN_PROGRESS


async def test_a_refused_status_change_notifies_nobody(db, settings: Settings):
    watcher = CohortWatcher("cohort_watch", settings)
    registry = registry_with(watcher)
    cohort = await factories.cohort("party_committee", CohortStatus.PLANNED)

    with pytest.raises(ServiceError):
        await change_cohort_status(OPERATOR, cohort.id, CohortStatus.CLOSED, registry)

    assert watcher.events == []


class EarlyBird:
    @hookimpl
    def plugin_info(self):
        return plugin_info("early_bird")

    @hookimpl(tryfirst=True)
    def register_tracks(self):
        return []


class LateComer:
    @hookimpl
    def plugin_info(self):
        return plugin_info("late_comer")

    @hookimpl(trylast=True)
    def register_tracks(self):
        return []


def test_tryfirst_and_trylast_move_an_implementation_to_the_front_or_back():
    # given plugins loaded after the built-ins, one marked trylast and one tryfirst
    registry = registry_with(LateComer(), EarlyBird())
    # when the hook's implementations are listed in call order
    order = [impl.plugin_name for impl in registry.implementations("register_tracks")]
    # then tryfirst comes first, trylast last, the rest in load order
    assert order == [
        "early_bird",
        "party_committee",
        "peoples_committee",
        "commune_civil_servants",
        "late_comer",
    ]
