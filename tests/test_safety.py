"""Safe parsing: YAML only through the safe loader, no pickle, eval or shell anywhere in the code that reads data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT, needs_repository

import sadr_iran_data

PACKAGE = Path(sadr_iran_data.__file__).parent
CODE = sorted({*PACKAGE.rglob("*.py"), *(ROOT / "scripts").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")})

#: Calls that run code or build objects from data, as ``module.function`` or bare builtins.
FORBIDDEN_CALLS = {
    "yaml.load",
    "yaml.load_all",
    "yaml.unsafe_load",
    "yaml.unsafe_load_all",
    "yaml.full_load",
    "yaml.full_load_all",
    "pickle.load",
    "pickle.loads",
    "marshal.load",
    "marshal.loads",
    "shelve.open",
    "pd.read_pickle",
    "pandas.read_pickle",
    "eval",
    "exec",
    "os.system",
    "os.popen",
}
FORBIDDEN_NAMES = {"Loader", "UnsafeLoader", "FullLoader", "UnsafeConstLoader"}  # yaml's loaders that build Python objects


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in FORBIDDEN_CALLS:
                found.append(f"{where}: {name}()")
            for keyword in node.keywords:
                if keyword.arg == "shell" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    found.append(f"{where}: shell=")
                if keyword.arg == "allow_pickle" and not (isinstance(keyword.value, ast.Constant) and keyword.value.value is False):
                    found.append(f"{where}: allow_pickle=")
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES and _dotted(node.value) == "yaml":
            found.append(f"{where}: yaml.{node.attr}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{where}: import {m}" for m in modules if m.split(".")[0] in ("pickle", "marshal", "shelve", "dill", "cloudpickle")]
    return found


def test_the_scan_sees_the_code_and_would_catch_each_kind_of_call(tmp_path):
    assert len(CODE) >= 15 and PACKAGE / "build.py" in CODE
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import pickle, yaml, subprocess\n"
        "yaml.load(t, Loader=yaml.Loader)\n"
        "pickle.loads(b)\n"
        "eval(s)\n"
        "subprocess.run(c, shell=True)\n"
        "np.load(f, allow_pickle=True)\n",
        encoding="utf-8",
    )
    found = "\n".join(_findings(bad))
    for fragment in ("yaml.load()", "yaml.Loader", "pickle.loads()", "eval()", "shell=", "allow_pickle=", "import pickle"):
        assert fragment in found


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_no_unsafe_parsing_in_the_code(path):
    assert _findings(path) == []


@needs_repository
def test_the_build_refuses_yaml_that_would_run_code(tmp_path):
    import shutil

    from sadr_iran_data.build import build
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
