"""The public plugin API of hocviec: everything a plugin author needs, in one stable module.

A plugin imports from here and nowhere else in hocviec (``core`` and ``schema`` are internals,
free to change between minor versions; this surface follows the API's versioning and its
CHANGELOG). The built-in plugins and the guide's example do the same, which a test checks.

- the hook marker: :data:`hookimpl` (the hooks are documented in ``docs/hooks.md``);
- what hooks return: the declaration classes (:class:`PluginInfo`, :class:`TrackDeclaration`, …);
- the models hooks receive (:class:`Cohort`, :class:`Result`, :class:`Account`, …);
- the enumerations declarations and services use (:class:`Role`, :class:`ComponentKind`, …);
- who may do what: :class:`Access`, :func:`authorize`, :data:`OPERATOR`, and the errors a service
  raises and a resolver turns into ``UserError`` s (:class:`ServiceError`, :class:`ErrorCollector`,
  :class:`ErrorCode`, :func:`attempt`);
- the GraphQL helpers a plugin's types and mutations use (:class:`ModelNode`, :func:`input_id`,
  :func:`list_bound`, :data:`INPUT`, :class:`UserError`) and the core types its fields return;
- the services a plugin's mutations and demo data call.
"""

from __future__ import annotations

from core.clock import frozen, now
from core.declarations import (
    DEFAULT_BANDS,
    ActivityKindDeclaration,
    BandDeclaration,
    CompletionRule,
    ComponentDeclaration,
    ComponentKindDeclaration,
    DemoContext,
    ModelApp,
    PermissionDeclaration,
    PluginInfo,
    PostDeclaration,
    PracticumItemDeclaration,
    SchemeDeclaration,
    TopicDeclaration,
    TrackDeclaration,
)
from core.hookspecs import hookimpl
from core.models import Account, Cohort, Enrollment, Official, Result
from core.models.enums import (
    AttendanceStatus,
    CohortStatus,
    ComponentKind,
    EnrollmentStatus,
    Gender,
    OrgLevel,
    PostKind,
    Role,
)
from core.scores import from_hundredths, to_hundredths
from core.services.access import OPERATOR, Access
from core.services.demo import demo_cohort
from core.services.errors import (
    ErrorCode,
    ErrorCollector,
    FieldError,
    NotAllowedError,
    ServiceError,
)
from schema.errors import INPUT, UserError, attempt
from schema.ids import encode_id, input_id
from schema.limits import list_bound
from schema.node import ModelNode
from schema.permissions import authorize, authorize_loaded

__all__ = [
    "DEFAULT_BANDS",
    "INPUT",
    "OPERATOR",
    "Access",
    "Account",
    "ActivityKindDeclaration",
    "AttendanceStatus",
    "BandDeclaration",
    "Cohort",
    "CohortStatus",
    "CompletionRule",
    "ComponentDeclaration",
    "ComponentKind",
    "ComponentKindDeclaration",
    "DemoContext",
    "Enrollment",
    "EnrollmentStatus",
    "ErrorCode",
    "ErrorCollector",
    "FieldError",
    "Gender",
    "ModelApp",
    "ModelNode",
    "NotAllowedError",
    "Official",
    "OrgLevel",
    "PermissionDeclaration",
    "PluginInfo",
    "PostDeclaration",
    "PostKind",
    "PracticumItemDeclaration",
    "Result",
    "Role",
    "SchemeDeclaration",
    "ServiceError",
    "TopicDeclaration",
    "TrackDeclaration",
    "UserError",
    "attempt",
    "authorize",
    "authorize_loaded",
    "demo_cohort",
    "encode_id",
    "from_hundredths",
    "frozen",
    "hookimpl",
    "input_id",
    "list_bound",
    "now",
    "to_hundredths",
]
