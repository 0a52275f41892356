"""The command line: output for good input, one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bad_inputs import BAD_FILES

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
    _one_line_error(run("validate", str(bad)), "events.parquet is not a Parquet file")


@pytest.mark.parametrize("case", BAD_FILES)
def test_every_kind_of_bad_file_is_one_line_and_exit_1(tmp_path, capsys, case):
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert err.startswith("sadr-iran-data validate: ")


def test_a_file_system_error_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", str(blocker / "inside"), "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "sadr-iran-data export: cannot access" in err and "Not a directory" in err


def _invalid_events(path):
    df = sid.load_events().astype({"certainty": "string"})
    df.loc[0:29, "certainty"] = "certain"
    df.loc[3, "summary"] = None
    df["mine"] = 1
    df.to_parquet(path)
    return path


def test_the_report_counts_failures_by_column_and_rule_then_lists_them(tmp_path, capsys):
    path = _invalid_events(tmp_path / "mine.parquet")
    assert main(["validate", str(path), "--table", "events", "--no-references"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"mine.parquet (events): {len(sid.load_events())} rows, 32 failure(s)"
    assert "    certainty: vocabulary ×30" in lines and "    summary: required ×1" in lines and "    mine: unknown_column ×1" in lines
    listed = [line for line in lines if line.startswith("    events.")]
    assert len(listed) == 20
    assert lines[-1] == "    … and 12 more: --all lists them, --format csv writes them all"
    assert main(["validate", str(path), "--table", "events", "--no-references", "--all"]) == 1
    assert len([line for line in capsys.readouterr().err.splitlines() if line.startswith("  events.")]) == 32


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_readable_reports_hold_every_failure(tmp_path, capsys, fmt):
    import io

    import pandas as pd

    path = _invalid_events(tmp_path / "mine.parquet")
    assert main(["validate", str(path), "--table", "events", "--no-references", "--format", fmt]) == 1
    out = capsys.readouterr().out
    frame = pd.read_csv(io.StringIO(out)) if fmt == "csv" else pd.read_json(io.StringIO(out))
    expected = sid.validate(path, table="events", references=False).to_frame()
    assert len(frame) == len(expected) == 32
    assert list(frame.columns) == list(expected.columns)
    assert sorted(frame["row"]) == sorted(expected["row"])


def test_extra_columns_can_be_ignored(tmp_path, capsys):
    path = tmp_path / "events.parquet"
    sid.load_events().assign(my_notes="x").to_parquet(path)
    assert main(["validate", str(path)]) == 1
    assert "my_notes: unknown_column" in capsys.readouterr().err
    assert main(["validate", str(path), "--extra-columns", "ignore"]) == 0
    assert f"events.parquet (events): {len(sid.load_events())} rows, valid" in capsys.readouterr().out


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


def test_a_parquet_file_saved_with_pandas_validates_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "actors.parquet"
    actors = sid.load_actors()
    actors.to_parquet(path)  # list columns with pandas metadata
    assert main(["validate", str(path)]) == 0
    assert f"actors.parquet (actors): {len(actors)} rows, valid" in capsys.readouterr().out


def test_an_unexpected_error_while_checking_a_file_is_one_line(tmp_path, capsys, monkeypatch):
    from sadr_iran_data import validation

    def broken(*args, **kwargs):
        raise RuntimeError("something no test foresaw\nsecond line")

    monkeypatch.setattr(validation, "validate", broken)
    path = tmp_path / "events.csv"
    path.write_text("event_id\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"sadr-iran-data validate: cannot check {path}: RuntimeError: something no test foresaw"
