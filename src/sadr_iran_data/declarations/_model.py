"""The shapes every declaration is made of: a vocabulary's terms, a column, a table.

A :class:`Column` knows its type (a key of
:data:`sadr_iran_data.column_types.COLUMN_TYPES`) and derives its column
rules from its attributes; a :class:`Table` holds its columns and row rules
(:mod:`sadr_iran_data.constraints`) and adds one rule per outside value: no
value without its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..codes._keyed import Keyed
from ..column_types import COLUMN_TYPES, ColumnType
from ..constraints import ColumnRule, Implies, Maximum, MaxWords, Minimum, Normalized, Pattern, Rule
from ..constraints import Vocabulary as VocabularyRule

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["Column", "Rule", "Table", "Term", "Vocabulary"]


@dataclass(frozen=True)
class Term:
    """One documented value of a controlled vocabulary."""

    value: str
    description: str
    plover: str | None = None
    family: str | None = None
    """For a vocabulary with ``families``: the family (a value of that vocabulary) the term belongs to."""


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary: its name, what it is for, and its documented values.

    With ``families``, every term names its family, a value of that coarser vocabulary.
    """

    name: str
    description: str
    terms: tuple[Term, ...]
    #: Where the values come from, for a vocabulary taken from an outside standard (whose spelling it keeps).
    source: str | None = None
    families: Vocabulary | None = None

    def __post_init__(self) -> None:
        allowed = set(self.families.values) if self.families is not None else {None}
        wrong = [t.value for t in self.terms if t.family not in allowed]
        if wrong:
            raise ValueError(f"vocabulary {self.name}: terms {wrong} need a family from {sorted(map(str, allowed))}")

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.terms)

    def family_of(self, value: str) -> str | None:
        """The family of term ``value`` (None for a vocabulary without families); a value not in the vocabulary is an error.

        Examples
        --------
        >>> from sadr_iran_data.declarations import RELATION_TYPE
        >>> RELATION_TYPE.family_of("supports"), RELATION_TYPE.family_of("perceives_as_threat")
        ('cooperative', 'perceptual')
        """
        return self._families[value]

    @cached_property
    def _families(self) -> Keyed[str | None]:
        return Keyed(f"{self.name}.family_of", self.name, {t.value: t.family for t in self.terms})


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type (a key of ``COLUMN_TYPES``), meaning and constraints."""

    name: str
    type: str
    description: str
    nullable: bool = False
    vocabulary: Vocabulary | None = None
    references: str | None = None
    """Table whose primary key this column refers to."""
    references_table_in: str | None = None
    """For a polymorphic key: the column that names the referenced table."""
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    source_column: str | None = None
    """For a value from outside the article: the column that names its source."""
    max_words: int | None = None
    """For text: the most words a value may have (quotes of a copyrighted text are kept short)."""

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}; the types are: {', '.join(COLUMN_TYPES)}")
        if (self.type == "category") != (self.vocabulary is not None):
            raise ValueError(f"column {self.name}: category columns need a vocabulary")

    @property
    def column_type(self) -> ColumnType:
        """The registry's object for this column's type."""
        return COLUMN_TYPES[self.type]

    @property
    def categories(self) -> tuple[str, ...] | None:
        """The vocabulary's values, for a category column."""
        return None if self.vocabulary is None else self.vocabulary.values

    @property
    def constraints(self) -> tuple[ColumnRule, ...]:
        """The rules each present value must satisfy, derived from the column's attributes and type."""
        rules: list[ColumnRule] = []
        if self.vocabulary is not None:
            rules.append(VocabularyRule(self.vocabulary.name, self.vocabulary.values))
        if self.pattern is not None:
            rules.append(Pattern(self.pattern))
        if self.minimum is not None:
            rules.append(Minimum(self.minimum))
        if self.maximum is not None:
            rules.append(Maximum(self.maximum))
        if self.max_words is not None:
            rules.append(MaxWords(self.max_words))
        if self.column_type.text or self.type == "list":
            rules.append(Normalized())
        return tuple(rules)


@dataclass(frozen=True)
class Table:
    """One table: its name, id prefix, description, columns and row rules."""

    name: str
    prefix: str
    description: str
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...] = field(default=())

    @property
    def primary_key(self) -> str:
        return self.columns[0].name

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def checks(self) -> tuple[Rule, ...]:
        """The declared rules plus one per outside value: no value without its source."""
        sourced = tuple(
            Implies(f"{c.name}_has_source", (c.name, c.source_column), f"{c.name} needs its source in {c.source_column}")
            for c in self.columns
            if c.source_column
        )
        return self.rules + sourced

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name} has no column {name!r}")

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema the build writes and the ``arrow`` backend returns."""
        import pyarrow as pa

        return pa.schema(
            [
                pa.field(c.name, c.column_type.arrow_type(), nullable=c.nullable, metadata={"description": c.description})
                for c in self.columns
            ],
            metadata={"table": self.name, "description": self.description},
        )

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the table's structure: names, types, nullability, keys, column and row rules."""
        import hashlib
        import json

        shape = {
            "columns": [
                [c.name, c.type, c.nullable, c.references, c.references_table_in, [r.fingerprint() for r in c.constraints]]
                for c in self.columns
            ],
            "rules": [r.fingerprint() for r in self.checks],
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True, default=list).encode()).hexdigest()
