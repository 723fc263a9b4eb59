"""Meta-tests: every hook in core.hookspecs is documented in docs/hooks.md and tested.

Modelled on Datasette's ``tests/test_docs.py``: adding a hookspec without a ``### name(args)``
heading in the hooks reference, or without a ``test_hook_<name>`` test, fails here.
"""

from __future__ import annotations

import ast
import inspect
import re

import pytest
from graphql import parse, validate

from core import hookspecs
from tests.helpers import ROOT

HOOKS_DOC = ROOT / "docs" / "hooks.md"
TESTS = ROOT / "tests"
HEADING = re.compile(r"^### (?P<name>\w+)\((?P<args>[^)]*)\)\s*$", re.MULTILINE)
PYTHON_BLOCK = re.compile(r"^```python\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)


def hookspec_arguments() -> dict[str, list[str]]:
    """Hook name → argument names, for every hookspec in ``core.hookspecs``."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {
        name: list(inspect.signature(function).parameters)
        for name, function in vars(hookspecs).items()
        if callable(function) and hasattr(function, marker)
    }


def documented_hooks() -> dict[str, list[str]]:
    """Heading name → argument names, for every ``### name(args)`` heading in the reference."""
    text = HOOKS_DOC.read_text(encoding="utf-8")
    return {
        match["name"]: [arg.strip() for arg in match["args"].split(",") if arg.strip()]
        for match in HEADING.finditer(text)
    }


def defined_test_names() -> set[str]:
    """Names of every test function defined under tests/."""
    names: set[str] = set()
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
    return names


HOOKS = hookspec_arguments()


def test_hookspecs_are_found():
    # a guard for the meta-tests themselves: if no hook were found they would all pass
    assert {"plugin_info", "register_tracks", "cohort_status_changed"} <= HOOKS.keys()


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_hook_has_a_heading_with_its_arguments(hook: str):
    # given the hooks reference
    documented = documented_hooks()
    # then the hook has a `### name(args)` heading naming the spec's arguments, in order
    assert hook in documented, f"docs/hooks.md has no '### {hook}(' heading"
    assert documented[hook] == HOOKS[hook], (
        f"docs/hooks.md documents {hook}({', '.join(documented[hook])}) "
        f"but the hookspec is {hook}({', '.join(HOOKS[hook])})"
    )


def test_docs_name_no_hook_that_does_not_exist():
    # given the headings of the hooks reference
    documented = documented_hooks()
    # then each of them is a hookspec
    assert sorted(documented.keys() - HOOKS.keys()) == []


def test_each_hook_is_documented_once():
    text = HOOKS_DOC.read_text(encoding="utf-8")
    names = [match["name"] for match in HEADING.finditer(text)]
    assert sorted(names) == sorted(set(names))


@pytest.mark.parametrize("hook", sorted(HOOKS))
def test_every_hook_has_a_test(hook: str):
    assert f"test_hook_{hook}" in defined_test_names(), (
        f"no test function named test_hook_{hook} under tests/"
    )


def test_python_examples_in_the_reference_are_valid_python():
    text = HOOKS_DOC.read_text(encoding="utf-8")
    blocks = [match["code"] for match in PYTHON_BLOCK.finditer(text)]
    assert len(blocks) >= len(HOOKS)
    for code in blocks:
        ast.parse(code)


GRAPHIQL_EXAMPLES = ROOT / "core" / "static" / "graphiql" / "examples.js"
EXAMPLE_QUERY = re.compile(r"query: `(?P<text>.*?)`,", re.DOTALL)


def test_graphiql_examples_are_valid_operations_of_the_schema(app):
    schema = app.state.schema._schema
    texts = [
        match["text"]
        for match in EXAMPLE_QUERY.finditer(GRAPHIQL_EXAMPLES.read_text(encoding="utf-8"))
    ]

    assert len(texts) >= 10
    for text in texts:
        assert validate(schema, parse(text)) == [], text.splitlines()[0]


ENTRY_POINTS = re.compile(r"\[project\.entry-points\.hocviec\]\n\s*(?P<line>[^\n]+)\n")


def test_the_readme_the_guide_and_the_worked_example_declare_the_same_entry_point():
    texts = {
        name: (ROOT / name).read_text(encoding="utf-8")
        for name in ("README.md", "docs/plugins.md", "docs/example-plugin/pyproject.toml")
    }
    declared = {name: set(ENTRY_POINTS.findall(text)) for name, text in texts.items()}
    expected = {'peoples_council = "hocviec_peoples_council"'}
    assert declared == {name: expected for name in texts}, declared
