"""The command line: output for good input, one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bad_inputs import BAD_FILES, DEEP, HOSTILE_FILES, write_actors
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from conftest import needs_repository
from sadr_iran_data._names import EXPORT_FORMATS
from sadr_iran_data.cli import _parser, main


def run(*args: str) -> subprocess.CompletedProcess:
    """The command in a fresh Python process, as ``python -m sadr_iran_data.cli`` runs it."""
    return subprocess.run([sys.executable, "-m", "sadr_iran_data.cli", *args], capture_output=True, text=True)


def _run_in_process(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def run_here(*args: str) -> subprocess.CompletedProcess:
    """The command run by ``main`` in this process, its exit status and output as a process would give them.

    ``main`` turns every error into a message and a status, so where the
    process itself is not the point the tests spare starting one.
    """
    status, out, err = _run_in_process(list(args))
    return subprocess.CompletedProcess(["sadr-iran-data", *args], status, out, err)


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


# --------------------------------------------------------------------------
# show: as wide as the terminal, the main columns, rows chosen with --where
# --------------------------------------------------------------------------

SHOWABLE = [*((name, False) for name in sid.tables()), ("events", True), ("relations", True)]


@functools.cache
def _shipped_rows(name: str, wide: bool) -> tuple[dict, ...]:
    """The rows of a table or wide view, as ``sid.load`` gives them in Arrow: read once, for the many examples that compare with them."""
    return tuple(sid.load(name, backend="arrow", wide=wide).to_pylist())


def _declared(name: str, wide: bool):
    from sadr_iran_data.declarations import TABLES, VIEWS

    return VIEWS[name] if wide else TABLES[name]


def test_every_table_and_view_has_main_columns_it_holds():
    from sadr_iran_data.cli import SHOWN
    from sadr_iran_data.declarations import TABLES, VIEWS
    from sadr_iran_data.declarations.views import EVIDENCE_WITH_SENTENCES

    tables = [*TABLES.values(), *VIEWS.values(), EVIDENCE_WITH_SENTENCES]
    assert set(SHOWN) == {t.name for t in tables}
    for table in tables:
        assert set(SHOWN[table.name]) <= set(table.column_names), table.name
    for name, wide in SHOWABLE:  # the main columns tell the rows apart
        rows = sid.load(name, backend="arrow", wide=wide).to_pylist()
        shown = SHOWN[_declared(name, wide).name]
        assert len({tuple(str(row[c]) for c in shown) for row in rows}) == len(rows), name


@pytest.mark.parametrize(("name", "wide"), SHOWABLE)
def test_show_prints_the_main_columns_of_every_row_when_the_terminal_is_wide(name, wide, capsys, monkeypatch):
    from sadr_iran_data.cli import SHOWN

    monkeypatch.setenv("COLUMNS", "10000")
    assert main(["show", name, *(["--wide"] if wide else [])]) == 0
    lines = capsys.readouterr().out.splitlines()
    view = _declared(name, wide).name
    assert lines[0].split() == list(SHOWN[view])
    assert len(lines) == 1 + len(sid.load(name)) and "…" not in "".join(lines)
    for width in (80, 120):  # a terminal's usual widths: every main column, cut to fit
        monkeypatch.setenv("COLUMNS", str(width))
        assert main(["show", name, *(["--wide"] if wide else [])]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split() == list(SHOWN[view]) and len(lines) == 1 + len(sid.load(name)), (width, lines[-1])
        assert max(map(len, lines)) <= width


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shown=st.sampled_from(SHOWABLE), width=st.integers(1, 220), limit=st.integers(0, 30))
def test_show_fits_the_terminal_whatever_its_width(capsys, monkeypatch, shown, width, limit):
    from sadr_iran_data.cli import SHOWN

    name, wide = shown
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["show", name, "--limit", str(limit), *(["--wide"] if wide else [])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= width for line in lines), (width, [line for line in lines if len(line) > width][:2])
    header = lines[0].split()
    names = list(SHOWN[_declared(name, wide).name])
    assert header == names[: len(header)] or (len(header) == 1 and names[0].startswith(header[0].rstrip("…")))
    rows = _shipped_rows(name, wide)[:limit]
    body = lines[1 : 1 + len(rows)]
    assert len(body) == len(rows) or (not rows and lines[1] == "(no rows)")
    key = names[0]
    for line, row in zip(body, rows, strict=True):  # the id first, whole where the first column fits
        first = line.split("  ")[0]
        assert first == row[key] if len(row[key]) <= width else row[key].startswith(first.rstrip("…"))
    if len(header) < len(names):
        assert lines[-1].startswith("(" if width > 1 else "…") or len(lines[-1]) <= width


def test_a_cut_cell_is_the_start_of_its_value_and_ends_with_an_ellipsis(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    assert main(["show", "events", "--columns", "event_id,summary"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    summaries = dict(zip(sid.load_events()["event_id"], sid.load_events()["summary"], strict=True))
    cut = [line for line in lines if line.endswith("…")]
    assert cut and all(len(line) == 70 for line in cut)
    for line in lines:
        event_id, shown = line.split("  ", 1)
        assert summaries[event_id].startswith(shown.removesuffix("…")), line


def _text_values(table, rows, column):
    """What --where can ask for in ``column``: each present value as text (a list column: each item)."""
    col = table.column(column)
    values = set()
    for row in rows:
        value = row[column]
        if value is None or value == []:
            continue
        values.update(value if col.type == "list" else [col.column_type.to_text(value)])
    return sorted(values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shown=st.sampled_from(SHOWABLE), data=st.data())
def test_where_keeps_exactly_the_rows_whose_column_holds_the_value(capsys, shown, data):
    name, wide = shown
    table = _declared(name, wide)
    rows = _shipped_rows(name, wide)
    conditions = []
    kept = rows
    for _ in range(data.draw(st.integers(1, 2))):
        column = data.draw(st.sampled_from(list(table.column_names)))
        choices = _text_values(table, kept, column)
        value = data.draw(st.sampled_from(choices) if choices and data.draw(st.integers(0, 4)) else st.just(""))
        conditions += ["--where", f"{column}={value}"]
        col = table.column(column)
        if value == "":
            kept = [r for r in kept if r[column] is None or r[column] == []]
        elif col.type == "list":
            kept = [r for r in kept if value in (r[column] or [])]
        else:
            kept = [r for r in kept if r[column] is not None and col.column_type.to_text(r[column]) == value]
    assert main(["show", name, *(["--wide"] if wide else []), *conditions, "--format", "json"]) == 0, conditions
    got = json.loads(capsys.readouterr().out)
    assert [r[table.primary_key] for r in got] == [r[table.primary_key] for r in kept], conditions


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--where", "certaint=rumored"], "events has no column 'certaint'; its columns: event_id, event_type, plover_type, summary,"),
        (["--where", "certainty=rumoured"], "--where certainty=rumoured: not in the certainty vocabulary; did you mean 'rumored'?"),
        (["--where", "date_start=2004-13-01"], "--where date_start=2004-13-01: must be a real day"),
        (["--where", "certainty"], "argument --where: COLUMN=VALUE is needed, not 'certainty'"),
        (["--where", "=stated"], "argument --where: COLUMN=VALUE is needed, not '=stated'"),
        (["--columns", "event_id,summry"], "events has no column 'summry'; its columns: event_id,"),
    ],
)
def test_a_mistaken_where_or_column_is_one_line_naming_what_is_known(argv, message, capsys):
    with contextlib.suppress(SystemExit):
        assert main(["show", "events", *argv]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err, err


@needs_repository
def test_show_evidence_with_the_article_picks_a_rows_quotes_and_their_sentences(capsys, monkeypatch):
    from conftest import SOURCE

    monkeypatch.setenv("COLUMNS", "100")
    quotes = sid.load_evidence(article=SOURCE).query("record_id == 'evt-0042'")
    assert main(["show", "evidence", "--article", str(SOURCE), "--where", "record_id=evt-0042"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["evidence_id", "record_id", "quote", "sentence"] and all(len(line) <= 100 for line in lines)
    assert [line.split()[0] for line in lines[1:]] == list(quotes["evidence_id"])
    assert main(["show", "evidence", "--article", str(SOURCE), "--where", "record_id=evt-0042", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [(r["quote"], r["sentence"]) for r in got] == list(zip(quotes["quote"], quotes["sentence"], strict=True))


def test_where_on_an_earlier_release_and_its_own_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    old = sid.load_events(version="1.0.0")
    assert main(["show", "events", "--version", "1.0.0", "--where", "certainty=rumored", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [r["event_id"] for r in got] == list(old.loc[old["certainty"] == "rumored", "event_id"])
    assert list(got[0]) == list(old.columns)  # the columns that release had
    assert main(["show", "events", "--version", "1.0.0", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == ["event_id", "event_type", "date_edtf", "certainty", "summary"]


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
    _one_line_error(run_here("validate", "no/such/events.csv"), "no such file")


def test_unreadable_file(tmp_path):
    bad = tmp_path / "events.parquet"
    bad.write_bytes(b"not parquet at all")
    _one_line_error(run_here("validate", str(bad)), "events.parquet is not a Parquet file")


#: On the command line, a folder is a folder of tables: an empty one has none.
FOLDER_MESSAGES = {"directory": "holds no table file", "directory, no suffix": "holds no table file"}


@pytest.mark.parametrize("case", BAD_FILES)
def test_every_kind_of_bad_file_is_one_line_and_exit_1(tmp_path, capsys, case):
    make, message = BAD_FILES[case]
    message = FOLDER_MESSAGES.get(case, message)
    path = make(tmp_path)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert err.startswith("sadr-iran-data validate: ")


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_every_hostile_table_is_a_report_never_a_traceback(tmp_path, capsys, case):
    make, expected = HOSTILE_FILES[case]
    path = make(tmp_path)
    assert main(["validate", str(path), "--no-references"]) == (1 if expected else 0)
    out, err = capsys.readouterr()
    report = err if expected else out
    assert "Traceback" not in out + err and "cannot check" not in err
    failures = sum(expected.values())
    outcome = f"{failures} failure{'' if failures == 1 else 's'}" if expected else "valid"
    assert report.splitlines()[0] == f"actors.csv (actors): 1 row, {outcome}"
    assert len(report.splitlines()) <= 46  # the heading, 20 counts and 20 failures, each with its title, and what is left out
    assert all(len(line) < 1000 for line in (out + err).splitlines())  # a huge value is shown cut, with its length


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
    assert lines[0] == f"mine.parquet (events): {len(sid.load_events())} rows, 32 failures"
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
    assert frame["row"].isna().tolist() == expected["row"].isna().tolist()
    ids = sid.load_events()["event_id"]
    for record in frame.to_dict("records"):  # the row's position in row, its id in record_id; neither for the whole table
        if record["column"] == "mine":
            assert pd.isna(record["row"]) and pd.isna(record["record_id"]) and record["rule"] == "unknown_column"
        else:
            assert record["row"] == int(record["row"]) and record["record_id"] == ids[int(record["row"])], record
    if fmt == "json":
        records = json.loads(out)
        assert {type(r["row"]) for r in records} == {int, type(None)}
        assert {r["record_id"][:4] for r in records if r["record_id"]} == {"evt-"}


def test_a_report_names_a_row_without_an_id_by_its_position_and_line(tmp_path, capsys):
    path = tmp_path / "events.csv"
    sid.export("csv", tmp_path, tables=["events"])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "," + lines[2].split(",", 1)[1]  # the second row loses its id
    path.write_text("".join(lines), encoding="utf-8")
    assert main(["validate", str(path), "--no-references", "--format", "json"]) == 1
    (record,) = json.loads(capsys.readouterr().out)
    assert (record["row"], record["record_id"], record["line"], record["column"], record["rule"]) == (1, None, 3, "event_id", "required")
    assert main(["validate", str(path), "--no-references"]) == 1
    assert "events.event_id [row 1, line 3]: " in capsys.readouterr().err


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
    _one_line_error(run_here("validate", str(odd)), "cannot tell which table odd.csv holds")


def test_invalid_file_lists_failures_and_exits_1(tmp_path):
    df = sid.load_events().astype({"certainty": "string"})
    df.loc[0, "certainty"] = "certain"
    path = tmp_path / "mine.parquet"
    df.to_parquet(path)
    out = run_here("validate", str(path), "--table", "events")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert "events.certainty [" in out.stderr and "rule: vocabulary" in out.stderr


def test_valid_file_exits_0(tmp_path):
    path = tmp_path / "events.parquet"
    sid.load_events().to_parquet(path)
    out = run_here("validate", str(path))
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
    sid.load_actors().to_parquet(path)  # list columns with pandas metadata
    assert main(["validate", str(path)]) == 0
    assert f"actors.parquet (actors): {len(sid.load_actors())} rows, valid" in capsys.readouterr().out


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


# --------------------------------------------------------------------------
# Words, order of checks, folders
# --------------------------------------------------------------------------


def test_messages_use_the_command_lines_words_and_pythons_in_python(tmp_path, capsys):
    odd = tmp_path / "odd.csv"
    odd.write_text("a\n1\n", encoding="utf-8")
    assert main(["validate", str(odd)]) == 1
    err = capsys.readouterr().err
    assert "pass --table" in err and "table=" not in err
    with pytest.raises(sid.InputError, match="pass table="):
        sid.validate(odd)
    sid.export("csv", tmp_path, tables=["events"])
    assert main(["export", str(tmp_path), "--format", "csv", "--table", "events"]) == 1
    err = capsys.readouterr().err
    assert "pass --force" in err and "force=True" not in err
    with pytest.raises(sid.SadrIranDataError, match=r"pass force=True"):
        sid.export("csv", tmp_path, tables=["events"])


def test_an_unknown_table_is_named_before_a_missing_file(capsys):
    assert main(["validate", "no/such/events.csv", "--table", "event"]) == 1
    assert capsys.readouterr().err.strip() == f"sadr-iran-data validate: unknown table 'event'; the tables are: {', '.join(sid.tables())}"
    assert main(["validate", "no/such/events.csv", "--table", "events"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_a_folder_of_tables_is_validated_against_each_other(tmp_path, capsys):
    sid.export("csv", tmp_path, tables=["locations", "events"])
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"locations.csv (locations): {len(sid.load_locations())} rows, valid" in out and "events.csv (events)" in out
    events = (tmp_path / "events.csv").read_bytes().replace(b",loc-mehran,", b",loc-my-town,", 1)
    (tmp_path / "events.csv").write_bytes(events)
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "events.location_id [" in err and "refers to no row of locations (value: 'loc-my-town')" in err
    assert main(["validate", str(tmp_path), "--table", "events"]) == 1
    assert "leave out --table" in capsys.readouterr().err
    (tmp_path / "events.csv").write_bytes(events.replace(b",loc-my-town,", b",loc-mehran,", 1))
    places = (tmp_path / "locations.csv").read_bytes().splitlines(keepends=True)
    (tmp_path / "locations.csv").write_bytes(b"".join(places[:1] + [p for p in places if p.startswith(b"loc-mehran,")]))
    assert main(["validate", str(tmp_path)]) == 0  # the folder's one place, and the shipped ones
    capsys.readouterr()
    assert main(["validate", str(tmp_path), "--replace-references"]) == 1  # the folder's one place only
    assert "refers to no row of locations (value: 'loc-iran')" in capsys.readouterr().err


def _my_town(folder: Path) -> None:
    """Into ``folder``: the shipped places and events as CSV, the first event placed in a new place that only locations.csv holds."""
    sid.export("csv", folder, tables=["locations", "events"])
    places = (folder / "locations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    mehran = next(line for line in places if line.startswith("loc-mehran,"))
    (folder / "locations.csv").write_text(
        "".join([*places, mehran.replace("loc-mehran,Mehran,", "loc-my-town,My Town,", 1)]), encoding="utf-8"
    )
    events = (folder / "events.csv").read_bytes().replace(b",loc-mehran,", b",loc-my-town,", 1)
    (folder / "events.csv").write_bytes(events)


def test_several_files_of_different_tables_are_checked_against_each_other(tmp_path, capsys):
    _my_town(tmp_path)
    events, places = str(tmp_path / "events.csv"), str(tmp_path / "locations.csv")
    assert main(["validate", events]) == 1  # alone, the new place is unknown
    assert "refers to no row of locations (value: 'loc-my-town')" in capsys.readouterr().err
    assert main(["validate", events, places]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"locations.csv (locations): {len(sid.load_locations()) + 1} rows, valid",
        f"events.csv (events): {len(sid.load_events())} rows, valid",
    ]
    assert err == ""
    assert main(["validate", events, places, "--table", "events"]) == 1  # each file on its own, as the table named
    out, err = capsys.readouterr()
    assert "refers to no row of locations" in err and "locations.csv (events): " in err
    assert main(["validate", events, events, "--no-references"]) == 0  # one table twice: each on its own
    assert capsys.readouterr().out.count("events.csv (events): ") == 2


def test_several_folders_are_each_checked_and_what_a_folder_skips_is_named(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    sid.export("csv", first, tables=["events"])
    _my_town(second)
    (second / "notes.txt").write_text("not a table", encoding="utf-8")
    (second / "event.csv").write_text("event_id\n", encoding="utf-8")
    assert main(["validate", str(first), str(second)]) == 0
    out, err = capsys.readouterr()
    assert [line.split(":")[0] for line in out.splitlines()] == ["events.csv (events)", "locations.csv (locations)", "events.csv (events)"]
    assert err.splitlines() == [
        f"sadr-iran-data validate: {first}: skipped 1 file it cannot match to a table: events_wide.csv (a wide view); "
        "a table's file is named after it, as events.csv or events.parquet",
        f"sadr-iran-data validate: {second}: skipped 3 files it cannot match to a table: event.csv (events.csv?), "
        "events_wide.csv (a wide view), notes.txt; a table's file is named after it, as events.csv or events.parquet",
    ]
    assert main(["validate", str(first), str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err.strip().endswith("no such file: " + str(tmp_path / "missing"))


def test_a_csv_file_separated_by_semicolons_gets_the_hint_the_docs_show(tmp_path, capsys):
    from conftest import ROOT

    shown = re.search(
        r"```text\n(sadr-iran-data validate: events.csv looks separated by .*?)\n```", (ROOT / "docs/validating.md").read_text("utf-8")
    )
    assert shown is not None
    path = tmp_path / "events.csv"
    path.write_text("event_id;event_type;summary;certainty\nevt-0001;meeting;Al-Sadr, in Tehran;stated\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == shown.group(1).replace("validate: events.csv", f"validate: {path.name}") + "\n"


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["show", "events", "--limit", "-1"], "--limit"),
        (["show", "events", "--limit", "two"], "--limit"),
        (["show", "event"], "unknown table 'event'"),
        (["show", "relations", "--wide", "--rollup", "country"], "rollup must be 'state', or a whole number 0 or more"),
        (["show", "relations", "--wide", "--rollup", "-1"], "not -1"),
        (["show", "relations", "--rollup", "state"], "pass --wide"),
        (["export", "out", "--format", "xlsx"], "--format"),
        (["cite", "--format", "ris"], "--format"),
        (["validate"], "PATH"),
        (["validate", ""], "PATH"),
        (["export", "", "--format", "csv"], "DIR"),
        (["frobnicate"], "COMMAND"),
        (["build", "--date", "2027-01-01"], "--release"),
    ],
)
def test_bad_arguments_are_one_line_naming_the_option(argv, fragment, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with contextlib.suppress(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and fragment in err and "Traceback" not in err, err


@pytest.mark.parametrize("level", ["state", "0", "1"])
def test_show_rolls_up_the_wide_view_as_the_library_does(capsys, level):
    columns = "relation_id,source_actor_id,target_actor_id"
    assert main(["show", "relations", "--wide", "--rollup", level, "--format", "json", "--columns", columns]) == 0
    shown = {row["relation_id"]: (row["source_actor_id"], row["target_actor_id"]) for row in json.loads(capsys.readouterr().out)}
    rollup = int(level) if level.isdigit() else level
    wide = sid.load_relations(wide=True, rollup=rollup)
    assert shown == dict(zip(wide["relation_id"], zip(wide["source_actor_id"], wide["target_actor_id"], strict=True), strict=True))
    assert shown["rel-0061"][0] == {"state": "act-iran", "0": "act-iran", "1": "act-irgc"}[level]  # the Qods Force


def test_show_prints_exactly_the_rows_asked_for(capsys):
    rows = len(sid.load_events())
    for limit in (0, 1, rows, rows + 5):
        assert main(["show", "events", "--limit", str(limit), "--format", "json"]) == 0
        assert len(json.loads(capsys.readouterr().out)) == min(limit, rows)


# --------------------------------------------------------------------------
# check-article
# --------------------------------------------------------------------------


def test_check_article_prints_the_summary_and_exits_0_for_the_stored_article(capsys, source_text):
    from conftest import SOURCE

    assert main(["check-article", str(SOURCE)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{sid.check_article(SOURCE)}\n" and err == ""
    assert "sha256 matches" in out


def test_check_article_exits_1_and_lists_the_missing_quotes_in_text_order(tmp_path, capsys, source_text):
    cut = len(source_text) // 2
    copy = tmp_path / "half.txt"
    copy.write_text(source_text[:cut], encoding="utf-8")
    report = sid.check_article(copy)
    missing = sorted((q for q in report.quotes if q.status == "missing"), key=lambda q: (q.char_start, q.evidence_id))
    assert missing
    assert main(["check-article", str(copy)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and lines[0] == str(report)
    listed = [line.split()[1] for line in lines[1:] if line.startswith("  missing: ")]
    assert listed == [q.evidence_id for q in missing[: len(listed)]] and len(listed) == min(len(missing), 20)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_check_article_writes_every_quote_as_csv_or_json(tmp_path, capsys, source_text, fmt):
    copy = tmp_path / "copy.txt"
    copy.write_text("Foreword.\n\n" + source_text.replace("’", "'"), encoding="utf-8")
    assert main(["check-article", str(copy), "--format", fmt]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    expected = sid.check_article(copy).to_frame()
    import pandas as pd

    got = pd.read_csv(io.StringIO(out)) if fmt == "csv" else pd.DataFrame(json.loads(out))
    assert list(got.columns) == list(expected.columns)
    assert got["new_start"].tolist() == expected["new_start"].tolist() and got["status"].tolist() == expected["status"].astype(str).tolist()


@pytest.mark.parametrize(
    ("name", "message"),
    [("absent.txt", "cannot read"), (".", "is a folder"), ("cp1252.txt", "is not UTF-8 text")],
)
def test_check_article_with_a_bad_path_is_one_line(tmp_path, monkeypatch, name, message):
    (tmp_path / "cp1252.txt").write_bytes("Qum – Najaf".encode("cp1252"))
    monkeypatch.chdir(tmp_path)
    out = run_here("check-article", name)
    _one_line_error(out, "sadr-iran-data check-article: ", message)
    assert out.returncode == 1 and out.stdout == ""


# --------------------------------------------------------------------------
# Every command fuzzed over its arguments: one line and a non-zero exit, or a right result
# --------------------------------------------------------------------------


def _commands():
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


COMMANDS = _commands()
ODD_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
VALUES = st.one_of(
    st.sampled_from([*sid.tables(), "event", "evnts", "", "EVENTS"]),
    st.sampled_from(["-1", "0", "3", "99999999999999999999", "1.5", "abc", "-0", "1e3"]),
    st.sampled_from([*EXPORT_FORMATS, "xlsx", "CSV", "table", "json", "text", "bibtex", "error", "ignore"]),
    st.sampled_from(
        ["out", "out/inner", "..", ".", "a file.csv", "žalm.parquet", "events.csv", "events.parquet", "missing/events.csv", "blocker/x"]
    ),
    ODD_TEXT,
)


#: The playground's hostile tables (a cell nested 100,000 deep, a 3 MB cell, 10,000 columns), as files and as folders.
HOSTILE_PATHS = ("deep/actors.csv", "long/actors.csv", "wide/actors.csv", "deep", "long", "wide")
HOSTILE = st.sampled_from(HOSTILE_PATHS)
#: Strategies made once for the whole module: hypothesis checks a strategy when it is first drawn from.
TABLE_NAMES = st.sampled_from(sid.tables())
VALUES_OF = {name: VALUES | HOSTILE if name == "validate" else VALUES for name in COMMANDS}
_SAMPLED: dict[tuple, st.SearchStrategy] = {}


def _sampled(choices) -> st.SearchStrategy:
    key = tuple(choices)
    if key not in _SAMPLED:
        _SAMPLED[key] = st.sampled_from(key)
    return _SAMPLED[key]


@st.composite
def argv_of(draw, name):
    command = COMMANDS[name]
    options = [a for a in command._actions if a.option_strings and "--help" not in a.option_strings]
    positionals = [a for a in command._actions if not a.option_strings]
    values = VALUES_OF[name]
    argv = [
        name,
        *(draw(TABLE_NAMES if a.dest == "table" and draw(st.booleans()) else values) for a in positionals if draw(st.integers(0, 9))),
    ]
    for _ in range(draw(st.integers(0, 3))):
        action = draw(_sampled(options)) if options else None
        if action is None:
            break
        argv.append(draw(_sampled(action.option_strings)))
        if action.nargs != 0:
            argv.append(draw(_sampled(action.choices)) if action.choices and draw(st.booleans()) else draw(VALUES))
    if draw(st.integers(0, 9)) == 0:
        argv.append(draw(ODD_TEXT))
    return argv


@pytest.fixture(scope="module")
def playground(tmp_path_factory):
    """A folder with a valid table file, a broken one, a plain file in the way, and nothing else from the clone."""
    folder = tmp_path_factory.mktemp("fuzz")
    sid.export("csv", folder, tables=["events"])
    sid.load_actors().head(3).to_parquet(folder / "events.parquet")
    (folder / "blocker").write_text("a file where a folder is expected", encoding="utf-8")
    (folder / "a file.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    for name, options in {"deep": {"changes": {"aliases": DEEP}}, "long": {"changes": {"description": "x" * 3_000_000}}}.items():
        (folder / name).mkdir()
        write_actors(folder / name / "actors.csv", **options)
    (folder / "wide").mkdir()
    write_actors(folder / "wide" / "actors.csv", extra=10_000)
    return folder


#: Values at the edges of what an option takes: none, a negative and an overlong number, a word, a near miss of a table's name.
EDGE_VALUES = ("", "-1", "99999999999999999999", "abc", "evnts")
#: A plausible value of each command's positional arguments, in the playground.
POSITIONALS = {
    "check-article": ["events.csv"],
    "export": ["out"],
    "find": ["sadr"],
    "reader": ["events.csv", "out"],
    "show": ["events"],
    "validate": ["events.csv"],
}


def _edges(name: str) -> list[list[str]]:
    """The command lines each run tries before the drawn ones: the command bare, with --help, and with its plausible arguments;
    each of its options alone (a flag) or with each edge value and each of its choices; for validate, each hostile table.
    """
    positionals = POSITIONALS.get(name, [])
    argvs = [[name], [name, "--help"], [name, *positionals]]
    for action in COMMANDS[name]._actions:
        if not action.option_strings or "--help" in action.option_strings:
            continue
        for option in action.option_strings:
            if action.nargs == 0:
                argvs.append([name, *positionals, option])
                continue
            choices = list(action.choices or []) if name != "export" else []  # tests/test_exports.py runs every format
            argvs += [[name, *positionals, option, value] for value in (*EDGE_VALUES, *choices)]
    if name == "validate":
        argvs += [[name, path] for path in HOSTILE_PATHS]
    return argvs


#: The drawn command lines of each run, tried after the edges listed in ``_edges``.
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_fuzzed_over_its_arguments_answers_in_one_line_or_rightly(name, playground, monkeypatch):
    monkeypatch.chdir(playground)

    def check(argv):
        status, out, err = _run_in_process(argv)
        assert "Traceback" not in err and "Traceback" not in out
        if status != 0:
            first = err.splitlines()[0] if err.strip() else ""
            if argv[0] == "validate" and status == 1 and (re.search(r"\): \d+ rows?, \d+ failures?$", first) or (not err and out)):
                return  # a report of invalid data (as text on stderr, or as CSV or JSON on stdout), not a mistake
            if argv[0] == "check-article" and status == 1 and re.search(r": not the dataset's text; of \d+ quotes? .* \d+ missing", err):
                return  # a report of quotes missing from a file, not a mistake
            assert len(err.strip().splitlines()) == 1 and err.startswith("sadr-iran-data"), (argv, err)
            return
        assert err == "" or argv[0] == "validate", (argv, err)
        if "--help" in argv or "-h" in argv:
            return
        args = _parser().parse_args(argv)  # as the command read them (the last of a repeated option counts)
        if argv[0] == "show" and args.format == "json":
            rows = len(sid.load(args.table))
            assert len(json.loads(out)) == (rows if args.limit is None else min(args.limit, rows)), argv
        if argv[0] == "export":
            lines = out.splitlines()
            if args.format in ("acled", "ucdp-ged"):  # the paths, then one line of counts
                assert re.fullmatch(rf"{args.format}: \d+ events? written, \d+ left out( \(.+\))?", lines.pop()), (argv, out)
            assert lines and all(Path(line).is_file() for line in lines), (argv, out)

    for argv in reversed(_edges(name)):
        check = example(argv)(check)
    FUZZ(given(argv_of(name))(check))()
