"""The built distributions install and work offline: in a fresh venv, and from a read-only folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import venv
import warnings
from pathlib import Path

import pytest

import sadr_iran_data as sid
from conftest import ROOT, needs_repository

pytestmark = [needs_repository, pytest.mark.slow]

#: The dev venv's site-packages: the dependencies, and an editable install of the package that must stay out of sight.
SITE_PACKAGES = sysconfig.get_paths()["purelib"]
MANIFEST = json.loads((ROOT / "src" / "sadr_iran_data" / "data" / "manifest.json").read_text(encoding="utf-8"))
ROWS = {name: entry["rows"] for name, entry in MANIFEST["tables"].items()}
FILES = {*MANIFEST["tables"], *MANIFEST["files"]}
NOBODY = 65534


def _run(*args: object, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, encoding="utf-8", **kwargs)


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _pip(*args: object) -> None:
    _ok(_run(sys.executable, "-m", "pip", "--disable-pip-version-check", *args))


# --- a clean install into a fresh venv ---------------------------------------------------------------------------

FRESH_CHECK = """
import json, sys
import sadr_iran_data as sid

frames = sid.load_all()
print(json.dumps({
    "file": sid.__file__,
    "prefix": sys.prefix,
    "path": sys.path,
    "rows": {name: len(df) for name, df in frames.items()},
    "verified": sid.verify(),
}))
"""


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_each_distribution_installs_offline_into_a_fresh_venv_runs_from_it_and_refuses_to_build(dists, kind, tmp_path):
    wheel, sdist = dists
    if kind == "sdist":
        # pip builds the sdist's wheel, as `pip install <sdist>` does; then that wheel is installed.
        _pip("wheel", "--no-deps", "--no-index", "--no-build-isolation", "--wheel-dir", tmp_path / "from-sdist", sdist)
        (dist,) = (tmp_path / "from-sdist").glob("*.whl")
    else:
        dist = wheel
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False, symlinks=True)
    python = env_dir / "bin" / "python"
    # Installed before the dependencies become visible: pip must not see (and try to replace) the dev venv's editable install.
    _pip("--python", python, "install", "--no-deps", "--no-index", dist)
    site = Path(_ok(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")).stdout.strip())
    # A path line in a .pth file joins sys.path; the .pth files in that path (the editable install's) are not processed.
    (site / "dev_venv_dependencies.pth").write_text(SITE_PACKAGES + "\n", encoding="utf-8")

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    info = _ok(_run(env_dir / "bin" / "sadr-iran-data", "info", cwd=outside, env=env))
    assert info.stdout.splitlines()[0] == f"sadr-iran-data {sid.__version__}"
    verify = _ok(_run(env_dir / "bin" / "sadr-iran-data", "verify", cwd=outside, env=env))
    assert verify.stdout.strip() == f"all {len(FILES)} files match the manifest"
    report = json.loads(_ok(_run(python, "-c", FRESH_CHECK, cwd=outside, env=env)).stdout)
    # The installed package has no build code: the build says where it runs, in one line.
    build = _run(env_dir / "bin" / "sadr-iran-data", "build", cwd=outside, env=env)
    assert (build.returncode, build.stdout) == (1, ""), build
    assert build.stderr.count("\n") == 1 and "Traceback" not in build.stderr, build.stderr
    assert build.stderr.startswith("sadr-iran-data build: needs a source checkout: git clone https://github.com/"), build.stderr
    assert "pip install -e '.[build]'" in build.stderr

    assert Path(report["file"]).is_relative_to(site), report["file"]
    assert Path(report["prefix"]).resolve() == env_dir.resolve()
    assert str(ROOT / "src") not in report["path"]
    assert SITE_PACKAGES in report["path"]
    assert report["rows"] == ROWS
    assert report["verified"] == dict.fromkeys(FILES, "ok")


# --- a read-only install -----------------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every path under ``folder``: directories with their mode, files with mode, size and sha256."""
    tree: dict[str, tuple] = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent, name)
            info = path.lstat()
            key = path.relative_to(folder).as_posix()
            if stat.S_ISREG(info.st_mode):
                tree[key] = (stat.S_IMODE(info.st_mode), info.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                tree[key] = (stat.S_IMODE(info.st_mode),)
    return tree


def _chmod_tree(folder: Path, *, writable: bool) -> None:
    """``chmod -R a-w`` (or back ``u+w``) on ``folder`` and everything in it."""
    paths = [folder, *(Path(parent, name) for parent, dirs, files in os.walk(folder) for name in dirs + files)]
    for path in paths:
        mode = stat.S_IMODE(path.lstat().st_mode)
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _scratch(base: Path, name: str) -> Path:
    """A folder any user may write to (the child's HOME, TMPDIR and export folder)."""
    folder = base / name
    folder.mkdir()
    folder.chmod(0o777)
    return folder


class ReadOnlyInstall:
    """A ``pip --target`` folder, its snapshot, and how to run Python on it without the power to change it."""

    def __init__(self, base: Path, target: Path) -> None:
        self.base, self.target = base, target
        self.snapshot = _snapshot(target)
        self.mode, self.prefix, self.kwargs = "as the current user", [], {}

    def env(self, home: Path) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(home),
            "TMPDIR": str(home),
            "PYTHONPATH": os.pathsep.join([str(self.target), SITE_PACKAGES]),
        }

    def python(self, *args: object, home: Path) -> subprocess.CompletedProcess[str]:
        """``python -S *args`` confined as well as this machine allows; -S keeps site (and the editable install) out."""
        return _run(*self.prefix, sys.executable, "-S", *args, cwd=home, env=self.env(home), **self.kwargs)

    def confine(self) -> None:
        """Run children where the kernel refuses writes to the read-only tree: as nobody, else as root without capabilities."""
        if os.geteuid() != 0:
            return
        setpriv = shutil.which("setpriv")
        candidates = [("as nobody", [], {"user": NOBODY, "group": NOBODY, "extra_groups": []})]
        if setpriv:
            candidates.append(("as root without capabilities", [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"], {}))
        probe = "import os, sys, sadr_iran_data as sid; assert sid.__file__.startswith(sys.argv[1]); print(os.access(sys.argv[1], os.W_OK))"
        home = _scratch(self.base, "probe")
        for mode, prefix, kwargs in candidates:
            self.mode, self.prefix, self.kwargs = mode, prefix, kwargs
            try:
                result = self.python("-c", probe, self.target, home=home)
            except OSError:  # the interpreter is out of nobody's reach
                continue
            if result.returncode == 0 and result.stdout.strip() == "False":
                return
        self.mode, self.prefix, self.kwargs = "as root", [], {}
        warnings.warn("cannot drop privileges: only the snapshot shows that the read-only install stays unchanged", stacklevel=1)


@pytest.fixture(scope="module")
def read_only(dists):
    """The wheel installed with ``pip --target``, byte-compiled like a normal install, then made read-only."""
    base = Path(tempfile.mkdtemp(prefix="sadr-read-only-"))  # not under pytest's folder, which only its owner may enter
    base.chmod(0o755)
    target = base / "site"
    try:
        _pip("install", "--no-deps", "--no-index", "--target", target, dists[0])
        _ok(_run(sys.executable, "-m", "compileall", "-q", target))
        _chmod_tree(target, writable=False)
        install = ReadOnlyInstall(base, target)
        install.confine()
        yield install
    finally:
        if target.exists():
            _chmod_tree(target, writable=True)
        shutil.rmtree(base)


READ_ONLY_CHECK = """
import json, sys
from pathlib import Path

import sadr_iran_data as sid
from sadr_iran_data._names import CITATION_FORMATS, EXPORT_FORMATS

out = Path(sys.argv[1])
rows = {
    backend: {name: len(sid.load(name, backend=backend)) for name in sid.tables()}
    for backend in ("pandas", "arrow", "polars")
}
verified = sid.verify()
failures = {name: str(report) for name in sid.tables() if not (report := sid.validate(name)).ok}
citations = {fmt: sid.cite(fmt) for fmt in CITATION_FORMATS}
exports = {fmt: [str(p) for p in sid.export(fmt, out / fmt)] for fmt in EXPORT_FORMATS}
print(json.dumps({
    "file": sid.__file__,
    "rows": rows,
    "verified": verified,
    "failures": failures,
    "citations": citations,
    "exports": exports,
    "changes": list(sid.changes().columns),
    "codebook": len(sid.codebook()),
    "lookup": sid.lookup("evt-0001")["event_id"],
}))
"""


def test_read_only_install_loads_validates_cites_and_exports_without_writing_to_itself(read_only):
    home = _scratch(read_only.base, "api")
    out = _scratch(read_only.base, "exports")
    result = read_only.python("-c", READ_ONLY_CHECK, out, home=home)
    assert result.returncode == 0, f"{read_only.mode}:\n{result.stderr}"
    report = json.loads(result.stdout)

    assert _snapshot(read_only.target) == read_only.snapshot
    assert Path(report["file"]).is_relative_to(read_only.target), report["file"]
    assert report["rows"] == dict.fromkeys(("pandas", "arrow", "polars"), ROWS)
    assert report["verified"] == dict.fromkeys(FILES, "ok")
    assert report["failures"] == {}
    assert all(sid.__version__ in text for text in report["citations"].values()), report["citations"]
    for fmt, paths in report["exports"].items():
        assert paths, fmt
        assert all(Path(p).parent == out / fmt and Path(p).stat().st_size > 0 for p in paths), (fmt, paths)
    assert report["changes"] == ["version", "previous_version", "table", "record_id", "change", "column", "old_value", "new_value"]
    assert report["codebook"] > 0
    assert report["lookup"] == "evt-0001"


def test_read_only_install_runs_the_command_line_without_writing_to_itself(read_only):
    home = _scratch(read_only.base, "cli")
    info = read_only.python("-m", "sadr_iran_data.cli", "info", home=home)
    verify = read_only.python("-m", "sadr_iran_data.cli", "verify", home=home)

    assert _snapshot(read_only.target) == read_only.snapshot
    assert info.returncode == 0, f"{read_only.mode}:\n{info.stderr}"
    assert info.stdout.splitlines()[0] == f"sadr-iran-data {sid.__version__}"
    assert verify.returncode == 0, f"{read_only.mode}:\n{verify.stderr}"
    assert verify.stdout.strip() == f"all {len(FILES)} files match the manifest"
