"""Files that are not a table at all, each with the start of the one-line error it must give."""

from __future__ import annotations

from sadr_iran_data.dataset.integrity import data_dir


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
}
