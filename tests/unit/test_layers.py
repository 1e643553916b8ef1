"""The layers of components/: only the UI layer imports streamlit, and no layer imports one above it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "components"
# What each layer may import from components/ (a layer always may import itself). See docs/ARCHITECTURE.md.
MAY_IMPORT = {
    "data": {"data"},
    "state": {"data", "state"},
    "present": {"data", "state", "present"},
    "server": {"data", "state", "server"},
    "pack": {"data", "state", "present", "pack"},
    "ui": {"data", "state", "present", "server", "pack", "ui"},
}


def imported_modules(source: str) -> list[str]:
    """Every module a Python source imports (`import a.b`, `from a.b import c`, inside functions too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def violations(layer: str, source: str) -> list[str]:
    """The imports of one module of `layer` that break the rules."""
    bad = []
    for module in imported_modules(source):
        top, _, rest = module.partition(".")
        if top == "streamlit" and layer != "ui":
            bad.append(module)
        if top == "components" and rest.split(".")[0] in MAY_IMPORT and rest.split(".")[0] not in MAY_IMPORT[layer]:
            bad.append(module)
    return bad


def layer_modules() -> list[tuple[str, Path]]:
    """(layer, file) of every module inside a layer folder of components/."""
    return [(path.parent.name, path) for path in sorted(COMPONENTS.glob("*/*.py")) if path.parent.name in MAY_IMPORT]


def test_every_folder_of_components_is_a_known_layer():
    folders = {p.name for p in COMPONENTS.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= set(MAY_IMPORT), folders - set(MAY_IMPORT)
    assert {"data", "state", "present", "ui"} <= folders


@pytest.mark.parametrize(("layer", "path"), layer_modules(), ids=lambda v: str(v)[-40:])
def test_a_module_imports_only_what_its_layer_may(layer: str, path: Path):
    assert violations(layer, path.read_text(encoding="utf-8")) == []


def test_the_entry_points_at_the_top_of_components_import_no_streamlit():
    for path in COMPONENTS.glob("*.py"):
        assert not [m for m in imported_modules(path.read_text()) if m.split(".")[0] == "streamlit"], path


@pytest.mark.parametrize(
    ("layer", "source", "caught"),
    [
        ("present", "import streamlit as st", ["streamlit"]),
        ("state", "from streamlit.errors import StreamlitAPIException", ["streamlit.errors"]),
        ("data", "def f():\n    from components.state.views import parse_view", ["components.state.views"]),
        ("data", "from components.ui import app_state", ["components.ui"]),
        ("state", "from components.present.timeline import date_label", ["components.present.timeline"]),
        ("data", "from components.server.store import store", ["components.server.store"]),
        ("ui", "import streamlit as st\nfrom components.present import forces", []),
    ],
)
def test_the_rule_catches_a_forbidden_import(layer: str, source: str, caught: list[str]):
    assert violations(layer, source) == caught


def test_test_file_names_are_unique_across_the_tiers():
    # pytest imports test modules by their base name (no packages in tests/): two of one name cannot both run
    names = Counter(path.name for path in (ROOT / "tests").rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
