"""The one command that regenerates every generated file, and releases a version.

``sadr-iran-data build`` rebuilds, for the current version: the Parquet
files, their Croissant description (``croissant.json``), ``manifest.json``
(and its sha256, recorded in ``_version.py``), the data changelog and
retired ids, the sentence ledger, ``schemas/``, ``CITATION.cff``,
``.zenodo.json``, the generated documentation pages and the home page's
schema.org JSON-LD, the README's generated blocks and (with matplotlib) the
figures.

``sadr-iran-data build --release X.Y.Z`` first sets the version and its
release date in ``_version.py`` (and turns the changelog's ``[Unreleased]``
heading into the release's), then does all of the above in a fresh process,
so that everything reads the new version, and archives the release's rows in
``data/releases/``. Both are idempotent: run twice, they write the same bytes.

``sadr-iran-data build --out DIR`` writes only the data files into ``DIR``.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import sadr_iran_data

from .. import _version
from ..dataset.integrity import MANIFEST, sha256_bytes
from ..dataset.versions import version_key
from ..errors import BuildError, SadrIranDataError
from .archive import archive, archived_versions
from .build import build_tables
from .curated import find_root, package_data, read_sources
from .files import write_text

VERSION_FILE = Path("src") / "sadr_iran_data" / "_version.py"
CHANGELOG = Path("CHANGELOG.md")


def _say(what: str) -> None:
    print(what, flush=True)


def _check_package(root: Path) -> None:
    """The running package must be the clone's, or the generated pages would describe another installation."""
    running = Path(sadr_iran_data.__file__).resolve().parent
    if running != (root / "src" / "sadr_iran_data").resolve():
        raise BuildError(f"the running sadr_iran_data is {running}, not this clone's: install it with pip install -e '.[build]'")


def _set(root: Path, name: str, value: str) -> None:
    """Set ``name = "value"`` in ``_version.py``, on disk and in this process."""
    path = root / VERSION_FILE
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf'^{name} = ".*"$', f'{name} = "{value}"', text, flags=re.MULTILINE)
    if count != 1:
        raise BuildError(f'{VERSION_FILE} has no line {name} = "…"')
    write_text(path, new)
    setattr(_version, name, value)


def regenerate(root: Path, *, archive_release: bool = False) -> list[str]:
    """Rebuild the data and every generated file of the current version; returns what was written."""
    from ..formats.citation import cite
    from . import discovery
    from .docs import licence_file, write, write_readme
    from .ledger import write_ledger
    from .schemas import write_schemas

    _check_package(root)
    out = package_data(root)
    built = build_tables(root, out)
    _set(root, "__manifest_sha256__", sha256_bytes((out / MANIFEST).read_bytes()))
    done = [f"built {_version.__version__}: " + ", ".join(f"{n} {t['rows']}" for n, t in built.manifest["tables"].items())]
    text = read_sources(root)[built.manifest["source"]["text_sha256"]]
    write_ledger(root, text, built.rows["evidence"])
    write_schemas(root / "schemas")
    write_text(root / "CITATION.cff", cite("cff"))
    write(root)
    write_readme(root)
    write_text(root / "LICENSE-DATA", licence_file())
    discovery.write(root)
    done.append(
        "wrote the ledger, schemas/, CITATION.cff, .zenodo.json, the generated docs pages and the home page's JSON-LD, the README's numbers"
    )
    try:
        from .figures import make_figures
    except ImportError:
        done.append("the figures need matplotlib (pip install -e '.[build]'): not redrawn")
    else:
        make_figures(root)
        done.append("drew docs/figures/")
    if archive_release:
        path = archive(root, built.rows)
        done.append(f"archived {path.relative_to(root)}" if path else f"{_version.__version__} was archived already, with the same rows")
    return done


def _release_date(version: str, date: str | None) -> str:
    if date is not None:
        try:
            return datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise BuildError(f"--date must be a day written YYYY-MM-DD, not {date!r}") from None
    if version == _version.__version__:
        return str(_version.__released__)
    return datetime.date.today().isoformat()


def set_release(root: Path, version: str, date: str | None = None) -> None:
    """Set the version and release date in ``_version.py``; refuse a version older than the current or an archived one."""
    try:
        new = version_key(version)
    except SadrIranDataError as exc:
        raise BuildError(str(exc)) from None
    if str(new) != version:
        raise BuildError(f"write the version as {new} (its normal form), not {version!r}")
    archived = archived_versions(root)
    if new < version_key(_version.__version__) or (archived and new < version_key(archived[-1])):
        raise BuildError(f"{version} is older than {max([_version.__version__, *archived], key=version_key)}: a release goes forward")
    released = _release_date(version, date)
    _set(root, "__version__", version)
    _set(root, "__released__", released)
    _name_changelog_section(root, version, released)


def _name_changelog_section(root: Path, version: str, released: str) -> None:
    """Turn ``## [Unreleased]`` into the release's heading (with a new, empty ``[Unreleased]`` above it)."""
    path = root / CHANGELOG
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    if f"## [{version}]" in text or "## [Unreleased]" not in text:
        return
    write_text(path, text.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{version}] - {released}", 1))


def check_curated(root: Path) -> int:
    """Check the curated data against every declared rule and coding rule, print each failure and the share shipped; 1 if any."""
    from ..rules.shipped_text import shipped_share
    from ..validation import check_records
    from .build import documents, ordered
    from .curated import derive_rows, read_curated, read_sources

    texts = read_sources(root)
    rows = derive_rows(read_curated(root), texts)
    _, failures = check_records(ordered(rows), documents(rows, texts))
    for failure in failures:
        _say(failure.format(position=False))
    _say(f"{len(failures)} failure{'' if len(failures) == 1 else 's'}")
    for doc, (shipped, length) in shipped_share(rows).items():
        _say(f"{doc}: the quotes and cues cover {shipped} of {length} characters ({shipped / length:.1%})")
    return 1 if failures else 0


def build_command(
    root: Path | None = None, out: Path | None = None, release: str | None = None, date: str | None = None, *, check: bool = False
) -> int:
    """What ``sadr-iran-data build`` does (see the module's description); returns the exit status."""
    if check and (out is not None or release is not None):
        raise BuildError("--check writes nothing: leave out --out and --release")
    if check:
        return check_curated(find_root(root))
    if out is not None and (release is not None or date is not None):
        raise BuildError("--out writes only the data files; a release regenerates the repository's files: leave out --out")
    if date is not None and release is None:
        raise BuildError("--date is the date of a release: give --release X.Y.Z too")
    root = find_root(root)
    if out is not None:
        manifest = build_tables(root, out).manifest
        _say(f"built {manifest['version']} into {out}: " + ", ".join(f"{n} {t['rows']}" for n, t in manifest["tables"].items()))
        return 0
    if release is None:
        for line in regenerate(root):
            _say(line)
        return 0
    _check_package(root)
    set_release(root, release, date)
    _say(f"set the version to {release} ({_version.__released__}) in {VERSION_FILE}")
    # A fresh process, so that every module reads the new version.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root / "src"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "sadr_iran_data._build", "--root", str(root), "--archive"]
    child = subprocess.run(command, env=env, check=False)  # noqa: S603 (this interpreter, fixed arguments)
    if child.returncode == 0:
        _say(f"reinstall the package (pip install -e '.[build]') so that its installed metadata says {release} too")
    return child.returncode
