"""The manifest of shipped files and the sha256 checks behind every load.

``manifest.json`` plays the role of a pooch registry: each Parquet file's
sha256, size and row count, written by the build. The manifest's own sha256
is recorded in the package's code (``_version.__manifest_sha256__``) by the
release command, so a file edited together with its manifest entry is
refused too. Reading it needs only ``json``; nothing here imports pandas or
pyarrow.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import _version
from .._names import TABLE_NAMES
from ..errors import DataIntegrityError

MANIFEST = "manifest.json"
_REINSTALL = "reinstall sadr-iran-data"

_data_dir: Path | None = None


class Manifest(dict[str, Any]):
    """The parsed ``manifest.json``, with the sha256 of its bytes and whether it is the installed one."""

    sha256: str = ""
    installed: bool = False


def data_dir() -> Path:
    """The folder holding the shipped Parquet files and the manifest."""
    global _data_dir
    if _data_dir is None:
        beside = Path(__file__).resolve().parent.parent / "data"
        if beside.is_dir():
            _data_dir = beside
        else:  # an installation that is not a plain folder (a zip, a custom loader)
            import importlib.resources

            _data_dir = Path(str(importlib.resources.files("sadr_iran_data") / "data"))
    return _data_dir


def read_manifest(folder: Path | None = None) -> Manifest:
    """The parsed ``manifest.json``; raises :class:`DataIntegrityError` if it is unreadable or malformed."""
    path = (folder or data_dir()) / MANIFEST
    try:
        data = path.read_bytes()
        parsed = json.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(f"{path.name} is missing from {path.parent}; {_REINSTALL}") from None
    except (OSError, ValueError) as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc}); {_REINSTALL}") from None
    problem = _manifest_problem(parsed, installed=folder is None)
    if problem:
        raise DataIntegrityError(f"{path.name} is malformed: {problem}; {_REINSTALL}")
    manifest = Manifest(parsed)
    manifest.sha256 = sha256_bytes(data)
    manifest.installed = folder is None
    return manifest


def _manifest_problem(manifest: Any, installed: bool) -> str | None:
    """What is wrong with a parsed manifest, or None; the installed one must also match the package's version."""
    if not isinstance(manifest, dict):
        return "not a JSON object"
    if installed and manifest.get("version") != _version.__version__:
        return f"it describes version {manifest.get('version')!r}, but the installed package is {_version.__version__}"
    if isinstance(manifest.get("tables"), dict) and tuple(manifest["tables"]) != TABLE_NAMES:
        return f"it lists the tables {', '.join(manifest['tables']) or 'none'}, not {', '.join(TABLE_NAMES)}"
    for section in ("tables", "files"):
        entries = manifest.get(section, {} if section == "files" else None)
        if not isinstance(entries, dict) or (section == "tables" and not entries):
            return f"{section!r} is missing or not an object"
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                return f"entry {name!r} is not an object"
            file, digest, size = entry.get("file"), entry.get("sha256"), entry.get("bytes")
            if not isinstance(file, str) or not file or file != Path(file).name or file.startswith("."):
                return f"entry {name!r} has no plain file name"
            if not _is_sha256(digest):
                return f"entry {name!r} has no sha256"
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                return f"entry {name!r} has no byte count"
    return None


def _is_sha256(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and not value.strip("0123456789abcdef")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_manifest_digest(manifest: Manifest) -> None:
    """The installed manifest must be the one its release recorded in the package's code."""
    recorded = _version.__manifest_sha256__
    if manifest.installed and manifest.sha256 != recorded:
        raise DataIntegrityError(
            f"{MANIFEST} was edited: its sha256 {manifest.sha256[:12]}… is not the {recorded[:12]}… "
            f"that sadr-iran-data {_version.__version__} recorded; {_REINSTALL}"
        )


def read_verified(name: str, folder: Path | None = None, manifest: Manifest | None = None, *, check_manifest: bool = True) -> bytes:
    """The bytes of table ``name``'s file, checked against the manifest, and (unless told not to) the manifest against the release."""
    manifest = manifest or read_manifest(folder)
    folder = folder or data_dir()
    entry = manifest["tables"].get(name) or manifest.get("files", {}).get(name)
    if entry is None:
        raise DataIntegrityError(f"{MANIFEST} has no entry for {name!r}; {_REINSTALL}")
    path = folder / str(entry["file"])
    try:
        data: bytes = path.read_bytes()
    except OSError as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc.strerror or exc}); {_REINSTALL}") from None
    if len(data) != entry["bytes"]:
        raise DataIntegrityError(
            f"{path.name} is corrupted or was edited: it has {len(data)} bytes where the manifest says {entry['bytes']}; {_REINSTALL}"
        )
    digest = sha256_bytes(data)
    if digest != entry["sha256"]:
        raise DataIntegrityError(
            f"{path.name} is corrupted or was edited: sha256 {digest[:12]}… does not match the manifest's "
            f"{entry['sha256'][:12]}…; {_REINSTALL}"
        )
    if check_manifest:
        check_manifest_digest(manifest)
    return data


def verify(folder: Path | None = None) -> dict[str, str]:
    """Check every shipped file against the manifest, and the manifest against the release.

    Parameters
    ----------
    folder
        A data folder to check instead of the installed one (its manifest is
        then not compared with the release's record).

    Returns
    -------
    dict of str to str
        ``{name: "ok"}`` for every table and release file.

    Raises
    ------
    DataIntegrityError
        Naming every file that fails.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> set(sid.tables()) <= set(sid.verify())
    True
    """
    manifest = read_manifest(folder)
    folder = folder or data_dir()
    names = [*manifest["tables"], *manifest.get("files", {})]
    problems = []
    for name in names:
        try:
            read_verified(name, folder, manifest)
        except DataIntegrityError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
    if problems:
        raise DataIntegrityError("; ".join(problems))
    return {name: "ok" for name in names}
