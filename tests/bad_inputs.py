"""Files that are not a table at all, each with the start of the one-line error it must give."""

from __future__ import annotations

from sadr_iran_data.dataset.integrity import data_dir
from sadr_iran_data.declarations import TABLES


def write(path, data: bytes):
    path.write_bytes(data)
    return path


BAD_FILES = {
    "missing": (lambda d: d / "events.csv", "no such file"),
    "empty csv": (lambda d: write(d / "events.csv", b""), "events.csv is empty"),
    "empty parquet": (lambda d: write(d / "events.parquet", b""), "events.parquet is empty"),
    "blank csv": (lambda d: write(d / "events.csv", b" \r\n\n"), "holds only blank space, no header row"),
    "directory": (lambda d: (d / "events.csv").mkdir() or d / "events.csv", "events.csv is a directory, not a file"),
    "directory, no suffix": (lambda d: (d / "events").mkdir() or d / "events", "events is a directory, not a file"),
    "latin-1": (lambda d: write(d / "events.csv", "event_id,summary\nevt-1,café\n".encode("latin-1")), "is not UTF-8: byte 0xe9 on line 2"),
    "utf-16": (lambda d: write(d / "events.csv", "event_id\nevt-1\n".encode("utf-16")), "events.csv is encoded as UTF-16"),
    "utf-32": (lambda d: write(d / "events.csv", "event_id\nevt-1\n".encode("utf-32")), "events.csv is encoded as UTF-32"),
    "binary csv": (lambda d: write(d / "events.csv", b"PK\x03\x04\x00\x00junk"), "events.csv is a binary file, or text in UTF-16"),
    "junk parquet": (lambda d: write(d / "events.parquet", b"not parquet at all"), "events.parquet is not a Parquet file"),
    "truncated parquet": (
        lambda d: write(d / "events.parquet", (data_dir() / "events.parquet").read_bytes()[:-100]),
        "events.parquet is not a Parquet file",
    ),
    "ragged csv": (lambda d: write(d / "events.csv", b"event_id,summary\nevt-1,a,b,c\n"), "cannot read events.csv as CSV"),
    "other suffix": (lambda d: write(d / "events.xlsx", b"x"), "use a .csv or .parquet file"),
    "unknown table": (lambda d: write(d / "stuff.csv", b"a,b\n1,2\n"), "cannot tell which table stuff.csv holds"),
    "semicolons": (
        lambda d: write(d / "events.csv", b"event_id;event_type;summary\nevt-1;meeting;a, b and c\n"),
        "events.csv looks separated by ';', not ',': its header is one column, 'event_id;event_type;summary'",
    ),
}


# --------------------------------------------------------------------------
# Hostile tables: valid CSV of odd shapes, each a report (or a refusal in our words), never a crash
# --------------------------------------------------------------------------


def _actor() -> tuple[list[str], list[str]]:
    """The actors table's header and its first row, as the CSV export writes them."""
    import csv
    import io

    import sadr_iran_data as sid
    from sadr_iran_data.formats._writing import write_csv

    text = io.StringIO()
    write_csv(text, TABLES["actors"], sid.load("actors", backend="arrow").to_pylist()[:1])
    header, row = list(csv.reader(io.StringIO(text.getvalue())))
    return header, row


def write_actors(path, changes: dict[str, str] | None = None, *, extra: int = 0, repeat: int = 1, blank_line: bool = False):
    """An actors CSV file of one row: some cells changed, ``extra`` columns more, the columns repeated, a blank line first."""
    import csv

    header, row = _actor()
    row = [(changes or {}).get(name, cell) for name, cell in zip(header, row, strict=True)]
    header, row = header * repeat + [f"extra_{i}" for i in range(extra)], row * repeat + ["x"] * extra
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        if blank_line:
            f.write("\r\n")
        writer.writerow(row)
    return path


#: A cell nested this deep in brackets: far deeper than Python's recursion limit.
DEEP = "[" * 100_000 + "]" * 100_000
#: A cell this long: far longer than a block of Arrow's CSV reader (1 MiB) and the csv module's field limit (128 KiB).
HUGE = 20_000_000

#: Hostile tables: how each is made, and what its report holds ((column, rule) -> how many failures; empty: valid).
HOSTILE_FILES = {
    "deep nesting": (lambda d: write_actors(d / "actors.csv", {"aliases": DEEP}), {("aliases", "type"): 1}),
    "deep nesting after a blank line": (
        lambda d: write_actors(d / "actors.csv", {"aliases": DEEP}, blank_line=True),
        {("aliases", "type"): 1},
    ),
    "a long malformed cell after a blank line": (  # its line is counted past the csv module's field limit (128 KiB)
        lambda d: write_actors(d / "actors.csv", {"aliases": '["' + "a" * 200_000}, blank_line=True),
        {("aliases", "type"): 1},
    ),
    "a huge cell": (lambda d: write_actors(d / "actors.csv", {"description": "x" * HUGE}), {}),
    "a huge row": (
        lambda d: write_actors(d / "actors.csv", {"name": "y" * 800_000, "description": "z" * 800_000, "aliases": f'["{"w" * 800_000}"]'}),
        {},
    ),
    "10,000 columns": (
        lambda d: write_actors(d / "actors.csv", extra=10_000),
        {(f"extra_{i}", "unknown_column"): 1 for i in range(10_000)},
    ),
    "every column 625 times": (
        lambda d: write_actors(d / "actors.csv", repeat=625),
        {(c, "duplicate_column"): 1 for c in TABLES["actors"].column_names},
    ),
}
