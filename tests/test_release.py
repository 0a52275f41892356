"""The release command, run in a scratch copy of the repository: idempotent, byte-identical, and complete."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.version import Version

import sadr_iran_data as sid
from conftest import ROOT, needs_repository

pytestmark = [needs_repository, pytest.mark.slow]

_CURRENT = Version(sid.__version__)
#: The release the tests make in the copy: a prerelease of the next patch.
NEXT = f"{_CURRENT.major}.{_CURRENT.minor}.{_CURRENT.micro + 1}rc1"
#: A version after every release so far.
LATER = f"{_CURRENT.major + 1}.0.0"

#: What a copy of the repository leaves out: caches, environments, the version control.
SKIP = shutil.ignore_patterns(
    ".git", ".venv", ".ci-*", "__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache", "site", "dist", "build"
)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith((".", "__pycache__")) for part in p.relative_to(root).parts)
    }


def _stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of a repository but its caches and tools' folders, with its size and time of last change: what a write alters."""
    stamps = {}
    for parent, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in set(dirs) - SKIP(parent, dirs) if not d.startswith("."))
        for name in sorted(set(files) - SKIP(parent, files)):
            info = Path(parent, name).stat()
            stamps[str(Path(parent, name).relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return stamps


def _env(copy: Path) -> dict[str, str]:
    """The environment of a process of the copy: the copy's package first on the path."""
    # The processes share the copy's compiled modules in its __pycache__ folders, which the comparisons leave out.
    return {**os.environ, "PYTHONPATH": str(copy / "src")}


def _run(copy: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The copy's own command, with the copy's package first on the path, run in the copy (or in ``cwd``)."""
    command = [sys.executable, "-m", "sadr_iran_data.cli", *args]
    return subprocess.run(command, cwd=cwd or copy, env=_env(copy), capture_output=True, text=True)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("release") / "repo"
    shutil.copytree(ROOT, target, ignore=SKIP)
    return target


#: A file that each part of the build writes into the repository it is given (``--root``).
REWRITTEN = (
    "src/sadr_iran_data/data/retired.json",
    "schemas/datapackage.json",
    ".zenodo.json",
    "docs/changelog.md",
    "docs/reliability.md",
    *(["docs/figures/map.svg"] if importlib.util.find_spec("matplotlib") else []),  # the figures need matplotlib
)


def test_a_build_with_root_rewrites_that_copy_byte_for_byte_writes_no_python_and_nothing_in_the_clone(copy):
    before = _files(copy)
    zenodo = (copy / ".zenodo.json").read_bytes()  # _files leaves out dot files
    for name in REWRITTEN:
        (copy / name).unlink()
    clone = _stamps(ROOT)
    # Run in the source clone: --root, not the current folder, names the repository the build reads and writes.
    out = _run(copy, "build", "--root", str(copy), cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert _stamps(ROOT) == clone, "the build wrote into the clone it ran in"
    assert [name for name in REWRITTEN if not (copy / name).exists()] == [], "the build did not write these into --root"
    assert (copy / ".zenodo.json").read_bytes() == zenodo
    after = _files(copy)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert [name for name in changed if name.endswith(".py")] == [], "the build wrote Python source"
    assert changed == [] or _figures_drawn_by_another_matplotlib(before, changed), (
        f"the committed files are not what the build writes: {changed}"
    )


def _figures_drawn_by_another_matplotlib(before: dict[str, bytes], changed: list[str]) -> bool:
    """The figures' bytes depend on matplotlib's version, which their files name."""
    import matplotlib

    return all(name.startswith("docs/figures/") for name in changed) and all(
        f"Matplotlib v{matplotlib.__version__},".encode() not in before[name] for name in changed
    )


def test_a_release_sets_the_version_everywhere_archives_it_and_a_second_run_changes_nothing(copy):
    released = _files(copy)
    out = _run(copy, "build", "--release", NEXT, "--date", "2027-01-02")
    assert out.returncode == 0, out.stdout + out.stderr
    python = sorted(name for name, data in _files(copy).items() if name.endswith(".py") and released.get(name) != data)
    assert python == ["src/sadr_iran_data/_version.py"], "a release writes no Python source but its record, _version.py"
    version = (copy / "src/sadr_iran_data/_version.py").read_text(encoding="utf-8")
    assert f'__version__ = "{NEXT}"' in version and '__released__ = "2027-01-02"' in version
    manifest = copy / "src/sadr_iran_data/data/manifest.json"
    assert json.loads(manifest.read_text(encoding="utf-8"))["version"] == NEXT
    assert f'__manifest_sha256__ = "{hashlib.sha256(manifest.read_bytes()).hexdigest()}"' in version
    cff = yaml.safe_load((copy / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], cff["date-released"]) == (NEXT, "2027-01-02")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert f"pip install sadr-iran-data=={NEXT}" in readme and f"Version {NEXT} holds" in readme
    assert f"This is version **{NEXT}**" in (copy / "docs/citing.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [{NEXT}] - 2027-01-02" in (copy / "CHANGELOG.md").read_text(encoding="utf-8")
    archive = json.loads(gzip.decompress((copy / f"data/releases/{NEXT}.json.gz").read_bytes()))
    assert archive["version"] == NEXT
    # One process of the copy: its `verify` command, then the changes since the last release (none: the same rows).
    check = f"""
import sadr_iran_data as sid
from sadr_iran_data.cli import main
status = main(["verify"])
print(status, len(sid.changes(since={sid.__version__!r})), sid.__version__)
"""
    since = subprocess.run([sys.executable, "-c", check], cwd=copy, env=_env(copy), capture_output=True, text=True)
    assert (since.stdout.splitlines() or [""])[-1].split() == ["0", "0", NEXT], since.stdout + since.stderr

    before = _files(copy)
    again = _run(copy, "build", "--release", NEXT)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _files(copy) == before, "a second run of the same release changed files"


#: What a release must refuse, and what it says.
REFUSED = [
    (["--release", "0.9.0"], "is older than"),
    (["--release", "one"], "not a version"),
    (["--release", f"v{LATER}"], f"write the version as {LATER}"),
    (["--release", LATER, "--date", "soon"], "--date must be a day"),
    (["--out", "somewhere", "--release", LATER], "leave out --out"),
]

# Runs the command line as ``python -m sadr_iran_data.cli build ARGS`` does, for each ARGS of the JSON list it is given,
# one after the other, and prints for each its exit status, what it wrote on standard error and then _version.py's bytes.
_BUILD_EACH = """
import contextlib, io, json, sys
from pathlib import Path
from sadr_iran_data.cli import main

results = []
for args in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["build", *args])
    results.append([status, err.getvalue(), Path("src/sadr_iran_data/_version.py").read_bytes().hex()])
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def refusals(copy) -> tuple[str, list[tuple[int, str, str]]]:
    """_version.py before, and each refused release's status, standard error and _version.py after it (one process)."""
    before = (copy / "src/sadr_iran_data/_version.py").read_bytes().hex()
    command = [sys.executable, "-c", _BUILD_EACH, json.dumps([argv for argv, _ in REFUSED])]
    out = subprocess.run(command, cwd=copy, env=_env(copy), capture_output=True, text=True)
    assert out.returncode == 0 and not out.stderr, out.stderr
    return before, [tuple(result) for result in json.loads(out.stdout)]


@pytest.mark.parametrize("case", range(len(REFUSED)), ids=[message for _, message in REFUSED])
def test_a_release_refuses_what_would_go_backwards_or_is_no_version(refusals, case):
    before, results = refusals
    status, stderr, after = results[case]
    assert status == 1 and REFUSED[case][1] in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert after == before


def test_the_installed_version_is_a_release_of_this_repository():
    version = re.escape(sid.__version__)
    assert re.search(rf"^## \[{version}\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
