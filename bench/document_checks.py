"""Time check_document on hostile documents and the per-request cost evaluation.

Run: ``.venv/bin/python bench/document_checks.py``. Prints the median of a few runs per document,
the error code each gets, and what graphql-core's own ``validate`` takes on the same document
(when it finishes quickly enough to measure: it is skipped for the fan-outs).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from graphql import parse, validate

from core.plugins import discover, load_plugins
from core.settings import Settings
from schema.build import build_schema
from schema.validation import QueryLimits, check_document

LIMITS = QueryLimits()


def fan_out(fragments: int) -> str:
    lines = ["{ ...F0 }"]
    for index in range(fragments):
        lines.append(
            f"fragment F{index} on Query {{ __typename ...F{index + 1} "
            f"... on Query {{ ...F{index + 1} }} }}"
        )
    lines.append(f"fragment F{fragments} on Query {{ __typename }}")
    return "\n".join(lines)


def fragment_tree(width: int, repeats: int) -> str:
    tops = [
        f"fragment T{i} on Official {{ {' '.join(f'...L{i}_{j}' for j in range(width))} }}"
        for i in range(width)
    ]
    leaves = [
        f"fragment L{i}_{j} on Official {{ {'orgUnit { name } ' * repeats}}}"
        for i in range(width)
        for j in range(width)
    ]
    spreads = " ".join(f"...T{i}" for i in range(width))
    return "\n".join([f"{{ officials {{ edges {{ node {{ {spreads} }} }} }} }}", *tops, *leaves])


DOCUMENTS: dict[str, str] = {
    "fan-out of 23 fragments": fan_out(23),
    "fan-out of 40 fragments": fan_out(40),
    "2000 `aN: __typename`": "{ " + " ".join(f"a{i}: __typename" for i in range(2000)) + " }",
    "1300 `__typename` at one level": "{ " + "__typename " * 1300 + "}",
    "nesting 100 deep": "{ " + "a { " * 100 + "b" + " }" * 100 + " }",
    "fragment tree 8x8x5 (overlap rule)": fragment_tree(8, 5),
    "4 x Track.topics nesting": "{ tracks { edges { node { topics { track { topics { track "
    "{ topics { track { topics { code } } } } } } } } } } }",
    "officials page": "query($n: Int) { officials(first: $n) { totalCount edges { node { "
    "fullName orgUnit { name } post { title } } } pageInfo { hasNextPage endCursor } } }",
}
SLOW_FOR_GRAPHQL_CORE = {"fan-out of 40 fragments"}


def median_ms(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    registry = load_plugins(None, candidates=discover(include_entry_points=False))
    schema = build_schema(registry, Settings())._schema
    print(f"{'document':40} {'check_document':>15} {'graphql-core':>13}  result")
    for name, source in DOCUMENTS.items():
        checked = check_document(schema, source, LIMITS)
        ours = median_ms(lambda source=source: check_document(schema, source, LIMITS))
        theirs = "skipped"
        if name not in SLOW_FOR_GRAPHQL_CORE:
            try:
                document = parse(source, max_tokens=10_000)
                elapsed = median_ms(lambda document=document: validate(schema, document), runs=3)
                theirs = f"{elapsed:.1f} ms"
            except Exception as error:  # a document graphql-core cannot even parse
                theirs = type(error).__name__
        result = (
            checked.errors[0].extensions["code"]
            if checked.errors
            else f"cost {checked.operation_cost(None, {'n': 100})}"
        )
        print(f"{name:40} {ours:12.1f} ms {theirs:>13}  {result}")
    page = check_document(schema, DOCUMENTS["officials page"], LIMITS)
    runs = 10_000
    start = time.perf_counter()
    for _ in range(runs):
        page.operation_cost(None, {"n": 100})
    each = (time.perf_counter() - start) / runs * 1e6
    print(f"operation_cost of the officials page, per request: {each:.2f} µs")


if __name__ == "__main__":
    main()
