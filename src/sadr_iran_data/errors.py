"""The library's exceptions: one hierarchy, messages that say what to do next.

Imported on every load, so it imports nothing but the standard library's typing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .validation import ValidationFailure


class SadrIranDataError(Exception):
    """Base class of every error this library raises on purpose."""


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
    """Data breaks the table's schema; ``failures`` lists every broken rule."""

    def __init__(self, failures: Sequence[ValidationFailure]) -> None:
        self.failures = tuple(failures)
        shown = "\n".join(f"  {f}" for f in self.failures[:20])
        more = f"\n  … and {len(self.failures) - 20} more" if len(self.failures) > 20 else ""
        super().__init__(f"{len(self.failures)} validation failure(s):\n{shown}{more}")
