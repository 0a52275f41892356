"""A mapping keyed by the values of a vocabulary: it covers every value, and an unknown one is an error, never a default.

Every table of this package that maps a vocabulary's values to something
(a PLOVER decision, an ACLED event type, a precision code, a colour) is a
:class:`Keyed`. It knows its own name and the vocabulary it covers, so a
value it has no entry for raises a
:class:`~sadr_iran_data.errors.SadrIranDataError` that says which table and
which values it maps — never a bare ``KeyError``, and never the most
confident guess; ``get`` has no default either and raises the same error
(``in`` still says whether a key is mapped). Whether a table covers its
vocabulary, in order, is checked where the vocabularies are declared
(:meth:`Keyed.check_covers`), so a value added to a vocabulary and not to
its tables fails at import. Only the standard library (and the
library's errors, which need nothing else) is imported.

Examples
--------
>>> sizes = Keyed("sizes.LETTERS", "size", {"small": "S", "large": "L"})
>>> sizes["small"]
'S'
>>> sizes["huge"]
Traceback (most recent call last):
...
sadr_iran_data.errors.SadrIranDataError: sizes.LETTERS has no entry for 'huge'; it maps the size values: small, large
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from ..errors import SadrIranDataError

V = TypeVar("V")


class Keyed(Mapping[str, V]):
    """An immutable mapping from each value of the vocabulary ``vocabulary`` to what it maps to; ``name`` names it in errors."""

    __slots__ = ("_entries", "name", "vocabulary")

    def __init__(self, name: str, vocabulary: str, entries: Mapping[str, V]) -> None:
        self.name = name
        self.vocabulary = vocabulary
        self._entries = dict(entries)

    def __getitem__(self, key: str) -> V:
        try:
            return self._entries[key]
        except (KeyError, TypeError):  # TypeError: a key that cannot be hashed, such as a list
            raise SadrIranDataError(
                f"{self.name} has no entry for {key!r}; it maps the {self.vocabulary} values: {', '.join(self._entries)}"
            ) from None

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._entries
        except TypeError:
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Keyed({self.name!r}, {self.vocabulary!r}, {self._entries!r})"

    def check_covers(self, values: Iterable[str]) -> None:
        """Raise ``ImportError`` unless the keys are exactly ``values``, in their order (the vocabulary's values).

        >>> Keyed("sizes.LETTERS", "size", {"small": "S"}).check_covers(["small", "large"])
        Traceback (most recent call last):
        ...
        ImportError: sizes.LETTERS must map the size values, in order: it has no entry for 'large'
        """
        values = tuple(values)
        if tuple(self._entries) == values:
            return
        missing = [v for v in values if v not in self._entries]
        extra = [k for k in self._entries if k not in values]
        problems = [f"it has no entry for {', '.join(map(repr, missing))}"] if missing else []
        problems += [f"{', '.join(map(repr, extra))} {'is' if len(extra) == 1 else 'are'} not among them"] if extra else []
        raise ImportError(
            f"{self.name} must map the {self.vocabulary} values, in order: {'; '.join(problems) or 'they are in another order'}"
        )
