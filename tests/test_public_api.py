"""The public plugin API: the built-in plugins and the guide's example import only ``hocviec``."""

from __future__ import annotations

import ast
import re

import hocviec
from tests.helpers import ROOT

INTERNAL = ("core", "schema")
PYTHON_BLOCK = re.compile(r"```python\n(?P<code>.*?)```", re.DOTALL)


def internal_imports(code: str) -> list[str]:
    """The modules of ``core`` and ``schema`` that ``code`` imports."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in INTERNAL]
    return found


def test_every_public_name_is_importable():
    for name in hocviec.__all__:
        assert getattr(hocviec, name) is not None, name


def test_the_builtin_plugins_and_the_worked_example_import_nothing_of_core_or_schema():
    folders = (ROOT / "plugins", ROOT / "docs" / "example-plugin")
    sources = [path for folder in folders for path in folder.rglob("*.py")]
    offenders = {
        str(path.relative_to(ROOT)): internal_imports(path.read_text(encoding="utf-8"))
        for path in sources
        if "migrations" not in path.parts  # tortoise writes those
    }
    assert len(offenders) > 10
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_the_guides_plugin_code_imports_nothing_of_core_or_schema():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = [
        match["code"]
        for match in PYTHON_BLOCK.finditer(guide)
        if "load_plugins" not in match["code"]  # the test harness builds registries from core
    ]
    assert blocks
    assert [internal_imports(code) for code in blocks if internal_imports(code)] == []
