"""Column rules: checks of each present value of one column (vocabulary, pattern, minimum, maximum, NFC text)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

from ..column_types import flags
from ._base import comparable, number, sql_literal, valid

if TYPE_CHECKING:
    import pandera.pandas as pandera
    import pyarrow as pa

    from ..column_types import Mask


@dataclass(frozen=True)
class ColumnRule:
    """A check of each present value of one column; ``kind`` is the rule's name in a failure."""

    kind: ClassVar[str]

    def violated(self, value: Any) -> bool:
        """Whether one present value breaks the rule."""
        raise NotImplementedError

    def mask(self, values: pa.Array) -> Mask:
        """True where a present value of the typed column breaks the rule."""
        raise NotImplementedError

    def message(self, value: Any) -> str:
        """What a failure says about ``value``."""
        raise NotImplementedError

    def table_schema(self) -> dict[str, Any]:
        """The rule as Table Schema constraints (empty if it has none)."""
        return {}

    def sql(self, quoted: str) -> str | None:
        """The rule as an SQL CHECK expression on the column named ``quoted``, if SQL can say it."""
        return None

    def pydantic(self) -> dict[str, Any]:
        """The rule as keyword arguments of a pydantic ``Field`` (empty if the model checks it otherwise)."""
        return {}

    def pandera(self) -> pandera.Check:
        """The rule as a pandera check of a pandas Series."""
        raise NotImplementedError

    def describe(self) -> str:
        """The rule in the data dictionary's rules cell (empty where the type cell says it)."""
        return ""

    def fingerprint(self) -> list[Any]:
        return [self.kind, *(getattr(self, f.name) for f in fields(self))]


@dataclass(frozen=True)
class Vocabulary(ColumnRule):
    """The value is one of a controlled vocabulary's values."""

    kind = "vocabulary"
    name: str
    values: tuple[str, ...]
    #: At most this many values are listed in a failure's message.
    LISTED: ClassVar[int] = 12

    def violated(self, value: Any) -> bool:
        return value not in self.values

    def mask(self, values: pa.Array) -> Mask:
        import pyarrow as pa
        import pyarrow.compute as pc

        values = comparable(values)
        return valid(values) & ~flags(pc.is_in(values, pa.array(self.values, type=values.type)))

    def message(self, value: Any) -> str:
        import difflib

        text = f"not in the {self.name} vocabulary"
        close = difflib.get_close_matches(str(value), self.values, n=1, cutoff=0.6) if value is not None else []
        if not close and value is not None:
            lowered = {v.lower(): v for v in self.values}
            close = [lowered[str(value).strip().lower()]] if str(value).strip().lower() in lowered else []
        if close:
            text += f"; did you mean {close[0]!r}?"
        if len(self.values) <= self.LISTED:
            text += f" (allowed: {', '.join(self.values)})"
        return text

    def table_schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}

    def sql(self, quoted: str) -> str | None:
        return f"{quoted} IN ({', '.join(sql_literal(v) for v in self.values)})"

    def pandera(self) -> pandera.Check:
        import pandera.pandas as pandera

        return pandera.Check.isin(self.values, name=self.kind, error=f"not in the {self.name} vocabulary")


def whole_value_pattern(pattern: str) -> str:
    """A search pattern (``^https?://``) as a pattern that must match the whole value, as Table Schema wants.

    Examples
    --------
    >>> whole_value_pattern("^https?://"), whole_value_pattern("^[A-Z]{3}$")
    ('https?://.*', '[A-Z]{3}')
    """
    core = pattern[1:] if pattern.startswith("^") else ".*" + pattern
    return core[:-1] if core.endswith("$") and not core.endswith("\\$") else core + ".*"


def _python_pattern(pattern: str) -> str:
    r"""``pattern`` for Python's ``re``, with ``$`` the end of the text as in Arrow's RE2 and pydantic, not also before a final line break.

    >>> _python_pattern(r"^[a-z]{2}$"), _python_pattern(r"^\$[0-9]$")
    ('^[a-z]{2}\\Z', '^\\$[0-9]\\Z')
    """
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        end = not escaped and not in_class and char == "$"
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        out.append(r"\Z" if end else char)
    return "".join(out)


@dataclass(frozen=True)
class Pattern(ColumnRule):
    """The text matches a regular expression (searched, as ``re.search`` does)."""

    kind = "pattern"
    pattern: str

    def violated(self, value: Any) -> bool:
        import re

        return re.search(_python_pattern(self.pattern), value) is None

    def mask(self, values: pa.Array) -> Mask:
        import pyarrow.compute as pc

        values = comparable(values)
        return valid(values) & ~flags(pc.match_substring_regex(values, self.pattern))

    def message(self, value: Any) -> str:
        return f"must match {self.pattern}"

    def table_schema(self) -> dict[str, Any]:
        return {"pattern": whole_value_pattern(self.pattern)}

    def pydantic(self) -> dict[str, Any]:
        return {"pattern": self.pattern}

    def pandera(self) -> pandera.Check:
        import pandera.pandas as pandera

        return pandera.Check.str_matches(self.pattern, name=self.kind, error=self.message(None))

    def describe(self) -> str:
        return f"matches `{self.pattern}`"


@dataclass(frozen=True)
class MaxWords(ColumnRule):
    """The text has at most ``words`` words (runs of characters between white space)."""

    kind = "max_words"
    words: int

    def violated(self, value: Any) -> bool:
        return len(value.split()) > self.words

    def mask(self, values: pa.Array) -> Mask:
        import pyarrow.compute as pc

        values = comparable(values)
        # trimmed first: Arrow counts an empty word before leading and after trailing white space, Python's split does not
        counts = pc.list_value_length(pc.utf8_split_whitespace(pc.utf8_trim_whitespace(values)))
        return valid(values) & flags(pc.greater(counts, self.words))

    def message(self, value: Any) -> str:
        return f"must be at most {self.words} words" + ("" if value is None else f", not {len(str(value).split())}")

    def pandera(self) -> pandera.Check:
        import pandera.pandas as pandera

        return pandera.Check(lambda s: s.str.split().str.len() <= self.words, element_wise=False, name=self.kind, error=self.message(None))

    def describe(self) -> str:
        return f"at most {self.words} words"


@dataclass(frozen=True)
class _Bound(ColumnRule):
    """A number on the right side of ``bound``: one class for both sides, each subclass names its side."""

    bound: float
    _compare: ClassVar[str]  # pyarrow.compute's name of the comparison that breaks the rule
    _words: ClassVar[tuple[str, str, str, str]]  # (failure wording, SQL operator, pydantic keyword, sign)

    def violated(self, value: Any) -> bool:
        return bool(value < self.bound if self._compare == "less" else value > self.bound)

    def mask(self, values: pa.Array) -> Mask:
        import pyarrow.compute as pc

        return flags(getattr(pc, self._compare)(values, self.bound))

    def message(self, value: Any) -> str:
        return f"must be {self._words[0]} {self.bound:g}"

    def table_schema(self) -> dict[str, Any]:
        return {self.kind: number(self.bound)}

    def sql(self, quoted: str) -> str | None:
        return f"{quoted} {self._words[1]} {sql_literal(self.bound)}"

    def pydantic(self) -> dict[str, Any]:
        return {self._words[2]: number(self.bound)}

    def pandera(self) -> pandera.Check:
        import pandera.pandas as pandera

        check: pandera.Check = getattr(pandera.Check, self._words[2])(self.bound, name=self.kind, error=self.message(None))
        return check

    def describe(self) -> str:
        return f"{self._words[3]} {self.bound:g}"


class Minimum(_Bound):
    """The number is at least ``bound``."""

    kind = "minimum"
    _compare = "less"
    _words = ("at least", ">=", "ge", "≥")


class Maximum(_Bound):
    """The number is at most ``bound``."""

    kind = "maximum"
    _compare = "greater"
    _words = ("at most", "<=", "le", "≤")


def _not_nfc(text: str) -> bool:
    import unicodedata

    return not unicodedata.is_normalized("NFC", text)


class Normalized(ColumnRule):  # no fields of its own: the base's dataclass serves
    """Text (or each text of a list) is NFC-normalised Unicode, as the dataset's text is."""

    kind = "nfc"

    def violated(self, value: Any) -> bool:
        texts = [value] if isinstance(value, str) else list(value)
        return any(isinstance(t, str) and _not_nfc(t) for t in texts)

    def mask(self, values: pa.Array) -> Mask:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        values = comparable(values)
        if pa.types.is_list(values.type):
            flat = pc.list_flatten(values)
            parents = pc.list_parent_indices(values).to_numpy()
            mask = np.zeros(len(values), dtype=bool)
            mask[parents[self.mask(flat)]] = True
            return mask
        unusual = flags(pc.invert(pc.string_is_ascii(values)))  # ASCII text is always NFC
        if not unusual.any():
            return unusual
        encoded = values.filter(pa.array(unusual)).dictionary_encode()
        broken = np.array([_not_nfc(t) for t in encoded.dictionary.to_pylist()], dtype=bool)
        unusual[np.flatnonzero(unusual)] = broken[encoded.indices.to_numpy()]
        return unusual

    def message(self, value: Any) -> str:
        return "text must be NFC-normalised Unicode (unicodedata.normalize('NFC', text))"

    def pandera(self) -> pandera.Check:
        import pandas as pd
        import pandera.pandas as pandera
        import pyarrow as pa

        def fine(series: pd.Series) -> pd.Series:
            return pd.Series(~self.mask(pa.array(series, from_pandas=True)), index=series.index)

        return pandera.Check(fine, name=self.kind, error=self.message(None))
