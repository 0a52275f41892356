"""The package's import graph: no cycle anywhere, and build-time code apart from run-time code.

Every ``import`` statement of every module counts, at module level or inside
a function, and so does the import of a package that importing one of its
modules runs first. Imports under ``if TYPE_CHECKING:`` never run and do not
count. The lazy names of ``sadr_iran_data/__init__.py`` are looked up on
first use, not imported with the package, and are not edges either.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import sadr_iran_data
from conftest import ROOT

PACKAGE = Path(sadr_iran_data.__file__).parent
NAME = "sadr_iran_data"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement that can run, with whether it is inside a function."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for rest in child.orelse:
                    visit(rest, local)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append((child, local))
            visit(child, local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The package's modules an import statement runs: the module named (or the names that are modules), and the packages above them.

    A package above the importing module is initialised before it, so running
    it again is no edge; a name taken from it (``from . import x``, where x is
    not a module) is.
    """
    parts = module.split(".")
    ancestors = {".".join(parts[:i]) for i in range(1, len(parts))}
    if isinstance(node, ast.Import):
        named = {alias.name for alias in node.names}
    else:
        if node.level:
            package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join([*base, *([node.module] if node.module else [])])
        else:
            origin = node.module or ""
        submodules = {f"{origin}.{alias.name}" for alias in node.names} & set(MODULES)
        named = submodules | ({origin} if len(submodules) < len(node.names) or origin not in ancestors else set())
    found = set()
    for name in named & set(MODULES):
        found.add(name)
        pieces = name.split(".")
        found.update(".".join(pieces[:i]) for i in range(1, len(pieces)))  # the packages importing it runs first
    return found - {module} - (ancestors - named)


@functools.cache
def graph() -> dict[str, dict[str, bool]]:
    """module -> {imported module: whether only inside functions}; parsed once for the module's tests, which only read it."""
    edges: dict[str, dict[str, bool]] = {}
    for module, path in MODULES.items():
        edges[module] = {}
        for node, local in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, node):
                edges[module][target] = edges[module].get(target, True) and local
    return edges


def _cycles(edges: dict[str, dict[str, bool]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, {}):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return components


def test_the_graph_sees_every_module_and_its_local_imports():
    edges = graph()
    assert {f"{NAME}.validation", f"{NAME}._build.build", f"{NAME}.column_types", f"{NAME}.cli"} <= set(edges)
    assert edges[f"{NAME}._build.build"][f"{NAME}.validation"] is False
    assert edges[f"{NAME}.cli"][f"{NAME}._build.command"] is True  # function-local, and still an edge
    outside = _targets(f"{NAME}.cli", ast.parse("from .validation._read import Source").body[0])
    assert outside == {f"{NAME}.validation._read", f"{NAME}.validation"}  # the package its module runs first
    inside = _targets(f"{NAME}.validation._rules", ast.parse("from ._read import Source").body[0])
    assert inside == {f"{NAME}.validation._read"}  # its own package is initialised already


def test_the_cycle_finder_finds_a_cycle_through_a_local_import():
    assert _cycles({"a": {"b": False}, "b": {"c": True}, "c": {"a": True}, "d": {"a": False}}) == [["a", "b", "c"]]


def test_there_is_no_import_cycle_anywhere():
    assert _cycles(graph()) == []


def test_run_time_modules_never_import_build_time_code():
    build_time = {m for m in MODULES if m.startswith(f"{NAME}._build")}
    for module, targets in graph().items():
        if module in build_time:
            continue
        reached = build_time & set(targets)
        if module == f"{NAME}.cli":  # the build command, and only when it runs
            assert reached and all(targets[t] for t in reached), reached
        else:
            assert not reached, f"{module} imports {sorted(reached)}"


CHILD = """
import contextlib, io, json, sys, tempfile
import sadr_iran_data as sid
from sadr_iran_data.cli import main

with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
    for name in sid.tables():
        sid.load(name), sid.validate(name)
    sid.export("csv", tmp), sid.export("datapackage", tmp + "/dp"), sid.validate_tables(tmp)
    sid.cite("cff"), sid.codebook(), sid.changes(), sid.lookup("evt-0001"), sid.verify()
    from sadr_iran_data import models, schemas
    from sadr_iran_data.formats import frictionless as tableschema
    tableschema.json_schema("events")
    for argv in (["info"], ["tables"], ["verify"], ["cite"], ["show", "events", "--limit", "1"], ["validate", tmp]):
        main(argv)
print(json.dumps(sorted(m for m in sys.modules if m.startswith("sadr_iran_data._build"))))
"""


@pytest.mark.slow
def test_the_public_api_and_every_command_but_build_run_without_build_time_code():
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == []


#: The package's layers, lowest first: a module imports only from its own layer and those below (CONTRIBUTING.md).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_version", "_names", "_text", "errors", "identity", "codes"),
    ("column_types", "constraints", "declarations", "models", "schemas"),
    ("dataset",),
    ("rules", "validation", "testing"),
    ("formats",),
    ("cli", "__main__", ""),
)


def _layer(module: str) -> int:
    top = module.removeprefix(NAME).removeprefix(".").split(".")[0]
    for number, names in enumerate(LAYERS):
        if top in names:
            return number
    raise AssertionError(f"{module} is in no layer: add its folder to LAYERS and to CONTRIBUTING.md")


def test_every_module_imports_only_from_its_layer_and_below():
    for module, targets in graph().items():
        if module.startswith(f"{NAME}._build"):
            continue  # build-time code may use the whole package
        upward = {t: _layer(t) for t in targets if not t.startswith(f"{NAME}._build") and _layer(t) > _layer(module)}
        assert not upward, f"{module} (layer {_layer(module)}) imports from above: {upward}"


def test_contributing_names_every_layer_folder():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for names in LAYERS:
        for name in names:
            if name:
                assert f"`{name}" in text, name
