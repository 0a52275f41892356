"""Safe parsing: YAML only through the safe loader, no pickle, eval or shell anywhere in the code that reads data, and no
list cell that exhausts a parser.

ruff's security rules (``S``, configured in ``pyproject.toml``) find most of
these calls: unsafe YAML loaders, pickle, marshal and shelve, ``eval`` and
``exec``, shells. A small AST scan keeps what they do not cover: the other
unsafe YAML functions, ``allow_pickle=``, and importing a pickling module.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sadr_iran_data
from conftest import ROOT, needs_repository

PACKAGE = Path(sadr_iran_data.__file__).parent
CODE = sorted({*PACKAGE.rglob("*.py"), *(ROOT / "scripts").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")})

#: Calls ruff's S rules do not flag, as ``module.function``.
FORBIDDEN_CALLS = {"yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.full_load", "yaml.full_load_all", "yaml.load_all"}
FORBIDDEN_NAMES = {"Loader", "UnsafeLoader", "FullLoader", "UnsafeConstLoader"}  # yaml's loaders that build Python objects
PICKLING = ("pickle", "marshal", "shelve", "dill", "cloudpickle")

BAD_SAMPLE = (
    "import pickle, yaml, subprocess, os\n"
    "yaml.load(t, Loader=yaml.Loader)\n"
    "yaml.full_load(t)\n"
    "pickle.loads(b)\n"
    "eval(s)\n"
    "exec(s)\n"
    "os.system(c)\n"
    "subprocess.run(c, shell=True)\n"
    "np.load(f, allow_pickle=True)\n"
)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _findings(path: Path) -> list[str]:
    """What the AST scan finds (the ground ruff's S rules do not cover)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    for node in ast.walk(tree):
        where = f"{shown}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in FORBIDDEN_CALLS:
                found.append(f"{where}: {name}()")
            for keyword in node.keywords:
                if keyword.arg == "allow_pickle" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    found.append(f"{where}: allow_pickle=")
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES and _dotted(node.value) == "yaml":
            found.append(f"{where}: yaml.{node.attr}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{where}: import {m}" for m in modules if m.split(".")[0] in PICKLING]
    return found


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed: pip install -e '.[test]'")
    return subprocess.run([ruff, *args], capture_output=True, text=True, cwd=ROOT)


def test_ruff_and_the_scan_together_catch_each_kind_of_call(tmp_path):
    assert len(CODE) >= 15 and PACKAGE / "_build" / "build.py" in CODE
    bad = tmp_path / "bad.py"
    bad.write_text(BAD_SAMPLE, encoding="utf-8")
    ruff = _ruff("check", "--isolated", "--select", "S", "--output-format", "concise", str(bad)).stdout
    for rule in ("S506", "S301", "S307", "S102", "S605", "S602"):
        assert rule in ruff, rule
    scanned = "\n".join(_findings(bad))
    for fragment in ("yaml.full_load()", "yaml.Loader", "allow_pickle=", "import pickle"):
        assert fragment in scanned


def test_ruff_finds_no_unsafe_call_in_the_code():
    out = _ruff("check", "--select", "S", "--output-format", "concise", *(str(p) for p in sorted({p.parent for p in CODE})))
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_no_unsafe_parsing_in_the_code(path):
    assert _findings(path) == []


@needs_repository
def test_the_build_refuses_yaml_that_would_run_code(tmp_path):
    import shutil

    from sadr_iran_data._build.build import build
    from sadr_iran_data.errors import BuildError

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    marker = tmp_path / "ran"
    path = repo / "data" / "curated" / "actors.yaml"
    payload = f'\n- actor_id: !!python/object/apply:os.system ["touch {marker}"]\n  name: x\n'
    path.write_text(path.read_text(encoding="utf-8") + payload, encoding="utf-8")
    with pytest.raises(BuildError, match=r"actors\.yaml is not valid YAML: .*python/object/apply"):
        build(repo, repo / "out")
    assert not marker.exists()
    assert not (repo / "out").exists()


#: List cells shaped to exhaust a parser: nesting deeper than Python recurses, in JSON and in Python's literal syntax.
HOSTILE_LIST_CELLS = {
    "JSON arrays nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "JSON objects nested 100,000 deep": "[" + '{"a":' * 100_000 + "1" + "}" * 100_000 + "]",
    "an array in an array 100,000 deep after a first item": '["a", ' + "[" * 100_000 + "]" * 100_000 + "]",
    "Python tuples nested 100,000 deep": "[" + "(" * 100_000 + ")" * 100_000 + "]",
    "a chain of 100,000 additions": "[" + "'a' + " * 100_000 + "'a']",
    "1,000,000 unary minus signs": "[" + "-" * 1_000_000 + "1]",
    "100,000 nots": "[" + "not " * 100_000 + "1]",
}


@pytest.mark.parametrize("cell", HOSTILE_LIST_CELLS.values(), ids=list(HOSTILE_LIST_CELLS))
def test_a_list_cell_that_would_exhaust_a_parser_is_a_bad_value_not_a_crash(cell):
    import pyarrow as pa

    from sadr_iran_data.column_types import BAD, COLUMN_TYPES

    lists = COLUMN_TYPES["list"]
    assert lists.convert(cell) is BAD
    parsed = lists.parse(pa.array([cell, '["Qom"]', None]), csv=True)
    assert parsed.bad.tolist() == [True, False, False]
    assert parsed.values.to_pylist() == [None, ["Qom"], None]
