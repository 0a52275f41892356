"""The library's exceptions (one hierarchy, messages that say what to do next) and its one warning.

A message may name an argument the user can change. It is written with the
argument's name in braces (``pass {table}``): ``str(error)`` shows the Python
keyword (``pass table=``) and the command line shows its option (``pass
--table``), from :data:`KEYWORDS`. Imported on every load, so it imports
nothing but the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: Each argument a message may name: (as Python writes it, as the command line writes it).
KEYWORDS = {
    "table": ("table=", "--table"),
    "force": ("force=True", "--force"),
    "references": ("references=False", "--no-references"),
    "extra_columns": ('extra_columns="ignore"', "--extra-columns ignore"),
    "formula_guard": ("formula_guard=False", "--no-formula-guard"),
    "wide": ("wide=True", "--wide"),
}
_KEYWORD = re.compile(r"\{(\w+)\}")


def _worded(template: str, side: int) -> str:
    return _KEYWORD.sub(lambda m: KEYWORDS[m.group(1)][side] if m.group(1) in KEYWORDS else m.group(0), template)


class SadrIranDataError(Exception):
    """Base class of every error this library raises on purpose."""

    cli_message: str | None = None
    """The message in the command line's words (``--table``), where they differ from Python's."""

    @classmethod
    def keyed(cls, template: str, *args: Any) -> Any:
        """The error for a message that names arguments in braces, worded for Python and for the command line."""
        error = cls(_worded(template, 0), *args)
        error.cli_message = _worded(template, 1)
        return error


class UnknownTableError(SadrIranDataError, KeyError):
    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        super().__init__(f"unknown table {name!r}; the tables are: {', '.join(known)}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class DataIntegrityError(SadrIranDataError):
    """A shipped data file is missing, corrupted or does not match the manifest."""


class RetiredIdError(SadrIranDataError, KeyError):
    """An id that was released once and has since been retired."""

    def __str__(self) -> str:
        return str(self.args[0])


class BuildError(SadrIranDataError):
    """The curated data cannot be built (a quote not found, a bad row, …)."""


class InputError(SadrIranDataError):
    """A user's file or object cannot be read as a table."""


class SchemaValidationError(SadrIranDataError):
    """Data breaks the table's schema; ``failures`` lists every broken rule (``ValidationFailure`` objects)."""

    def __init__(self, failures: Sequence[object]) -> None:
        self.failures = tuple(failures)
        shown = "\n".join(f"  {f}" for f in self.failures[:20])
        more = f"\n  … and {len(self.failures) - 20} more" if len(self.failures) > 20 else ""
        number = len(self.failures)
        super().__init__(f"{number} validation failure{'' if number == 1 else 's'}:\n{shown}{more}")


class SkippedFilesWarning(UserWarning):
    """Files of a folder that ``validate_tables`` skipped: it cannot match them to a table (``notes.txt``, ``event.csv``)."""
