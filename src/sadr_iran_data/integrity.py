"""The manifest of shipped files and the sha256 checks behind every load.

``manifest.json`` plays the role of a pooch registry: each Parquet file's
sha256, size and row count, written by the build. Reading it needs only
``json``; nothing here imports pandas or pyarrow.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ._formats import TABLE_NAMES
from .errors import DataIntegrityError

MANIFEST = "manifest.json"

_data_dir: Path | None = None


def data_dir() -> Path:
    """The folder holding the shipped Parquet files and the manifest."""
    global _data_dir
    if _data_dir is None:
        beside = Path(__file__).resolve().parent / "data"
        if beside.is_dir():
            _data_dir = beside
        else:  # an installation that is not a plain folder (a zip, a custom loader)
            import importlib.resources

            _data_dir = Path(str(importlib.resources.files("sadr_iran_data") / "data"))
    return _data_dir


def read_manifest(folder: Path | None = None) -> dict[str, Any]:
    """The parsed ``manifest.json``; raises :class:`DataIntegrityError` if it is unreadable or malformed."""
    path = (folder or data_dir()) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(f"{path.name} is missing from {path.parent}; reinstall sadr-iran-data") from None
    except (OSError, ValueError) as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc}); reinstall sadr-iran-data") from None
    problem = _manifest_problem(manifest, installed=folder is None)
    if problem:
        raise DataIntegrityError(f"{path.name} is malformed: {problem}; reinstall sadr-iran-data")
    return manifest


def _manifest_problem(manifest: Any, installed: bool) -> str | None:
    """What is wrong with a parsed manifest, or None; the installed one must also match the package's version."""
    from ._version import __version__

    if not isinstance(manifest, dict):
        return "not a JSON object"
    if installed and manifest.get("version") != __version__:
        return f"it describes version {manifest.get('version')!r}, but the installed package is {__version__}"
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
            if not isinstance(digest, str) or len(digest) != 64 or digest.strip("0123456789abcdef"):
                return f"entry {name!r} has no sha256"
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                return f"entry {name!r} has no byte count"
    return None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_verified(name: str, folder: Path | None = None, manifest: dict[str, Any] | None = None) -> bytes:
    """The bytes of table ``name``'s file, after checking them against the manifest."""
    manifest = manifest or read_manifest(folder)
    folder = folder or data_dir()
    entry = manifest["tables"].get(name) or manifest.get("files", {}).get(name)
    if entry is None:
        raise DataIntegrityError(f"{MANIFEST} has no entry for {name!r}; reinstall sadr-iran-data")
    path = folder / entry["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc.strerror or exc}); reinstall sadr-iran-data") from None
    if len(data) != entry["bytes"]:
        raise DataIntegrityError(
            f"{path.name} is corrupted or was edited: it has {len(data)} bytes where the manifest says {entry['bytes']}; "
            "reinstall sadr-iran-data"
        )
    digest = sha256_bytes(data)
    if digest != entry["sha256"]:
        raise DataIntegrityError(
            f"{path.name} is corrupted or was edited: sha256 {digest[:12]}… does not match the manifest's "
            f"{entry['sha256'][:12]}…; reinstall sadr-iran-data"
        )
    return data


def verify(folder: Path | None = None) -> dict[str, str]:
    """Check every shipped file against the manifest.

    Returns ``{name: "ok"}`` for every table and release file; raises
    :class:`DataIntegrityError` naming every file that fails.

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
            problems.append(str(exc))
    if problems:
        raise DataIntegrityError("; ".join(problems))
    return {name: "ok" for name in names}
