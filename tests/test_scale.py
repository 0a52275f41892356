"""Validation at scale: a 200,000-row events file, with faults planted at known rows, in memory bounded per row.

The file is built from the table's declaration (``benchmarks/synthetic.py``)
and validated in a fresh process, which reports the failures it found and how
much memory the validation added at its peak. Reading and validating hold the
file and its typed columns, so the memory grows with the rows; the bound is
per row, and holds for a file of any size (``benchmarks/run.py`` times the
validation of 1,000,000 rows).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from sadr_iran_data.declarations import TABLES

pytestmark = pytest.mark.slow

ROWS = 200_000
#: Records drawn from the declaration, of which the rows are copies (each with its own key).
POOL = 100
#: The most memory validating a file may add, per row, reading included (about what 1 GiB allowed for a million
#: rows beside the interpreter). Measured: about 570 bytes for Parquet and 750 for CSV, whose text is held too
#: (less at more rows, which share the fixed part); a Python object per cell would add well over a thousand.
PEAK_BYTES_PER_ROW = 900
#: The rows of the file's first part, validated first, so that what the first validation imports does not count.
WARM_UP_ROWS = 1_000


def row_at(share: float) -> int:
    """The row that far into the file."""
    return int(ROWS * share)


# The peak is the kernel's high-water mark of this process's own memory (VmHWM): unlike getrusage's ru_maxrss,
# it does not carry over the size of the parent pytest forked from. The child validates the file's first part
# (argv[1]), then resets the mark (clear_refs) and validates the file (argv[2]); where the mark cannot be reset,
# the peak since the start counts, which can only be higher.
CHILD = """
import json, resource, sys
import pandas as pd
import sadr_iran_data as sid

def status_mib(field):
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(field + ":")) / 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if field == "VmHWM" else 0.0

keys = json.loads(sys.argv[3])
references = {name: pd.DataFrame({column: pd.Series(ids, dtype="string")}) for name, (column, ids) in keys.items()}
sid.validate(sys.argv[1], table="events", references=references)
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
except OSError:
    pass
before = status_mib("VmRSS")
report = sid.validate(sys.argv[2], table="events", references=references)
print(json.dumps({
    "rows": report.rows,
    "failures": [[f.rule, f.column, f.row, f.record_id, None if f.value is None else str(f.value)] for f in report.failures],
    "added_mib": status_mib("VmHWM") - before,
}))
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A valid synthetic events frame with one fault of each kind at a known row, and those faults.

    The faults break one rule each: a value of the wrong type is not checked further, and the dates put out of
    order are in a row with no EDTF string or known date to disagree with.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import synthetic_frame
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    df = synthetic_frame(TABLES["events"], ROWS, seed=8, pool=POOL)
    df["certainty"] = df["certainty"].astype("string")
    faults = {
        ("vocabulary", "certainty", 17): "maybe",
        ("required", "summary", row_at(0.123456)): None,
        ("type", "date_edtf", row_at(0.654321)): "March 2007",
        ("foreign_key", "location_id", row_at(0.333333)): "loc-nowhere",
    }
    for (_, column, row), value in faults.items():
        df.loc[row, column] = value
    # dates out of order, in a row whose other dates (EDTF, known_date) they cannot disagree with
    undated = int(df.index[(df.index >= row_at(0.5)) & df["date_edtf"].isna() & df["known_date"].isna()][0])
    df.loc[undated, ["date_start", "date_end"]] = [pd.Timestamp("2007-03-01"), pd.Timestamp("2007-02-01")]
    faults["date_order", "date_end", undated] = None
    df.loc[ROWS - 1, "event_id"] = df.loc[0, "event_id"]
    faults["unique", "event_id", 0] = df.loc[0, "event_id"]
    faults["unique", "event_id", ROWS - 1] = df.loc[0, "event_id"]
    keys = {
        "locations": ("location_id", sorted(set(df["location_id"].dropna()) - {"loc-nowhere"})),
        "citations": ("citation_id", sorted(set(df["citation_id"].dropna()))),
        "actors": ("actor_id", sorted(set(df["holder_actor_id"].dropna()))),
    }
    return df, faults, keys, tmp_path_factory.mktemp("scale")


def _validate_in_a_fresh_process(warm_up, path, keys) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(warm_up), str(path), json.dumps(keys)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _check(result: dict, faults: dict, df: pd.DataFrame) -> None:
    assert result["rows"] == ROWS
    found = {(rule, column, row): value for rule, column, row, _, value in result["failures"]}
    assert set(found) == set(faults), f"missed: {set(faults) - set(found)}; unexpected: {set(found) - set(faults)}"
    assert len(result["failures"]) == len(faults)
    for (rule, _, row), value in faults.items():
        if value is not None:
            assert found[rule, _, row] == value
    labels = {row: label for _, _, row, label, _ in result["failures"]}
    for row, label in labels.items():  # the id of the row where it has one
        assert label == df.loc[row, "event_id"]
    per_row = result["added_mib"] * 2**20 / ROWS
    assert per_row < PEAK_BYTES_PER_ROW, f"validating {ROWS:,} rows added {result['added_mib']:.0f} MiB, {per_row:.0f} bytes a row"


def test_a_large_parquet_file_is_validated_completely_in_bounded_memory(planted):
    df, faults, keys, folder = planted
    path, warm_up = folder / "events.parquet", folder / "events-first-part.parquet"
    df.to_parquet(path)
    df.head(WARM_UP_ROWS).to_parquet(warm_up)
    _check(_validate_in_a_fresh_process(warm_up, path, keys), faults, df)


def test_a_large_csv_file_is_validated_completely_in_bounded_memory(planted):
    import pyarrow as pa
    import pyarrow.csv as pv

    df, faults, keys, folder = planted
    table = pa.Table.from_pandas(df, preserve_index=False)
    for name in [c.name for c in TABLES["events"].columns if c.type == "list"]:
        table = table.set_column(table.schema.get_field_index(name), name, _json_lists(table.column(name)))
    dates = [c.name for c in TABLES["events"].columns if c.type == "date"]
    table = table.cast(pa.schema([pa.field(f.name, pa.date32() if f.name in dates else pa.string()) for f in table.schema]))
    path = folder / "events.csv"
    pv.write_csv(table, path)
    text = path.read_text(encoding="utf-8")  # one impossible date as text, which only a CSV file can hold
    row = int(df.index[(df.index >= row_at(0.876543)) & df["date_start"].notna()][0])
    day = str(df.loc[row, "date_start"].date())
    line_start = _nth_line_start(text, row + 1)
    line_end = text.index("\n", line_start)
    assert day in text[line_start:line_end]
    text = text[:line_start] + text[line_start:line_end].replace(day, "2007-02-30", 1) + text[line_end:]
    path.write_text(text, encoding="utf-8")
    warm_up = folder / "events-first-part.csv"
    warm_up.write_text(text[: _nth_line_start(text, WARM_UP_ROWS + 1)], encoding="utf-8")
    faults = {**faults, ("type", "date_start", row): "2007-02-30"}
    _check(_validate_in_a_fresh_process(warm_up, path, keys), faults, df)


def _json_lists(lists):
    """Each list as ``json.dumps`` writes it; each distinct item is encoded once, as the many rows hold few."""
    import pyarrow as pa
    import pyarrow.compute as pc

    lists = lists.combine_chunks()
    assert lists.null_count == 0 and lists.offset == 0
    items = lists.flatten().dictionary_encode()
    texts = pc.take(pa.array([json.dumps(item) for item in items.dictionary.to_pylist()], pa.string()), items.indices)
    return pc.binary_join_element_wise("[", pc.binary_join(pa.ListArray.from_arrays(lists.offsets, texts), ", "), "]", "")


def _nth_line_start(text: str, n: int) -> int:
    position = 0
    for _ in range(n):
        position = text.index("\n", position) + 1
    return position
