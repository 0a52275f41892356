"""Row rules: checks across the columns of one row (ordered, together, required_if, within, allowed, EDTF bounds, ...)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..column_types import edtf_bounds, edtf_precision, flags, missing, plain_array
from ._base import Row, cells, comparable, valid

if TYPE_CHECKING:
    import pyarrow as pa

    from ..column_types import Mask


class Draft(Protocol):
    """What a row rule's ``repair`` may ask while building a valid record for tests."""

    def draw(self, column: str) -> Any:
        """A new valid value of ``column``."""
        ...

    def nullable(self, column: str) -> bool: ...


@dataclass(frozen=True)
class Rule:
    """A check across columns of one row, named so that failures can cite it.

    ``columns`` are the columns it reads; a failure is reported on
    :attr:`column`. A row where one of them is missing from the table, or
    holds a value of the wrong type, is not checked.
    """

    kind: ClassVar[str]
    name: str
    columns: tuple[str, ...]
    description: str

    #: Which of ``columns`` a failure is reported on (the last, unless a kind says otherwise).
    reported: ClassVar[int] = -1

    @property
    def column(self) -> str:
        """The column a failure of the rule is reported on."""
        return self.columns[self.reported]

    def violated(self, row: Row) -> bool:
        """Whether one record (a mapping of column to value) breaks the rule."""
        raise NotImplementedError

    def mask(self, values: Mapping[str, Any]) -> Mask:
        """Vectorised :meth:`violated`: True where a row of the typed Arrow columns breaks the rule."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any] | None:
        """The rule as a JSON Schema subschema, or None where JSON Schema cannot compare values."""
        return None

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        """Change ``row`` so that it satisfies the rule (used to generate valid records for tests)."""
        raise NotImplementedError

    def fingerprint(self) -> list[Any]:
        return [self.kind, *(getattr(self, f.name) for f in fields(self))]

    def _arrays(self, values: Mapping[str, Any]) -> list[pa.Array]:
        return [comparable(values[c]) for c in self.columns]

    def _subschema(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"title": self.name, "description": self.description, **body}


def _is_set(name: str) -> dict[str, Any]:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def _is_unset(name: str) -> dict[str, Any]:
    return {"properties": {name: {"type": "null"}}}


@dataclass(frozen=True)
class Ordered(Rule):
    """``columns[0] <= columns[1]`` (``<`` if ``strict``) where both are set."""

    kind = "ordered"
    strict: bool = False

    def violated(self, row: Row) -> bool:
        a, b = cells(row, self.columns)
        if missing(a) or missing(b):
            return False
        return bool(a >= b if self.strict else a > b)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow.compute as pc

        a, b = self._arrays(values)
        return flags(pc.greater_equal(a, b) if self.strict else pc.greater(a, b))

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        a, b = self.columns
        row[a], row[b] = min(row[a], row[b]), max(row[a], row[b])
        if self.strict and row[a] == row[b]:
            row[b] += 1


class Together(Rule):  # no fields of its own: the base's dataclass serves
    """The columns are all set or all null."""

    kind = "together"

    def violated(self, row: Row) -> bool:
        a, b = cells(row, self.columns)
        return missing(a) != missing(b)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        a, b = self._arrays(values)
        broken: Mask = valid(a) != valid(b)
        return broken

    def json_schema(self) -> dict[str, Any] | None:
        a, b = self.columns
        return self._subschema({"if": _is_set(a), "then": _is_set(b), "else": _is_unset(b)})

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        a, b = self.columns
        row[b] = None if missing(row[a]) else draft.draw(b)


@dataclass(frozen=True)
class RequiredIf(Rule):
    """``columns[1]`` is set exactly when ``columns[0]`` is one of ``values``."""

    kind = "required_if"
    values: tuple[str, ...] = ()

    def violated(self, row: Row) -> bool:
        a, b = cells(row, self.columns)
        return (a in self.values) == missing(b)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow as pa
        import pyarrow.compute as pc

        a, b = self._arrays(values)
        chosen = flags(pc.is_in(a, pa.array(self.values, type=a.type)))
        broken: Mask = chosen != valid(b)
        return broken

    def json_schema(self) -> dict[str, Any] | None:
        a, b = self.columns
        when = {"required": [a], "properties": {a: {"enum": list(self.values)}}}
        return self._subschema({"if": when, "then": _is_set(b), "else": _is_unset(b)})

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        a, b = self.columns
        row[b] = draft.draw(b) if row[a] in self.values else None


class Differs(Rule):  # no fields of its own: the base's dataclass serves
    """``columns[0] != columns[1]`` where both are set."""

    kind = "differs"

    def violated(self, row: Row) -> bool:
        a, b = cells(row, self.columns)
        return not missing(a) and not missing(b) and bool(a == b)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow.compute as pc

        a, b = self._arrays(values)
        return flags(pc.equal(a, b))

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        b = self.columns[1]
        row[b] = None if draft.nullable(b) else draft.draw(b)


class Implies(Rule):  # no fields of its own: the base's dataclass serves
    """``columns[1]`` is set wherever ``columns[0]`` is set."""

    kind = "implies"

    def violated(self, row: Row) -> bool:
        a, b = cells(row, self.columns)
        return not missing(a) and missing(b)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        a, b = self._arrays(values)
        return valid(a) & ~valid(b)

    def json_schema(self) -> dict[str, Any] | None:
        a, b = self.columns
        return self._subschema({"if": _is_set(a), "then": _is_set(b)})

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        row[self.columns[1]] = draft.draw(self.columns[1])


class Within(Rule):  # no fields of its own: the base's dataclass serves
    """``columns[0]`` lies between ``columns[1]`` and ``columns[2]`` (inclusive), as far as they are set."""

    kind = "within"
    reported = 0

    def violated(self, row: Row) -> bool:
        value, low, high = cells(row, self.columns)
        if missing(value):
            return False
        return bool((not missing(low) and value < low) or (not missing(high) and value > high))

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow.compute as pc

        value, low, high = self._arrays(values)
        return flags(pc.less(value, low)) | flags(pc.greater(value, high))

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        value, low, high = self.columns
        if not missing(row[low]) and row[value] < row[low]:
            row[value] = row[low]
        if not missing(row[high]) and row[value] > row[high]:
            row[value] = row[high]


_NULL = "\x00"  # stands for a null cell in the joined keys of an Allowed rule
_SEP = "\x1f"


def _joined(values: tuple[str | None, ...]) -> str:
    return _SEP.join(_NULL if v is None else v for v in values)


@dataclass(frozen=True)
class Allowed(Rule):
    """``columns[-1]`` is one of the values ``allowed`` lists for the values of the other columns.

    ``allowed`` pairs a key (the values of ``columns[:-1]``, None for null)
    with the values the last column may take there (None: it may be null).
    A row whose key is not listed is not checked.

    >>> rule = Allowed("mode_of_type", ("type", "mode"), "mode fits type", allowed=((("AID",), ("military", None)),))
    >>> rule.violated({"type": "AID", "mode": "visit"}), rule.violated({"type": "AID", "mode": None})
    (True, False)
    """

    kind = "allowed"
    allowed: tuple[tuple[tuple[str | None, ...], tuple[str | None, ...]], ...] = ()

    def _options(self, row: Row) -> tuple[str | None, ...] | None:
        key = tuple(None if missing(v) else v for v in cells(row, self.columns[:-1]))
        return dict(self.allowed).get(key)

    def violated(self, row: Row) -> bool:
        options = self._options(row)
        value = row.get(self.columns[-1])
        return options is not None and (None if missing(value) else value) not in options

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow as pa
        import pyarrow.compute as pc

        texts = [pc.fill_null(a.cast(pa.string()), _NULL) for a in self._arrays(values)]
        keys = texts[0] if len(texts) == 2 else pc.binary_join_element_wise(*texts[:-1], _SEP)
        rows = pc.binary_join_element_wise(*texts, _SEP)
        known = pc.is_in(keys, value_set=pa.array([_joined(key) for key, _ in self.allowed], type=pa.string()))
        fine = pc.is_in(rows, value_set=pa.array([_joined((*key, v)) for key, options in self.allowed for v in options], type=pa.string()))
        broken: Mask = flags(known) & ~flags(fine)
        return broken

    def json_schema(self) -> dict[str, Any] | None:
        *keys, last = self.columns
        cases = []
        for key, options in self.allowed:
            when = {"required": list(keys), "properties": {k: {"const": v} for k, v in zip(keys, key, strict=True)}}
            then = {"properties": {last: {"enum": list(options)}}}
            cases.append({"if": when, "then": then})
        return self._subschema({"allOf": cases})

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        options = self._options(row)
        if options is not None:
            row[self.columns[-1]] = options[0]


@dataclass(frozen=True)
class Items(Rule):
    """Every item of the list in ``columns[0]`` is one of ``values`` (a vocabulary's)."""

    kind = "items"
    vocabulary: str = ""
    values: tuple[str, ...] = ()

    def violated(self, row: Row) -> bool:
        items = row.get(self.columns[0])
        return isinstance(items, list | tuple) and any(item not in self.values for item in items)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        lists = self._arrays(values)[0]
        if isinstance(lists, pa.ChunkedArray):
            lists = lists.combine_chunks()
        flat = pc.list_flatten(lists)
        parents = pc.list_parent_indices(lists).to_numpy()
        outside = ~flags(pc.is_in(flat, value_set=pa.array(self.values, type=flat.type)))
        mask = np.zeros(len(lists), dtype=bool)
        mask[parents[outside]] = True
        return mask

    def json_schema(self) -> dict[str, Any] | None:
        return self._subschema({"properties": {self.columns[0]: {"items": {"enum": list(self.values)}}}})

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        row[self.columns[0]] = [item for item in row[self.columns[0]] if item in self.values]


def _per_value(values: Any, read: Callable[[Any], Any]) -> tuple[list[Any], Any]:
    """``read`` of each distinct value of a column (of few distinct values), as (results, the rows' indices into them)."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = values if pa.types.is_dictionary(values.type) else plain_array(values).dictionary_encode()
    return [read(v) for v in encoded.dictionary.to_pylist()], encoded.indices


@dataclass(frozen=True)
class EdtfBound(Rule):
    """A date column holds the first (``side="start"``) or last day of the EDTF string in ``columns[0]``.

    An open start (``../2007``) leaves the start date null; an open end
    (``2005/..``) leaves the end date free (null, or the bound of the source's
    knowledge, such as its publication).
    """

    kind = "edtf_bound"
    side: str = "start"

    def _bound(self, text: str) -> tuple[bool, datetime.date | None]:
        """(whether the string bounds the date on this side, the bound); a string that is not EDTF bounds nothing."""
        try:
            first, last = edtf_bounds(text)
        except ValueError:
            return False, None
        bound = first if self.side == "start" else last
        return (self.side == "start" or bound is not None), bound

    def violated(self, row: Row) -> bool:
        edtf, date = cells(row, self.columns)
        if missing(edtf):
            return False
        binding, bound = self._bound(edtf)
        if not binding:
            return False
        value = None if missing(date) else (date.date() if isinstance(date, datetime.datetime) else date)
        return value != bound

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        date = comparable(values[self.columns[1]])
        results, indices = _per_value(values[self.columns[0]], self._bound)
        if not results:
            return np.zeros(len(date), dtype=bool)
        binding = flags(pc.take(pa.array([r[0] for r in results]), indices))
        bounds = pc.take(pa.array([r[1] for r in results], type=pa.date32()), indices)
        has, given = valid(bounds), valid(date)
        differs = has & given & ~flags(pc.equal(bounds, date))
        broken: Mask = binding & ((has != given) | differs)
        return broken

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        edtf, date = self.columns
        binding, bound = self._bound(row[edtf])
        row[date] = bound if binding else None


@dataclass(frozen=True)
class EdtfPrecision(Rule):
    """The precision column names the precision of the EDTF string's first date, or ``unspecified``."""

    kind = "edtf_precision"
    unspecified: str = "unknown"

    def violated(self, row: Row) -> bool:
        edtf, precision = cells(row, self.columns)
        if missing(edtf) or missing(precision) or precision == self.unspecified:
            return False
        return bool(edtf_precision(edtf) != precision)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        precision = comparable(values[self.columns[1]])
        results, indices = _per_value(values[self.columns[0]], edtf_precision)
        if not results:
            return np.zeros(len(precision), dtype=bool)
        expected = pc.take(pa.array(results, type=pa.string()), indices)
        given = valid(precision) & ~flags(pc.equal(precision, self.unspecified))
        return valid(indices) & given & ~flags(pc.equal(expected, precision))

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        edtf, precision = self.columns
        row[precision] = edtf_precision(row[edtf]) or self.unspecified


def _unit_start(day: datetime.date, precision: str) -> datetime.date:
    """The first day of the ``precision`` unit (month, year, decade) that ``day`` lies in."""
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "decade":
        return day.replace(year=day.year - day.year % 10, month=1, day=1)
    return day


class UnitStart(Rule):  # no fields of its own: the base's dataclass serves
    """The date in ``columns[0]`` is the first day of its precision's unit (a month, a year, a decade)."""

    kind = "unit_start"
    reported = 0

    def violated(self, row: Row) -> bool:
        day, precision = cells(row, self.columns)
        if missing(day) or missing(precision):
            return False
        day = day.date() if isinstance(day, datetime.datetime) else day
        return bool(_unit_start(day, precision) != day)

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow.compute as pc

        day, precision = self._arrays(values)
        first_of_month = flags(pc.equal(pc.day(day), 1))
        first_of_year = first_of_month & flags(pc.equal(pc.month(day), 1))
        first_of_decade = first_of_year & (pc.fill_null(pc.year(day), 0).to_numpy() % 10 == 0)

        def of(unit: str) -> Mask:
            return flags(pc.equal(precision, unit))

        broken: Mask = valid(day) & ((of("month") & ~first_of_month) | (of("year") & ~first_of_year) | (of("decade") & ~first_of_decade))
        return broken

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        day, precision = self.columns
        row[day] = _unit_start(row[day], row[precision])


class SpanLength(Rule):  # no fields of its own: the base's dataclass serves
    """The text in ``columns[2]`` is ``columns[1] - columns[0]`` characters long (Unicode code points)."""

    kind = "span_length"

    def violated(self, row: Row) -> bool:
        start, end, text = cells(row, self.columns)
        if missing(start) or missing(end) or missing(text):
            return False
        return bool(end - start != len(text))

    def mask(self, values: Mapping[str, Any]) -> Mask:
        import pyarrow.compute as pc

        start, end, text = self._arrays(values)
        span = pc.subtract(end, start)  # wraps where the true difference does not fit 64 bits: no text is that long
        wrapped = flags(pc.not_equal(pc.less(start, 0), pc.less(end, 0))) & flags(pc.not_equal(pc.less(span, 0), pc.less(end, 0)))
        return wrapped | flags(pc.not_equal(span, pc.utf8_length(text).cast(end.type)))

    def repair(self, row: dict[str, Any], draft: Draft) -> None:
        start, end, text = self.columns
        row[end] = row[start] + len(row[text])
