"""Shared fixtures: the repository root, the source text, the shipped tables, the built distributions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "terrorism-monitor-5-4-sadr-tehran.txt"
SOURCE_SHA256 = "68eeecae3b1d13869b2a91115cde82f1f5ddd4560e0b01453727cf83294820ec"


def in_repository() -> bool:
    """The sdist leaves out the article's text and the curated files; a clone has them."""
    return SOURCE.exists() and (ROOT / "data" / "curated").is_dir()


needs_repository = pytest.mark.skipif(not in_repository(), reason="needs a clone of the repository (data/sources, data/curated)")


@pytest.fixture(scope="session")
def source_text() -> str:
    if not SOURCE.exists():
        pytest.skip("the article's text is only in a clone of the repository")
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def frames():
    import sadr_iran_data as sid

    return sid.load_all()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of the shipped data folder that the loaders read instead."""
    import shutil

    from sadr_iran_data.dataset import integrity

    folder = tmp_path / "data"
    shutil.copytree(integrity.data_dir(), folder)
    monkeypatch.setattr(integrity, "_data_dir", folder)
    return folder


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> tuple[Path, Path]:
    """The wheel and the sdist of this checkout, built once and offline (no build isolation)."""
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    build = subprocess.run(command, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz"))
