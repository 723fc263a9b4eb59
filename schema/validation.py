"""Checking a GraphQL document once, before any request runs it: limits, rules and cost.

The request pipeline (``schema/execution.py``) calls :func:`check_document` once per distinct
document text and caches the :class:`CheckedDocument`; for each request it calls
:meth:`CheckedDocument.operation_cost` with that request's variables and refuses an operation
costing more than :attr:`QueryLimits.max_cost`.

Every check is linear in the size of the document, fragments included: a fragment is looked at
once, whatever the number of places that spread it, so a document whose fragments spread each
other in a fan-out costs no more to check than its text is long. The order matters:

1. parse, with a token limit (``GRAPHQL_PARSE_FAILED``);
2. one walk over the text: the selections of one level, the same response key or fragment
   repeated at one level, all selections of the document, the nesting of each definition
   (``QUERY_TOO_COMPLEX``); the number of fragments and fragment cycles;
3. each operation with its fragments expanded, counted from one summary per fragment: depth,
   aliases and selections (``QUERY_TOO_COMPLEX``);
4. only then graphql-core's own rules (``GRAPHQL_VALIDATION_FAILED``), which cannot be
   interrupted once started, except the overlapping-fields rule, quadratic in the fields that
   share a response key: ``schema/field_merging.py`` replaces it with a linear equivalent;
5. the cost plan of each operation: see :class:`CostPlan` and ``docs/limits.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, cast
from weakref import WeakKeyDictionary

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    Node,
    OperationDefinitionNode,
    OverlappingFieldsCanBeMergedRule,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    parse,
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.type.definition import GraphQLOutputType
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from schema.field_merging import MergeBudgetExceededError, overlapping_field_errors
from schema.limits import declared_list_bound

PARSE_FAILED: Final = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED: Final = "GRAPHQL_VALIDATION_FAILED"
TOO_COMPLEX: Final = "QUERY_TOO_COMPLEX"
TOO_COSTLY: Final = "QUERY_TOO_COSTLY"

_RULES: Final = tuple(
    rule for rule in specified_rules if rule is not OverlappingFieldsCanBeMergedRule
)
"""graphql-core's rules but the overlapping-fields one, replaced by schema/field_merging.py."""

_MERGE_BUDGET: Final = 10
"""Fields the merge check may collect, per selection allowed (``QueryLimits.max_selections``)."""

_NAME_SHOWN: Final = 40
"""Longest name an error message repeats from the document."""


@dataclass(frozen=True)
class QueryLimits:
    """Bounds every document must stay within (from settings)."""

    max_tokens: int = 4000
    max_depth: int = 12
    """Nesting of fields that have selections, fragments expanded (leaf fields add nothing)."""
    max_aliases: int = 30
    """Aliased fields of one operation, fragments expanded."""
    max_cost: int = 50_000
    """Objects an operation can return (see :class:`CostPlan`); checked per request."""
    max_page_size: int = 100
    """A connection's page size when ``first`` is not given (and its maximum)."""
    max_selections: int = 2000
    """Fields, fragment spreads and inline fragments: in the document as written, and in each
    operation with its fragments expanded."""
    max_selections_per_level: int = 100
    """Selections written in one selection set."""
    max_repeats: int = 5
    """How often one response key, or one fragment, may appear in one selection set."""
    max_fragments: int = 100
    """Fragment definitions in one document."""


def too_complex(message: str, nodes: Node | list[Node] | None = None) -> GraphQLError:
    """A limit exceeded (``extensions.code`` ``QUERY_TOO_COMPLEX``)."""
    return GraphQLError(message, nodes, extensions={"code": TOO_COMPLEX})


def cost_exceeded_error(cost: int, limits: QueryLimits) -> GraphQLError:
    """The error for an operation whose cost (with the request's variables) is over the limit
    (``extensions.code`` ``QUERY_TOO_COSTLY``, with the ``cost`` and the ``limit``)."""
    return GraphQLError(
        f"This operation could return up to {cost} objects; the limit is {limits.max_cost}. "
        "Ask for smaller pages (`first`) or fewer nested lists.",
        extensions={"code": TOO_COSTLY, "cost": cost, "limit": limits.max_cost},
    )


# --------------------------------------------------------------------------------------------
# Cost plans
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ref:
    """The value of the plan step at ``index``."""

    index: int


Term = int | _Ref
"""A cost known when the document is checked (an int), or computed per request (a step)."""

_ADD: Final = 0
_MUL: Final = 1
_MAX: Final = 2
_PAGE: Final = 3


@dataclass
class CostPlan:
    """What the operations of one document cost, as steps evaluated with each request's variables.

    The analysis is done once per document; a step refers only to earlier steps, so evaluating
    a plan is one pass over a short list (constants are folded while the plan is built, and an
    operation without variable page sizes costs a constant).
    """

    max_page_size: int
    steps: list[tuple[int, Any]] = field(default_factory=list)

    def add(self, terms: list[Term]) -> Term:
        constant = sum(term for term in terms if isinstance(term, int))
        refs = tuple(term for term in terms if isinstance(term, _Ref))
        if not refs:
            return constant
        if constant == 0 and len(refs) == 1:
            return refs[0]
        return self._step(_ADD, (constant, refs))

    def mul(self, left: Term, right: Term) -> Term:
        if isinstance(left, int) and isinstance(right, int):
            return left * right
        if left == 0 or right == 0:
            return 0
        if left == 1:
            return right
        if right == 1:
            return left
        return self._step(_MUL, (left, right))

    def max(self, terms: list[Term]) -> Term:
        if not terms:
            return 0
        constants = [term for term in terms if isinstance(term, int)]
        refs = tuple(term for term in terms if isinstance(term, _Ref))
        if not refs:
            return max(constants)
        return self._step(_MAX, (max(constants, default=0), refs))

    def page(self, variable: str) -> Term:
        """The page size a request's variable gives (see :meth:`page_size`)."""
        return self._step(_PAGE, variable)

    def page_size(self, value: Any) -> int:
        """A ``first`` value as the cost counts it: absent, null or not an integer counts as the
        maximum page size (execution refuses what is not an integer anyway), a negative as 0,
        more than the maximum as the maximum (execution refuses it)."""
        if type(value) is not int:
            return self.max_page_size
        return min(max(value, 0), self.max_page_size)

    def evaluate(self, result: Term, variables: Mapping[str, Any]) -> int:
        if isinstance(result, int):
            return result
        values: list[int] = []
        absent = object()

        def value(term: Term) -> int:
            return term if isinstance(term, int) else values[term.index]

        for kind, argument in self.steps[: result.index + 1]:
            if kind == _ADD:
                constant, refs = argument
                values.append(constant + sum(values[ref.index] for ref in refs))
            elif kind == _MUL:
                values.append(value(argument[0]) * value(argument[1]))
            elif kind == _MAX:
                constant, refs = argument
                values.append(max(constant, *(values[ref.index] for ref in refs)))
            else:
                given = variables.get(argument, absent)
                values.append(self.max_page_size if given is absent else self.page_size(given))
        return values[result.index]

    def _step(self, kind: int, argument: Any) -> _Ref:
        self.steps.append((kind, argument))
        return _Ref(len(self.steps) - 1)


@dataclass(frozen=True)
class _OperationCost:
    result: Term
    defaults: Mapping[str, Any]
    """Default values of the operation's variables."""


@dataclass(frozen=True)
class CheckedDocument:
    """A parsed document with its validation errors and what its operations can cost."""

    document: DocumentNode | None
    errors: list[GraphQLError] = field(default_factory=list)
    plan: CostPlan | None = None
    operations: Mapping[str | None, _OperationCost] = field(default_factory=dict)

    def operation_cost(
        self, operation_name: str | None, variables: Mapping[str, Any] | None
    ) -> int:
        """How many objects the operation can return with these variables (a bound).

        0 for a document with errors or an operation it does not hold (execution says why).
        """
        if self.plan is None:
            return 0
        if operation_name is None and len(self.operations) == 1:
            operation = next(iter(self.operations.values()))
        elif operation_name is not None and operation_name in self.operations:
            operation = self.operations[operation_name]
        else:
            return 0
        given = variables if isinstance(variables, Mapping) else {}
        return self.plan.evaluate(operation.result, {**operation.defaults, **given})


# --------------------------------------------------------------------------------------------
# check_document
# --------------------------------------------------------------------------------------------


def check_document(schema: GraphQLSchema, source: str, limits: QueryLimits) -> CheckedDocument:
    """Parse and validate ``source`` and plan its cost; never raises for a client's mistake."""
    try:
        document = parse(source, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        return CheckedDocument(
            None,
            [
                GraphQLError(
                    error.message,
                    source=error.source,
                    positions=error.positions,
                    extensions={"code": PARSE_FAILED},
                )
            ],
        )
    limit_error = _check_limits(document, limits)
    if limit_error is not None:
        return CheckedDocument(document, [limit_error])
    errors = validate(schema, document, _RULES)
    if not errors:
        try:
            errors = overlapping_field_errors(
                schema, document, _MERGE_BUDGET * limits.max_selections
            )
        except MergeBudgetExceededError:
            return CheckedDocument(
                document, [too_complex("The document's fields take too long to check.")]
            )
    if errors:
        return CheckedDocument(
            document,
            [
                GraphQLError(
                    error.message,
                    error.nodes,
                    original_error=error.original_error,
                    extensions={**(error.extensions or {}), "code": VALIDATION_FAILED},
                )
                for error in errors
            ],
        )
    planner = _Planner(schema, document, limits)
    return CheckedDocument(document, [], planner.plan, planner.operations())


# --------------------------------------------------------------------------------------------
# Linear checks
# --------------------------------------------------------------------------------------------


@dataclass
class _Shape:
    """One definition as written: its own nesting, aliases, selections and the spreads it makes
    (with the nesting at which each is made)."""

    depth: int = 0
    aliases: int = 0
    selections: int = 0
    spreads: list[tuple[str, int | None]] = field(default_factory=list)
    """(fragment name, nesting where spread; None below an introspection field)."""


def _shown(name: str) -> str:
    return name if len(name) <= _NAME_SHOWN else name[:_NAME_SHOWN] + "…"


def _check_limits(document: DocumentNode, limits: QueryLimits) -> GraphQLError | None:
    fragments: dict[str, _Shape] = {}
    operations: list[tuple[OperationDefinitionNode, _Shape]] = []
    written = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode | FragmentDefinitionNode):
            continue  # graphql-core's ExecutableDefinitionsRule reports these
        shape = _Shape()
        error = _walk(definition.selection_set, shape, limits)
        if error is not None:
            return error
        written += shape.selections
        if written > limits.max_selections:
            return too_complex(f"The document has more than {limits.max_selections} selections.")
        if isinstance(definition, FragmentDefinitionNode):
            fragments[definition.name.value] = shape
            if len(fragments) > limits.max_fragments:
                return too_complex(f"The document has more than {limits.max_fragments} fragments.")
        else:
            operations.append((definition, shape))
    order = _fragment_order(fragments)
    if isinstance(order, GraphQLError):
        return order
    cap = max(limits.max_depth, limits.max_aliases, limits.max_selections) + 1
    expanded: dict[str, tuple[int, int, int]] = {}
    for name in order:
        expanded[name] = _expand(fragments[name], expanded, cap)
    for operation, shape in operations:
        depth, aliases, selections = _expand(shape, expanded, cap)
        label = f"Operation {_shown(operation.name.value)!r}" if operation.name else "The query"
        if depth > limits.max_depth:
            return too_complex(
                f"{label} is nested {'more than ' if depth >= cap else ''}{depth} levels "
                f"deep; the maximum depth is {limits.max_depth}.",
                operation,
            )
        if aliases > limits.max_aliases:
            return too_complex(
                f"{label} has more than {limits.max_aliases} aliases "
                f"(aliased fields, fragments expanded).",
                operation,
            )
        if selections > limits.max_selections:
            return too_complex(
                f"{label} has more than {limits.max_selections} selections once its "
                "fragments are expanded.",
                operation,
            )
    return None


def _walk(
    selection_set: SelectionSetNode, shape: _Shape, limits: QueryLimits
) -> GraphQLError | None:
    """Fill ``shape`` from one definition's selections, without recursion (the parser bounds
    nesting, but not below the interpreter's recursion limit).

    Below an introspection field (``__schema``, ``__type``) depth is not counted, as by
    strawberry's depth limiter: GraphiQL's introspection query nests type references deeper than
    any query needs, and what introspection returns is bounded by the cost analysis instead.
    """
    stack: list[tuple[SelectionSetNode, int | None]] = [(selection_set, 0)]
    while stack:
        current, depth = stack.pop()
        selections = current.selections
        if len(selections) > limits.max_selections_per_level:
            return too_complex(
                f"A selection set holds {len(selections)} selections; the maximum is "
                f"{limits.max_selections_per_level}.",
                current,
            )
        shape.selections += len(selections)
        seen: Counter[tuple[bool, str]] = Counter()
        for selection in selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                if selection.alias is not None:
                    shape.aliases += 1
                seen[(True, key)] += 1
                if seen[(True, key)] > limits.max_repeats:
                    return too_complex(
                        f"The field {_shown(key)!r} appears more than {limits.max_repeats} "
                        "times in one selection set.",
                        selection,
                    )
                if selection.selection_set is None:
                    continue
                if depth is None or selection.name.value.startswith("__"):
                    stack.append((selection.selection_set, None))
                    continue
                if depth + 1 > limits.max_depth:
                    return too_complex(
                        f"The query is nested more than {limits.max_depth} levels deep; "
                        f"the maximum depth is {limits.max_depth}.",
                        selection,
                    )
                shape.depth = max(shape.depth, depth + 1)
                stack.append((selection.selection_set, depth + 1))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                seen[(False, name)] += 1
                if seen[(False, name)] > limits.max_repeats:
                    return too_complex(
                        f"The fragment {_shown(name)!r} is spread more than "
                        f"{limits.max_repeats} times in one selection set.",
                        selection,
                    )
                shape.spreads.append((name, depth))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, depth))
    return None


def _fragment_order(fragments: Mapping[str, _Shape]) -> list[str] | GraphQLError:
    """Fragment names, each after every fragment it spreads; an error for a cycle.

    Depth-first with an explicit stack, each fragment entered once: linear in the spreads.
    Spreads of unknown fragments are skipped (graphql-core's rules report them).
    """
    done: set[str] = set()
    entered: set[str] = set()
    order: list[str] = []
    for root in fragments:
        if root in done:
            continue
        stack = [(root, 0)]
        entered.add(root)
        while stack:
            name, position = stack[-1]
            spreads = fragments[name].spreads
            if position == len(spreads):
                stack.pop()
                entered.discard(name)
                done.add(name)
                order.append(name)
                continue
            stack[-1] = (name, position + 1)
            target = spreads[position][0]
            if target in entered:
                return GraphQLError(
                    f"Cannot spread fragment {_shown(target)!r} within itself.",
                    extensions={"code": VALIDATION_FAILED},
                )
            if target in fragments and target not in done:
                entered.add(target)
                stack.append((target, 0))
    return order


def _expand(
    shape: _Shape, expanded: Mapping[str, tuple[int, int, int]], cap: int
) -> tuple[int, int, int]:
    """Depth, aliases and selections of ``shape`` with its fragments expanded, from the
    fragments' own totals; counts stop at ``cap`` (over every limit) to stay small integers."""
    depth, aliases, selections = shape.depth, shape.aliases, shape.selections
    for name, at in shape.spreads:
        if name not in expanded:
            continue
        fragment_depth, fragment_aliases, fragment_selections = expanded[name]
        if at is not None:
            depth = max(depth, at + fragment_depth)
        aliases = min(cap, aliases + fragment_aliases)
        selections = min(cap, selections + fragment_selections)
    return min(cap, depth), aliases, selections


# --------------------------------------------------------------------------------------------
# The cost analysis
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SchemaFacts:
    """What the cost analysis needs from a schema, worked out once per schema."""

    connections: frozenset[str]
    introspection_bounds: Mapping[tuple[str, str], int]
    """Longest list of each introspection field (``("__Type", "fields")``: most fields)."""
    introspection_default: int
    introspection_totals: Mapping[tuple[str, ...], int]
    """Objects at each path below ``__schema`` (``("types", "fields")``: all fields of all
    types), so that ``__schema { types { fields { args } } }`` counts what the schema holds,
    not the most types times the most fields times the most arguments."""


_FACTS: WeakKeyDictionary[GraphQLSchema, _SchemaFacts] = WeakKeyDictionary()


def _facts(schema: GraphQLSchema) -> _SchemaFacts:
    facts = _FACTS.get(schema)
    if facts is None:
        facts = _FACTS[schema] = _schema_facts(schema)
    return facts


def is_connection_type(type_: GraphQLNamedType) -> bool:
    """A Relay connection: an object type named ``…Connection`` with a list field ``edges``."""
    if not isinstance(type_, GraphQLObjectType) or not type_.name.endswith("Connection"):
        return False
    edges = type_.fields.get("edges")
    return edges is not None and is_list_type(_nullable(edges.type))


def _schema_facts(schema: GraphQLSchema) -> _SchemaFacts:
    types = list(schema.type_map.values())
    with_fields = [t for t in types if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)]
    bounds = {
        ("__Schema", "types"): len(types),
        ("__Schema", "directives"): len(schema.directives),
        ("__Type", "fields"): max((len(t.fields) for t in with_fields), default=0),
        ("__Type", "interfaces"): max((len(t.interfaces) for t in with_fields), default=0),
        ("__Type", "possibleTypes"): max(
            (len(schema.get_possible_types(t)) for t in types if is_abstract_type(t)),
            default=0,
        ),
        ("__Type", "enumValues"): max((len(getattr(t, "values", ())) for t in types), default=0),
        ("__Type", "inputFields"): max(
            (len(t.fields) for t in types if isinstance(t, GraphQLInputObjectType)), default=0
        ),
        ("__Field", "args"): max(
            (len(f.args) for t in with_fields for f in t.fields.values()), default=0
        ),
        ("__Directive", "args"): max((len(d.args) for d in schema.directives), default=0),
    }
    fields = [f for t in with_fields for f in t.fields.values()]
    totals = {
        ("types",): len(types),
        ("types", "fields"): len(fields),
        ("types", "fields", "args"): sum(len(f.args) for f in fields),
        ("types", "interfaces"): sum(len(t.interfaces) for t in with_fields),
        ("types", "possibleTypes"): sum(
            len(schema.get_possible_types(t)) for t in types if is_abstract_type(t)
        ),
        ("types", "enumValues"): sum(len(getattr(t, "values", ())) for t in types),
        ("types", "inputFields"): sum(
            len(t.fields) for t in types if isinstance(t, GraphQLInputObjectType)
        ),
        ("directives",): len(schema.directives),
        ("directives", "args"): sum(len(d.args) for d in schema.directives),
    }
    return _SchemaFacts(
        connections=frozenset(t.name for t in types if is_connection_type(t)),
        introspection_bounds=bounds,
        introspection_default=len(types),
        introspection_totals=totals,
    )


def _nullable(type_: GraphQLOutputType) -> GraphQLOutputType:
    return type_.of_type if is_non_null_type(type_) else type_


def _list_item_bound(
    facts: _SchemaFacts,
    parent: GraphQLNamedType,
    name: str,
    field_def: GraphQLField,
    item_type: GraphQLNamedType,
    max_page_size: int,
) -> int:
    """How many items a plain list field returns at most."""
    if parent.name.startswith("__"):
        return facts.introspection_bounds.get((parent.name, name), facts.introspection_default)
    declared = declared_list_bound(field_def, item_type)
    # An undeclared list (refused at start-up by undeclared_list_fields) counts as a page.
    return max_page_size if declared is None else declared


class _Planner:
    """Builds the cost plan of every operation of a valid document, each fragment once.

    A selection set's cost is a pair: what it costs once, and, on a connection type, what each
    item of the page costs (its ``edges`` selections), so that a fragment on a connection type
    is planned once whatever the page size of the field that spreads it.
    """

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits) -> None:
        self.schema = schema
        self.document = document
        self.facts = _facts(schema)
        self.max_page_size = limits.max_page_size
        self.plan = CostPlan(limits.max_page_size)
        self.fragment_nodes = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.fragment_costs: dict[str, tuple[Term, Term]] = {}
        self.fragment_path_costs: dict[tuple[str, tuple[str, ...]], tuple[Term, Term]] = {}

    def operations(self) -> dict[str | None, _OperationCost]:
        costs: dict[str | None, _OperationCost] = {}
        for definition in self.document.definitions:
            if not isinstance(definition, OperationDefinitionNode):
                continue
            root = self.schema.get_root_type(definition.operation)
            if root is None:
                continue
            once, _ = self._selection_set(definition.selection_set, root)
            defaults = {
                variable.variable.name.value: value_from_ast_untyped(variable.default_value)
                for variable in definition.variable_definitions or ()
                if variable.default_value is not None
            }
            name = definition.name.value if definition.name else None
            costs[name] = _OperationCost(once, defaults)
        return costs

    def _selection_set(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType
    ) -> tuple[Term, Term]:
        """(cost once, cost per page item) of the selections on ``parent``.

        On an abstract type, what only one object type asks (an inline fragment or fragment on
        it) counts for the costliest such type, not for all of them: one object is one type.
        """
        once: list[Term] = []
        per_item: list[Term] = []
        by_type: dict[str, tuple[list[Term], list[Term]]] = {}
        page = parent.name in self.facts.connections
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if page and selection.name.value == "edges" and selection.selection_set:
                    edges = cast(GraphQLObjectType, parent).fields["edges"]
                    edge_type = get_named_type(edges.type)
                    per_item.append(self._selection_set(selection.selection_set, edge_type)[0])
                else:
                    once.append(self._field(selection, parent))
                continue
            condition: GraphQLNamedType | None
            if isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                if condition is None:
                    continue
                cost = self._selection_set(selection.selection_set, condition)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragment_nodes[selection.name.value]
                condition = self.schema.get_type(fragment.type_condition.name.value)
                cost = self._fragment(fragment)
            else:
                continue
            if is_abstract_type(parent) and isinstance(condition, GraphQLObjectType):
                target = by_type.setdefault(condition.name, ([], []))
                target[0].append(cost[0])
                target[1].append(cost[1])
            else:
                once.append(cost[0])
                per_item.append(cost[1])
        if by_type:
            once.append(self.plan.max([self.plan.add(o) for o, _ in by_type.values()]))
            per_item.append(self.plan.max([self.plan.add(i) for _, i in by_type.values()]))
        return self.plan.add(once), self.plan.add(per_item)

    def _fragment(self, fragment: FragmentDefinitionNode) -> tuple[Term, Term]:
        name = fragment.name.value
        cost = self.fragment_costs.get(name)
        if cost is None:
            condition = self.schema.get_type(fragment.type_condition.name.value)
            assert condition is not None  # the document is valid
            cost = self.fragment_costs[name] = self._selection_set(
                fragment.selection_set, condition
            )
        return cost

    def _field(self, node: FieldNode, parent: GraphQLNamedType) -> Term:
        """Objects one field of one ``parent`` object returns, with everything below them.

        Introspection objects count where they fan out: an item of a list counts 1, a single
        object (``__schema``, a field's ``type``, ``ofType``) counts 0.
        """
        name = node.name.value
        if node.selection_set is None:
            return 0  # scalars, enums and __typename are not objects
        field_def = self._field_def(parent, name)
        if field_def is None:
            return 0
        item_type = get_named_type(field_def.type)
        if is_leaf_type(item_type):
            return 0
        if parent.name == "__Schema" and (name,) in self.facts.introspection_totals:
            return self._total((name,), node.selection_set, item_type)
        listed = is_list_type(_nullable(field_def.type))
        own = 0 if item_type.name.startswith("__") and not listed else 1
        once, per_item = self._selection_set(node.selection_set, item_type)
        if item_type.name in self.facts.connections:
            page = self.plan.mul(self._page(node, field_def), per_item)
            item = self.plan.add([own, once, page])
        else:
            item = self.plan.add([own, once])
        if not listed:
            return item
        bound = _list_item_bound(self.facts, parent, name, field_def, item_type, self.max_page_size)
        return self.plan.mul(bound, item)

    def _total(
        self, path: tuple[str, ...], selection_set: SelectionSetNode, type_: GraphQLNamedType
    ) -> Term:
        """What all the introspection objects at ``path`` below ``__schema`` cost together."""
        count = self.facts.introspection_totals[path]
        each, below = self._path_parts(path, selection_set, type_)
        return self.plan.add([count, self.plan.mul(count, each), below])

    def _path_parts(
        self, path: tuple[str, ...], selection_set: SelectionSetNode, type_: GraphQLNamedType
    ) -> tuple[Term, Term]:
        """(cost per object, total of the lists counted by path) of selections at ``path``."""
        each: list[Term] = []
        below: list[Term] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                field_def = self._field_def(type_, name)
                if selection.selection_set is None or field_def is None:
                    continue
                if (*path, name) in self.facts.introspection_totals:
                    item_type = get_named_type(field_def.type)
                    below.append(self._total((*path, name), selection.selection_set, item_type))
                else:
                    each.append(self._field(selection, type_))
                continue
            if isinstance(selection, InlineFragmentNode):
                parts = self._path_parts(path, selection.selection_set, type_)
            elif isinstance(selection, FragmentSpreadNode):
                key = (selection.name.value, path)
                if key not in self.fragment_path_costs:
                    fragment = self.fragment_nodes[selection.name.value]
                    self.fragment_path_costs[key] = self._path_parts(
                        path, fragment.selection_set, type_
                    )
                parts = self.fragment_path_costs[key]
            else:
                continue
            each.append(parts[0])
            below.append(parts[1])
        return self.plan.add(each), self.plan.add(below)

    def _field_def(self, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if parent is self.schema.query_type:
            if name == "__schema":
                return SchemaMetaFieldDef
            if name == "__type":
                return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(name)
        return None

    def _page(self, node: FieldNode, field_def: GraphQLField) -> Term:
        """A connection field's page size: its ``first`` argument, else the maximum."""
        if "first" not in field_def.args:
            return self.max_page_size
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            if isinstance(argument.value, VariableNode):
                return self.plan.page(argument.value.name.value)
            if isinstance(argument.value, IntValueNode):
                return self.plan.page_size(int(argument.value.value))
        return self.max_page_size


# --------------------------------------------------------------------------------------------
# Start-up check
# --------------------------------------------------------------------------------------------


def undeclared_list_fields(schema: GraphQLSchema) -> list[str]:
    """``Type.field`` of every plain list of objects without a declared maximum.

    The cost analysis would count such a list as one page; start-up refuses it instead, so
    that every list's bound is a decision (see ``schema/limits.py``). The ``edges`` of a
    connection are bounded by its page size and introspection lists by the schema.
    """
    found = []
    for type_ in schema.type_map.values():
        if type_.name.startswith("__") or not isinstance(
            type_, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        for name, field_def in type_.fields.items():
            if not is_list_type(_nullable(field_def.type)):
                continue
            item_type = get_named_type(field_def.type)
            if is_leaf_type(item_type) or (name == "edges" and is_connection_type(type_)):
                continue
            if declared_list_bound(field_def, item_type) is None:
                found.append(f"{type_.name}.{name}")
    return sorted(found)
