"""The command line: output for good input, one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sadr_iran_data as sid
from sadr_iran_data.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sadr_iran_data.cli", *args], capture_output=True, text=True)


def test_info_prints_name_version_source_and_counts():
    out = run("info")
    assert out.returncode == 0, out.stderr
    assert f"sadr-iran-data {sid.__version__}" in out.stdout
    assert "Babak Rahimi" in out.stdout and "Terrorism Monitor" in out.stdout
    for name in sid.tables():
        assert f"  {name} " in out.stdout
        assert f"{len(sid.load(name))} rows" in out.stdout.split(f"  {name} ")[1].splitlines()[0]


def test_version_flag():
    out = run("--version")
    assert out.stdout.strip() == f"sadr-iran-data {sid.__version__}"


def test_tables_lists_every_table(capsys):
    assert main(["tables"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == list(sid.tables())


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_show_formats(capsys, fmt):
    assert main(["show", "actors", "--limit", "2", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert len(json.loads(out)) == 2
    elif fmt == "csv":
        assert out.splitlines()[0].startswith("actor_id,name,aliases")
        assert len(out.strip().splitlines()) == 3
    assert "act-" in out


def test_verify(capsys):
    assert main(["verify"]) == 0
    assert "match the manifest" in capsys.readouterr().out


def _one_line_error(out: subprocess.CompletedProcess, *fragments: str) -> None:
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    for fragment in fragments:
        assert fragment in out.stderr


def test_unknown_table():
    _one_line_error(run("show", "evnts"), "unknown table 'evnts'")


def test_missing_file():
    _one_line_error(run("validate", "no/such/events.csv"), "no such file")


def test_unreadable_file(tmp_path):
    bad = tmp_path / "events.parquet"
    bad.write_bytes(b"not parquet at all")
    _one_line_error(run("validate", str(bad)), "cannot read events.parquet")


def test_file_of_unknown_table(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("a\n1\n", encoding="utf-8")
    _one_line_error(run("validate", str(odd)), "cannot tell which table odd.csv holds")


def test_invalid_file_lists_failures_and_exits_1(tmp_path):
    df = sid.load_events().astype({"certainty": "string"})
    df.loc[0, "certainty"] = "certain"
    path = tmp_path / "mine.parquet"
    df.to_parquet(path)
    out = run("validate", str(path), "--table", "events")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "events.certainty [" in out.stderr and "rule: vocabulary" in out.stderr


def test_valid_file_exits_0(tmp_path):
    path = tmp_path / "events.parquet"
    sid.load_events().to_parquet(path)
    out = run("validate", str(path))
    assert out.returncode == 0, out.stderr
    assert "valid" in out.stdout


def test_bad_arguments_exit_2():
    out = run("show")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_corrupted_data_is_one_line(data_copy, capsys):
    path = data_copy / "events.parquet"
    path.write_bytes(path.read_bytes()[:-1] + b"\0")
    assert main(["verify"]) == 1
    err = capsys.readouterr().err
    assert "events.parquet is corrupted" in err and len(err.strip().splitlines()) == 1
    assert main(["show", "events"]) == 1
