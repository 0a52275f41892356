"""Writing generated files deterministically: Parquet, JSON and text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Parquet writer options: with the same pyarrow, the same table gives the same bytes.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "version": "2.6",
    "data_page_version": "1.0",
    "write_statistics": True,
}


def write_parquet(table: Any, path: Path) -> bytes:
    """Write an Arrow table as Parquet; returns the bytes written."""
    import pyarrow.parquet as pq

    pq.write_table(table, path, **PARQUET_OPTIONS)
    return path.read_bytes()


def write_text(path: Path, text: str) -> bool:
    r"""Write UTF-8 text with ``\n`` line ends; returns whether the file changed."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
