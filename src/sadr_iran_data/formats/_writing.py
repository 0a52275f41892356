"""What the format modules share: the tables as rows, text and JSON cells, CSV with a formula guard, staged writing."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..dataset.views import wide_arrow
from ..declarations import VIEWS, Column, Table
from ..errors import SadrIranDataError
from ._registry import Files

Row = dict[str, Any]


def arrow(name: str) -> Any:
    """Table ``name`` as an Arrow table, integrity-checked."""
    from ..dataset.loaders import load

    return load(name, backend="arrow")


def rows(name: str) -> list[Row]:
    """Table ``name`` as plain Python records (str, int, float, bool, date, list, None)."""
    rows: list[Row] = arrow(name).to_pylist()
    return rows


def wide_rows(name: str) -> list[Row]:
    """The wide view of table ``name`` (``events``, ``relations``) as plain Python records."""
    records: list[Row] = wide_arrow(name).to_pylist()
    return records


def cell_text(col: Column, value: Any) -> str:
    """One value as text for CSV and GraphML: ISO dates, true/false, lists as JSON arrays."""
    return col.column_type.to_text(value)


def json_record(table: Table, row: Row) -> Row:
    return {c.name: None if row[c.name] is None else c.column_type.to_json(row[c.name]) for c in table.columns}


def json_text(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def json_line(data: Any) -> str:
    """One NDJSON line; the characters that some readers split lines at are escaped."""
    text = json.dumps(data, ensure_ascii=False)
    for char in "\x85\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"


@contextlib.contextmanager
def staged(folder: Path, files: Iterable[str], *, force: bool = False) -> Iterator[dict[str, Path]]:
    """Temporary paths in ``folder`` for ``files``; moved onto them only if the block succeeds.

    Without ``force``, each file is put in place with a hard link, which fails
    if the name exists by then (another export, running at the same time, got
    there first); the files this export already placed are then removed again.
    """
    token = secrets.token_hex(6)
    staged = {name: folder / f".{name}.{token}.tmp" for name in files}
    placed: list[Path] = []
    try:
        yield staged
        for name, temp in staged.items():
            if not temp.exists():
                raise SadrIranDataError(f"the export did not write {name}")
        for name, temp in staged.items():
            place(temp, folder / name, force=force)
            placed.append(folder / name)
    except BaseException:
        for temp in staged.values():
            for leftover in folder.glob(f"{temp.name}*"):  # the file and its database journal, if any
                leftover.unlink(missing_ok=True)
        if not force:
            for path in placed:
                path.unlink(missing_ok=True)
        raise


def place(temp: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise SadrIranDataError.keyed(f"will not overwrite {target}: it was created while the export ran; pass {{force}}") from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise SadrIranDataError.keyed(f"will not overwrite {target}; pass {{force}}") from None
        os.replace(temp, target)
        return
    temp.unlink()


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: an apostrophe before a leading ``= + - @``, tab or CR.

    Examples
    --------
    >>> guard_formula("=1+2"), guard_formula("@SUM(A1)"), guard_formula("Najaf")
    ("'=1+2", "'@SUM(A1)", 'Najaf')
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def write_csv(stream: IO[str], table: Table, rows: Iterable[Row], *, formula_guard: bool = True) -> None:
    """Rows of ``table`` as CSV on ``stream``: a header, then one record per row.

    Text cells (ids, strings, vocabulary values) that start like a spreadsheet
    formula are written through :func:`guard_formula` unless ``formula_guard``
    is False; numbers, dates, booleans and lists never are.
    """
    # RFC 4180 line ends: with them the writer also quotes a field holding a lone "\r"
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.column_names)
    guarded = {c.name for c in table.columns if formula_guard and c.column_type.text}
    for row in rows:
        cells = []
        for c in table.columns:
            value = row[c.name]
            text = "" if value is None else cell_text(c, value)
            cells.append(guard_formula(text) if c.name in guarded else text)
        writer.writerow(cells)


def write_csv_file(path: Path, table: Table, rows: Iterable[Row], *, formula_guard: bool) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(f, table, rows, formula_guard=formula_guard)


def write_text_file(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def views_of(names: Iterable[str]) -> tuple[str, ...]:
    """The tables among ``names`` that have a wide view (``events``, ``relations``)."""
    return tuple(name for name in names if name in VIEWS)


def per_table_and_view(suffix: str) -> Files:
    """One file per selected table, then one per wide view of the selected ``events`` and ``relations``."""
    return lambda names: [*(f"{name}.{suffix}" for name in names), *(f"{VIEWS[name].name}.{suffix}" for name in views_of(names))]
