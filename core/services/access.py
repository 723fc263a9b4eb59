"""Who asks, and where they may act: the rule every resolver and service asks.

An :class:`Access` is built once per request from the viewer's role grants (one statement,
:func:`access_for`) and passed down to the services, which are the ones to decide:

- a permission (``core.permissions`` and the plugins' ``register_permissions``) is held by the
  roles it names, each over the org unit of its grant and every unit below it
  (``OrgUnit.path`` is the materialised chain of codes, so "below" is a path prefix);
- a learner's grant reaches their own record only: their official, enrollments and cohorts;
- without sign-in only ``public`` permissions hold;
- :data:`OPERATOR` (the command line, the demo loader) may do everything.

Lists are scoped in SQL: :meth:`Access.scope` gives the filter that selects the rows of a
scoped model (officials, enrollments, cohorts) the viewer may reach, so a page and its
``totalCount`` agree and nothing is loaded to be dropped. Officials, enrollments and results
are scoped by the official's org unit; a cohort by the org unit that runs it, and also for
whoever may read one of its enrollments; lesson content by its programme's org unit, and for a
learner by the programmes of their cohorts; a session, an attendance line, a lesson version or
a piece of evidence as its parent (:data:`SCOPED_THROUGH`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import F, Q, RawSQL, Subquery
from tortoise.models import Model

from core.declarations import PermissionDeclaration
from core.models import (
    Account,
    Attendance,
    BoardMember,
    Cohort,
    CohortSession,
    Enrollment,
    Exam,
    ExamSitting,
    LessonContent,
    LessonVersion,
    Official,
    OrgUnit,
    PracticumEvidence,
    Programme,
    RoleGrant,
)
from core.models.enums import BoardKind, LessonVersionStatus, Role
from core.permissions import APPRAISE_CONTENT, CORE_PERMISSIONS, DRAFT_CONTENT, in_words
from core.services.errors import NotAllowedError, SignInRequiredError

BOARD_OF = {
    DRAFT_CONTENT: BoardKind.DRAFTING_TEACHING_BOARD,
    APPRAISE_CONTENT: BoardKind.APPRAISAL_BOARD,
}
"""Permissions that need, besides the role, a seat on a board of the programme concerned."""


@dataclass(frozen=True)
class Grant:
    """A role held over an org unit (and its subtree), as the permission layer sees it."""

    role: Role
    org_unit_id: int
    path: str


class Access:
    """What one viewer may do and reach. Immutable; cheap to ask."""

    def __init__(
        self,
        account: Account | None,
        grants: Iterable[Grant],
        permissions: Mapping[str, PermissionDeclaration],
        *,
        top_units: int = 0,
        operator: bool = False,
    ) -> None:
        self.account = account
        self.grants = tuple(grants)
        self.permissions = permissions
        self.top_units = top_units
        """How many top org units (trees) the database holds, when the grants were read."""
        self.operator = operator
        self._paths: dict[str, tuple[str, ...]] = {}

    @property
    def signed_in(self) -> bool:
        return self.operator or self.account is not None

    @property
    def account_id(self) -> int | None:
        return None if self.account is None else self.account.id

    def _declared(self, name: str) -> PermissionDeclaration:
        try:
            return self.permissions[name]
        except KeyError:
            raise LookupError(f"no permission {name!r} is registered") from None

    def allows(self, name: str) -> bool:
        """Whether the viewer holds ``name`` anywhere (its own record, for a learner)."""
        if self.operator:
            return True
        declared = self._declared(name)
        return declared.public or any(grant.role in declared.roles for grant in self.grants)

    def unit_paths(self, name: str) -> tuple[str, ...]:
        """The paths of the subtrees where the viewer holds ``name`` by a staff grant, with the
        subtrees inside others dropped."""
        found = self._paths.get(name)
        if found is None:
            roles = self._declared(name).roles - {Role.LEARNER}
            paths = sorted({grant.path for grant in self.grants if grant.role in roles})
            found = tuple(
                path
                for path in paths
                if not any(path.startswith(other) for other in paths if other != path)
            )
            self._paths[name] = found
        return found

    def everywhere(self, name: str) -> bool:
        """Whether the viewer holds ``name`` over every org-unit tree (then lists need no
        scope filter at all)."""
        tops = [path for path in self.unit_paths(name) if path.count("/") == 2]  # "/CODE/"
        return self.top_units > 0 and len(tops) >= self.top_units

    def allows_on(self, name: str, path: str) -> bool:
        """Whether the viewer holds ``name`` over the org unit whose path is ``path``."""
        if self.operator or self._declared(name).public:
            return True
        return any(path.startswith(prefix) for prefix in self.unit_paths(name))

    def own_official_id(self, name: str) -> int | None:
        """The viewer's own official record, if a learner's grant gives them ``name`` on it."""
        if self.account is None or self.account.official_id is None:
            return None
        if Role.LEARNER not in self._declared(name).roles:
            return None
        if not any(grant.role == Role.LEARNER for grant in self.grants):
            return None
        return self.account.official_id

    def require(self, name: str, path: str | None = None) -> None:
        """Raise unless the viewer holds ``name`` (over the unit at ``path``, when given).

        :raises SignInRequiredError: not signed in, and ``name`` is not public.
        :raises NotAllowedError: signed in, without the permission there.
        """
        allowed = self.allows(name) if path is None else self.allows_on(name, path)
        if allowed:
            return
        if not self.signed_in:
            raise SignInRequiredError
        raise NotAllowedError(f"You are not allowed to {in_words(name)} here.")

    async def require_on(self, name: str, org_unit_id: int) -> None:
        """:meth:`require` over the org unit ``org_unit_id`` (which must exist); the operator
        is not looked up."""
        if not self.operator:
            self.require(name, (await OrgUnit.get(id=org_unit_id)).path)

    # -- scopes in SQL ------------------------------------------------------------------------

    def scope(self, model: type[Model], name: str) -> Q | None:
        """The filter selecting the rows of ``model`` the viewer reaches with ``name``, or
        ``None`` when the model is not scoped (or the viewer is the operator)."""
        if self.operator or self.everywhere(name):
            return None
        if model is Official:
            return self._officials(name)
        if model is Enrollment:
            return self._enrollments(name)
        if model is Cohort:
            return self._cohorts(name)
        if model is LessonContent:
            return self._lesson_contents(name)
        through = SCOPED_THROUGH.get(model)
        if through is not None:
            key, parent = through
            parent_scope = self.scope(parent, name)
            if parent_scope is None:
                return None
            within: dict[str, Any] = {
                f"{key}__in": Subquery(parent.filter(parent_scope).values("id"))
            }
            if model is LessonVersion and not self.sees_drafts(name):
                within["status"] = LessonVersionStatus.APPROVED
            return Q(**within)
        return None

    def _units(self, name: str) -> Subquery | None:
        paths = self.unit_paths(name)
        if not paths:
            return None
        within = Q(*(Q(path__startswith=path) for path in paths), join_type=Q.OR)
        # The annotation keeps tortoise from adding OrgUnit's default ORDER BY, which stops
        # PostgreSQL from turning the subquery into a join (measured: 60 ms instead of 1 ms).
        return Subquery(OrgUnit.filter(within).annotate(unit=F("id")).values("unit"))

    def _officials(self, name: str) -> Q:
        return self._any_of(name, lambda units: Q(org_unit_id__in=units), lambda own: Q(id=own))

    def _enrollments(self, name: str) -> Q:
        return self._any_of(
            name,
            lambda units: Q(
                official_id__in=Subquery(Official.filter(org_unit_id__in=units).values("id"))
            ),
            lambda own: Q(official_id=own),
        )

    def _cohorts(self, name: str) -> Q:
        reachable = Enrollment.filter(self._enrollments(name)).values("cohort_id")
        return self._any_of(
            name, lambda units: Q(org_unit_id__in=units), None, Q(id__in=Subquery(reachable))
        )

    def _lesson_contents(self, name: str) -> Q:
        return self._any_of(
            name,
            lambda units: Q(
                programme_id__in=Subquery(Programme.filter(org_unit_id__in=units).values("id"))
            ),
            lambda own: Q(
                programme_id__in=Subquery(
                    Cohort.filter(enrollments__official_id=own).values("programme_id")
                )
            ),
        )

    def sees_drafts(self, name: str) -> bool:
        """Whether the viewer reads lesson versions that are not approved: staff do, a learner
        reads approved content only."""
        return self.operator or self.everywhere(name) or bool(self.unit_paths(name))

    def _any_of(
        self,
        name: str,
        in_units: Callable[[Subquery], Q],
        own_record: Callable[[int], Q] | None,
        *more: Q,
    ) -> Q:
        """The rows matching ``in_units`` (the org units where the viewer holds ``name``),
        ``own_record`` (the viewer's own official, for a learner) or ``more``; none if no
        clause applies.

        No clause is ORed in for nothing: an ``OR`` keeps PostgreSQL from a semi-join and makes
        it walk the page's whole index (measured: 75,000 rows read for a page of 100).
        """
        found = list(more)
        units = self._units(name)
        if units is not None:
            found.append(in_units(units))
        own = self.own_official_id(name)
        if own is not None and own_record is not None:
            found.append(own_record(own))
        if not found:
            return Q(id__in=[])
        return found[0] if len(found) == 1 else Q(*found, join_type=Q.OR)

    async def reachable(self, model: type[Model], name: str, keys: Iterable[int]) -> set[int]:
        """Which of ``keys`` (primary keys of existing rows) the viewer reaches with ``name``:
        one statement for a scoped model, none otherwise."""
        wanted = set(keys)
        scope = self.scope(model, name)
        if scope is None or not wanted:
            return wanted
        found: list[Any] = await model.filter(scope, id__in=wanted).values_list("id", flat=True)
        return {int(key) for key in found}

    async def require_board_seat(self, name: str, programme: Programme) -> None:
        """Raise unless the viewer holds ``name`` (drafting or appraising) over the
        programme's org unit *and* sits on the programme's board for it."""
        await self.require_on(name, programme.org_unit_id)
        if self.operator:
            return
        seated = await BoardMember.exists(
            account_id=self.account_id,
            board__programme_id=programme.id,
            board__kind=BOARD_OF[name],
        )
        if not seated:
            raise NotAllowedError(
                "You need a seat on this programme's "
                f"{BOARD_OF[name].value.replace('_', ' ')} board to do this."
            )


SCOPED_THROUGH: Mapping[type[Model], tuple[str, type[Model]]] = {
    LessonVersion: ("content_id", LessonContent),
    CohortSession: ("cohort_id", Cohort),
    Attendance: ("enrollment_id", Enrollment),
    PracticumEvidence: ("enrollment_id", Enrollment),
    ExamSitting: ("enrollment_id", Enrollment),
    Exam: ("cohort_id", Cohort),
}
"""Models scoped as their parent is: a row is reachable when its parent (by ``key``) is."""


CORE_PERMISSION_MAP: Mapping[str, PermissionDeclaration] = {
    permission.name: permission for permission in CORE_PERMISSIONS
}
OPERATOR = Access(None, (), CORE_PERMISSION_MAP, operator=True)
"""The server's operator (command line, demo loader): every permission, everywhere. Services
called on behalf of the operator get this; a request never does."""


TOP_UNITS_SQL = 'SELECT COUNT(*) FROM "org_unit" WHERE "parent_id" IS NULL'
"""How many org-unit trees there are (an index on ``parent_id`` answers it)."""
TOP_UNITS = RawSQL(f"({TOP_UNITS_SQL})")


async def grants_for(account_id: int) -> tuple[list[Grant], int]:
    """An account's grants with their org units' paths, and how many top org units there are
    (one statement)."""
    rows = (
        await RoleGrant.filter(account_id=account_id)
        .annotate(top_units=TOP_UNITS)
        .values_list("role", "org_unit_id", "org_unit__path", "top_units")
    )
    grants = [Grant(Role(role), unit_id, path) for role, unit_id, path, _ in rows]
    return grants, int(rows[0][3]) if rows else 0


async def access_for(
    account: Account | None,
    permissions: Mapping[str, PermissionDeclaration],
    roles: frozenset[Role] | None = None,
    known: tuple[list[Grant], int] | None = None,
) -> Access:
    """The access of ``account`` (``None``: not signed in) under the registered permissions;
    with ``roles`` (an API token limited to some), only its grants of those roles count.
    ``known`` gives the grants and the number of top units when the caller read them already
    (with the session)."""
    if account is None:
        grants: list[Grant] = []
        top_units = 0
    else:
        grants, top_units = known if known is not None else await grants_for(account.id)
    if roles is not None:
        grants = [grant for grant in grants if grant.role in roles]
    return Access(account, grants, permissions, top_units=top_units)
