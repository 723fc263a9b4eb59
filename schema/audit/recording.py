"""Every root mutation runs in one transaction and leaves exactly one audit entry.

:func:`audit_mutations` wraps the resolver of each field of the ``Mutation`` type (the core's
and the plugins' alike) once the schema is built. The wrapped resolver runs inside
:func:`core.transactions.atomic`; the entry is written in that transaction when the mutation
returns (``DONE``, or ``REFUSED`` with its user errors), and on its own after the rollback when
it raises (``DENIED`` for a sign-in or access error, ``REFUSED`` for a bad argument, ``FAILED``
otherwise). Inputs are stored with secrets redacted and long text cut.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo, GraphQLSchema
from strawberry import relay

from core.models import Account
from core.models.enums import AuditOutcome
from core.services import audit
from core.services.accounts import now
from core.transactions import atomic
from schema.node import ModelNode

SECRET_WORDS = ("password", "token", "secret")
"""An input field whose name holds one of these is stored as ``"[redacted]"``."""
REDACTED = "[redacted]"
TEXT_LIMIT = 1000
"""Characters of one input text kept in the log."""
ACCESS_CODES = frozenset({"UNAUTHENTICATED", "FORBIDDEN"})

Resolver = Callable[..., Any]


def audit_mutations(schema: GraphQLSchema) -> None:
    """Wrap every root mutation resolver of ``schema`` (once)."""
    if schema.mutation_type is None:
        return
    for name, field in schema.mutation_type.fields.items():
        if field.resolve is not None and not getattr(field.resolve, "audited", False):
            field.resolve = _audited(name, field.resolve)


def _audited(operation: str, resolve: Resolver) -> Resolver:
    async def resolver(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        context = info.context
        actor: Account | None = await context.viewer()
        entry = _Entry(operation, args, context.request_id, actor)
        try:
            async with atomic():
                result = resolve(source, info, **args)
                if inspect.isawaitable(result):
                    result = await result
                # signIn acts for the account it signs in
                await entry.write(result, actor or await context.viewer())
            return result
        except GraphQLError as error:
            code = (error.extensions or {}).get("code")
            outcome = AuditOutcome.DENIED if code in ACCESS_CODES else AuditOutcome.REFUSED
            await entry.write_failure(outcome, [str(code)] if code else [])
            raise
        except Exception:
            await entry.write_failure(AuditOutcome.FAILED, [])
            raise

    resolver.audited = True  # type: ignore[attr-defined]
    return resolver


@dataclasses.dataclass
class _Entry:
    operation: str
    args: dict[str, Any]
    request_id: str
    actor: Account | None

    async def write(self, result: Any, actor: Account | None) -> None:
        """The entry of a mutation that returned ``result`` (in its transaction)."""
        errors = getattr(result, "errors", None) or []
        codes = [error.code.name for error in errors]
        outcome = AuditOutcome.REFUSED if codes else AuditOutcome.DONE
        await self._record(actor, outcome, codes, [*_input_ids(self.args), *_payload_ids(result)])

    async def write_failure(self, outcome: AuditOutcome, codes: list[str]) -> None:
        """The entry of a mutation that raised (after its transaction was rolled back)."""
        await self._record(self.actor, outcome, codes, list(_input_ids(self.args)))

    async def _record(
        self, actor: Account | None, outcome: AuditOutcome, codes: list[str], targets: list[str]
    ) -> None:
        await audit.record(
            at=now(),
            request_id=self.request_id,
            actor=actor,
            operation=self.operation,
            outcome=outcome,
            input=_stored(self.args),
            error_codes=codes,
            target_ids=targets,
        )


def _stored(value: Any, name: str = "") -> Any:
    """``value`` as JSON, secrets redacted, long text cut."""
    if any(word in name.lower() for word in SECRET_WORDS) and value is not None:
        return REDACTED
    if isinstance(value, dict):
        return {key: _stored(item, str(key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_stored(item, name) for item in value]
    if isinstance(value, Enum):
        return value.name  # as the client wrote it (ADMIN), not the stored value (admin)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str):
        text = value if len(value) <= TEXT_LIMIT else value[:TEXT_LIMIT] + "…"
        # what the databases cannot store (a lone surrogate, NUL) is kept escaped
        return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
    if value is None or isinstance(value, bool | int | float):
        return value
    return _stored(str(value), name)


def _input_ids(value: Any, name: str = "") -> Iterator[str]:
    """The IDs an input names: values of ``id``, ``…Id`` and ``…Ids`` fields."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _input_ids(item, str(key))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _input_ids(item, name)
    elif isinstance(value, str) and (name == "id" or name.endswith(("Id", "Ids"))):
        yield _stored(value[:80])


def _payload_ids(result: Any) -> Iterator[str]:
    """The global IDs of the nodes a payload returns (a created cohort, an enrollment…)."""
    if not dataclasses.is_dataclass(result):
        return
    for field in dataclasses.fields(result):
        value = getattr(result, field.name, None)
        for node in value if isinstance(value, list) else [value]:
            if isinstance(node, ModelNode):
                definition = node.__strawberry_definition__  # type: ignore[attr-defined]
                yield relay.to_base64(definition.name, getattr(node, node.resolve_id_attr()))
