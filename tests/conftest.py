"""Shared fixtures: the repository root, the source text, the shipped tables, the built distributions, the figures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "terrorism-monitor-5-4-sadr-tehran.txt"
SOURCE_SHA256 = "68eeecae3b1d13869b2a91115cde82f1f5ddd4560e0b01453727cf83294820ec"


def in_repository() -> bool:
    """The sdist leaves out the article's text and the curated files; a clone has them."""
    return SOURCE.exists() and (ROOT / "data" / "curated").is_dir()


needs_repository = pytest.mark.skipif(not in_repository(), reason="needs a clone of the repository (data/sources, data/curated)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The modules with slow tests first, then the others, most tests first.

    Each module runs whole on one worker (``--dist loadfile``). Started
    last, a module of a few long tests (the large files, the release)
    would leave the other workers idle at the end; started first, the many
    short tests fill in around it.
    """
    modules: dict[Path, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.path, []).append(item)

    def longest_first(tests: list[pytest.Item]) -> tuple[bool, int]:
        return not any(test.get_closest_marker("slow") for test in tests), -len(tests)

    items[:] = [item for tests in sorted(modules.values(), key=longest_first) for item in tests]


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


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], list[Path]]) -> list[Path]:
    """The files ``make`` writes into an empty folder, made once for the whole run.

    The tests run in several processes (pytest-xdist): the first worker to ask
    makes them in a folder all the workers of the run share, the others wait
    for it and use its files.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each worker's temporary folder is in the run's
    folder, made = root / name, root / f"{name}.made"
    with FileLock(root / f"{name}.lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            paths = make(folder)
            made.write_text("".join(f"{path.relative_to(folder)}\n" for path in paths), encoding="utf-8")
    return [folder / line for line in made.read_text(encoding="utf-8").splitlines()]


def _build_dists(out: Path) -> list[Path]:
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    build = subprocess.run(command, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    return [next(out.glob("*.whl")), next(out.glob("*.tar.gz"))]


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> tuple[Path, Path]:
    """The wheel and the sdist of this checkout, built once for the run and offline (no build isolation)."""
    wheel, sdist = made_once(tmp_path_factory, "dist", _build_dists)
    return wheel, sdist


def _draw_figures(out: Path) -> list[Path]:
    from sadr_iran_data._build import figures

    return figures.make_figures(ROOT, out)


def _build_site(out: Path) -> list[Path]:
    from test_docs import build_site

    site = out / "site"
    result = build_site(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return [site]


@pytest.fixture(scope="session")
def site_built(tmp_path_factory) -> Path:
    """The documentation site, ``mkdocs build --strict`` once for the run (ask for it once mkdocs is known to be installed)."""
    (site,) = made_once(tmp_path_factory, "site", _build_site)
    return site


@pytest.fixture(scope="session")
def figures_drawn(tmp_path_factory) -> list[Path]:
    """The documentation's figures, drawn once for the run (needs matplotlib), in the order ``make_figures`` returns them."""
    return made_once(tmp_path_factory, "figures", _draw_figures)
