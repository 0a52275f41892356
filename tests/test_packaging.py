"""The built wheel and sdist carry the data files and the metadata; never the article's text."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import PurePosixPath

import pytest

import sadr_iran_data as sid
from conftest import ROOT, SOURCE, needs_repository

pytestmark = [needs_repository, pytest.mark.slow]

DATA = ROOT / "src" / "sadr_iran_data" / "data"
CURATED = ROOT / "data" / "curated"


def _article_head() -> bytes:
    head = SOURCE.read_bytes()[:2000]
    assert len(head) == 2000
    return head


def test_wheel_holds_every_manifest_file_byte_for_byte_and_py_typed(dists):
    wheel, _ = dists
    assert wheel.name.startswith(f"sadr_iran_data-{sid.__version__}-")
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    entries = {**manifest["tables"], **manifest["files"]}
    assert set(sid.tables()) <= set(manifest["tables"])
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name, entry in entries.items():
            digest = hashlib.sha256(zf.read(f"sadr_iran_data/data/{entry['file']}")).hexdigest()
            assert digest == entry["sha256"], f"{entry['file']} ({name}) in the wheel differs from the manifest"
        assert zf.read("sadr_iran_data/data/manifest.json") == (DATA / "manifest.json").read_bytes()
        shipped = {n.removeprefix("sadr_iran_data/data/") for n in names if n.startswith("sadr_iran_data/data/")}
        assert shipped == {"manifest.json", *(entry["file"] for entry in entries.values())}
        assert "sadr_iran_data/py.typed" in names
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        entry_points = zf.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata
    assert "sadr-iran-data = sadr_iran_data.cli:main" in entry_points


def test_wheel_holds_neither_the_article_nor_the_curated_files(dists):
    wheel, _ = dists
    head = _article_head()
    curated = {path.name for path in CURATED.glob("*.yaml")}
    assert "events.yaml" in curated
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.infolist():
            path = PurePosixPath(member.filename)
            assert "sources" not in path.parts[:-1], member.filename
            assert not (path.suffix == ".yaml" and path.name in curated), member.filename
            assert head not in zf.read(member), f"{member.filename} holds the article's text"


def test_wheel_holds_no_build_time_code(dists):
    wheel, _ = dists
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "sadr_iran_data/cli.py" in names and "sadr_iran_data/__init__.py" in names
    assert [n for n in names if "_build" in PurePosixPath(n).parts] == []


def test_sdist_holds_the_data_but_not_the_article(dists):
    _, sdist = dists
    head = _article_head()
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
        for name, member in members.items():
            if member.isfile():
                assert head not in tar.extractfile(member).read(), f"{name} holds the article's text"
    for table in sid.tables():
        assert f"src/sadr_iran_data/data/{table}.parquet" in members
    assert "src/sadr_iran_data/data/manifest.json" in members
    assert "data/curated/events.yaml" in members
    assert not any(n.startswith("data/sources/") and n.endswith(".txt") for n in members)
    # the source keeps the build code, which a wheel built from it leaves out
    assert "src/sadr_iran_data/_build/command.py" in members


def test_distributions_pass_twine_check(dists):
    out = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("PASSED") == 2
