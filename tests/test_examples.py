"""The examples readers copy: every Python block of the README and of the docs' quickstart runs verbatim."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def _blocks(path: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / path).read_text(encoding="utf-8"), flags=re.S)


def _run(code: str, folder) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("number", range(len(_blocks("README.md"))))
def test_each_readme_block_runs_alone_in_an_empty_folder_and_again_in_the_same_folder(number, tmp_path):
    block = _blocks("README.md")[number]
    first = _run(block, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip(), "a README example that prints nothing shows nothing"
    second = _run(block, tmp_path)
    assert second.returncode == 0, f"a second run fails: {second.stderr}"
    assert second.stdout == first.stdout, "a second run prints something else"


def test_the_quickstart_runs_as_one_session_in_an_empty_folder(tmp_path):
    blocks = _blocks("docs/quickstart.md")
    assert len(blocks) >= 5
    out = _run("\n".join(blocks), tmp_path)
    assert out.returncode == 0, out.stderr
    assert "evt-0042" in out.stdout and "Masjid Suleiman" in out.stdout
    assert "events.csv (events): 3 rows, valid" in out.stdout
