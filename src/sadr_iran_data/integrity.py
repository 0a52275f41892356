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
    """The parsed ``manifest.json``; raises :class:`DataIntegrityError` if unreadable."""
    path = (folder or data_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataIntegrityError(f"{path.name} is missing from {path.parent}; reinstall sadr-iran-data") from None
    except (OSError, ValueError) as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc}); reinstall sadr-iran-data") from None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_verified(name: str, folder: Path | None = None, manifest: dict[str, Any] | None = None) -> bytes:
    """The bytes of table ``name``'s file, after checking them against the manifest."""
    folder = folder or data_dir()
    manifest = manifest or read_manifest(folder)
    entry = manifest["tables"].get(name) or manifest.get("files", {}).get(name)
    if entry is None:
        raise DataIntegrityError(f"{MANIFEST} has no entry for {name!r}; reinstall sadr-iran-data")
    path = folder / entry["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataIntegrityError(f"{path.name} cannot be read ({exc.strerror or exc}); reinstall sadr-iran-data") from None
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
    folder = folder or data_dir()
    manifest = read_manifest(folder)
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
