"""The release workflow: a tag of this version, tests, trusted publishing with attestations, least privilege.

What is checked comes from the publishing action's and PyPI's documentation:
``id-token: write`` is what trusted publishing needs and only the publishing
job should have it (pypa/gh-action-pypi-publish README, "Trusted publishing");
attestations are made only with trusted publishing, that is with no
``password`` (docs.pypi.org, "Producing attestations"), and must not be
turned off (``attestations: false``).
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import sadr_iran_data as sid
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
pytestmark = pytest.mark.skipif(not WORKFLOW.exists(), reason="needs a clone of the repository (.github/)")
ACTION = "pypa/gh-action-pypi-publish@"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _trigger(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true


def _steps(job: dict, uses: str) -> list[dict]:
    return [step for step in job.get("steps", []) if step.get("uses", "").startswith(uses)]


def test_only_a_tag_of_a_version_runs_it(workflow):
    trigger = _trigger(workflow)
    assert set(trigger) == {"push"} and set(trigger["push"]) == {"tags"}
    patterns = trigger["push"]["tags"]
    assert any(fnmatch.fnmatchcase(f"v{sid.__version__}", p) for p in patterns)
    assert not any(fnmatch.fnmatchcase(name, p) for p in patterns for name in ("main", "v1", "latest"))


def test_only_the_publishing_job_may_ask_for_an_id_token(workflow):
    assert "id-token" not in workflow.get("permissions", {})
    assert workflow["permissions"] == {"contents": "read"}
    publishers = [name for name, job in workflow["jobs"].items() if _steps(job, ACTION)]
    assert publishers == ["publish"]
    for name, job in workflow["jobs"].items():
        has_token = job.get("permissions", {}).get("id-token") == "write"
        assert has_token is (name == "publish"), name


def test_publishing_is_trusted_with_attestations_after_the_build_and_tests(workflow):
    jobs = workflow["jobs"]
    publish = jobs["publish"]
    (step,) = _steps(publish, ACTION)
    options = step.get("with", {})
    assert "password" not in options and "user" not in options, "a token would replace trusted publishing, and with it the attestations"
    assert options.get("attestations", True) not in (False, "false")
    assert publish["environment"]["name"] == "pypi"
    assert publish["needs"] == "build"
    build_runs = [step.get("run", "") for step in jobs["build"]["steps"]]
    assert any("bash .ci/run" in run for run in build_runs)
    assert any("python -m build" in run and "twine check --strict" in run for run in build_runs)


def test_the_github_release_comes_after_pypi_and_may_only_write_contents(workflow):
    job = workflow["jobs"]["github-release"]
    assert job["needs"] == "publish"
    assert job["permissions"] == {"contents": "write"}
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert "gh release create" in runs[-1] and "--verify-tag" in runs[-1]
    # The archives the docs home page's JSON-LD offers are made from the published wheel and attached.
    assert "python scripts/release_assets.py assets/" in runs[0] and "dist/*.whl" in runs[0] and "assets/*" in runs[-1]
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])  # the script is the repository's


def _release_assets():
    """``scripts/release_assets.py``, which the workflow runs on the published wheel, as a module."""
    spec = importlib.util.spec_from_file_location("release_assets", ROOT / "scripts" / "release_assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.release_assets


def test_the_release_assets_are_the_files_the_json_ld_offers(tmp_path, monkeypatch):
    import zipfile

    from sadr_iran_data.formats.schemaorg import home_page

    pytest.importorskip("pyreadstat", reason="the Stata export needs pip install -e '.[stata]'")
    release_assets = _release_assets()
    written = release_assets(tmp_path / "assets")
    offered = {d["contentUrl"].rsplit("/", 1)[1] for d in home_page()["distribution"][1:]}
    assert {p.name for p in written} == offered
    for archive in written:
        fmt = archive.name.removeprefix(f"sadr-iran-data-{sid.__version__}-").removesuffix(".zip")
        expected = {p.name: p.read_bytes() for p in sid.export(fmt, tmp_path / "direct" / fmt)}
        with zipfile.ZipFile(archive) as zf:
            assert zf.testzip() is None
            if fmt == "duckdb":  # DuckDB writes a different file header each time: the same file names
                assert sorted(zf.namelist()) == sorted(expected)
            else:
                assert {name: zf.read(name) for name in zf.namelist()} == expected, fmt

    # The same version, the same bytes. The archives hold what a second export wrote (the files compared above), freshly
    # copied: what the archives add to the files (names, times, order, compression) must not change their bytes.
    def export_again(format: str, folder: Path) -> list[Path]:
        return [Path(shutil.copy(p, folder)) for p in sorted((tmp_path / "direct" / format).iterdir(), reverse=True)]

    monkeypatch.setattr(sid, "export", export_again)
    again = {p.name: p.read_bytes() for p in release_assets(tmp_path / "again") if not p.name.endswith("-duckdb.zip")}
    assert f"sadr-iran-data-{sid.__version__}-stata.zip" in again
    assert again == {p.name: p.read_bytes() for p in written if p.name in again}


def _tag_check(workflow: dict) -> str:
    (step,) = [step for step in workflow["jobs"]["build"]["steps"] if step.get("name") == "Check the tag matches the dataset version"]
    return step["run"]


@pytest.mark.parametrize(("tag", "passes"), [(f"v{sid.__version__}", True), ("v0.0.1", False), (sid.__version__, False)])
def test_the_tag_check_accepts_exactly_the_tag_of_this_version(workflow, tag, passes):
    script = _tag_check(workflow).replace("python ", f'"{sys.executable}" ', 1)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env={**os.environ, "GITHUB_REF_NAME": tag})
    assert (result.returncode == 0) is passes
