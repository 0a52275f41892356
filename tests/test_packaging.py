"""The built wheel and sdist carry the data files and the metadata; never the article's text."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile

import pytest
from conftest import ROOT, needs_repository

import sadr_iran_data as sid

pytestmark = [needs_repository, pytest.mark.slow]


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    wheel = next(out.glob("*.whl"))
    sdist = next(out.glob("*.tar.gz"))
    return wheel, sdist


def test_wheel_holds_every_table_the_manifest_and_py_typed(dists):
    wheel, _ = dists
    assert wheel.name.startswith(f"sadr_iran_data-{sid.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in sid.tables():
        assert f"sadr_iran_data/data/{table}.parquet" in names
    assert "sadr_iran_data/data/manifest.json" in names
    assert "sadr_iran_data/py.typed" in names
    assert not any(n.endswith(".txt") and "sources" in n for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "sadr-iran-data = sadr_iran_data.cli:main" in entry_points


def test_sdist_holds_the_data_but_not_the_article(dists):
    _, sdist = dists
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    for table in sid.tables():
        assert f"src/sadr_iran_data/data/{table}.parquet" in names
    assert "src/sadr_iran_data/data/manifest.json" in names
    assert "data/curated/events.yaml" in names
    assert not any(n.startswith("data/sources/") and n.endswith(".txt") for n in names)


def test_distributions_pass_twine_check(dists):
    out = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("PASSED") == 2
