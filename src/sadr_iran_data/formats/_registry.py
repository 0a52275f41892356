"""The export formats' registry: each format module registers what it writes, what it holds and what it needs.

A format is one module of this package (``csv``, ``sqlite``, ``stata``, the
layouts, ...) that calls :func:`register` with a :class:`Format`; nothing
else names it. :func:`sadr_iran_data.formats.exports.export` asks the
registry for the format, checks its optional dependency, stages its files and
calls its writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._names import TABLE_NAMES
from ..errors import SadrIranDataError

#: The files a format writes for a selection of tables.
Files = Callable[[tuple[str, ...]], list[str]]


@dataclass(frozen=True)
class Options:
    """What a caller of ``export`` may ask of every format (a format ignores what does not apply to it)."""

    formula_guard: bool = True
    """Guard text cells that start like a spreadsheet formula (formats that write CSV)."""


#: A format's writer: the staged path of each of its files, the selected tables, the options.
Writer = Callable[[dict[str, Path], tuple[str, ...], Options], None]


@dataclass(frozen=True)
class Format:
    """One export format: its name, files, writer, the tables it can hold and the optional module it needs."""

    name: str
    files: Files
    write: Writer
    covers: tuple[str, ...] = TABLE_NAMES
    """The tables the format can hold; ``tables=`` must select at least one of them."""
    requires: tuple[str, str] | None = None
    """(module, extra): the optional dependency the format needs, and the extra that installs it."""
    summary: Callable[[], str] | None = None
    """One line the command line prints after the export (a layout: how many events it wrote and left out, and why)."""


#: Every registered format, by name.
REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to the registry; a name registered twice is an error."""
    if fmt.name in REGISTRY:
        raise ImportError(f"the export format {fmt.name!r} is registered twice")
    REGISTRY[fmt.name] = fmt
    return fmt


def per_table(suffix: str) -> Files:
    """One file per selected table: ``{table}.{suffix}``."""
    return lambda names: [f"{name}.{suffix}" for name in names]


def require(fmt: Format) -> Any:
    """The optional module ``fmt`` needs (None if it needs none), or an error that says how to install it."""
    if fmt.requires is None:
        return None
    import importlib

    module, extra = fmt.requires
    try:
        return importlib.import_module(module)
    except ImportError:
        raise SadrIranDataError(f"the {fmt.name} format needs {module}: pip install 'sadr-iran-data[{extra}]'") from None
