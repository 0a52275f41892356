"""The codebook: every column, column type, rule and vocabulary value, derived from the table declarations.

Examples
--------
>>> from sadr_iran_data.declarations.dictionary import codebook
>>> cb = codebook()
>>> cb.loc[(cb["table"] == "events") & cb["primary_key"], "column"].tolist()
['event_id']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..column_types import COLUMN_TYPES
from . import TABLES, VIEWS, VOCABULARIES, Column, Table

if TYPE_CHECKING:
    import pandas as pd

CODEBOOK_COLUMNS = {
    "table": "string",
    "column": "string",
    "type": "string",
    "nullable": "boolean",
    "primary_key": "boolean",
    "references": "string",
    "vocabulary": "string",
    "allowed_values": "string",
    "minimum": "Float64",
    "maximum": "Float64",
    "pattern": "string",
    "source_column": "string",
    "description": "string",
}
VOCABULARY_COLUMNS = {"vocabulary": "string", "value": "string", "description": "string", "plover": "string", "family": "string"}


def codebook() -> pd.DataFrame:
    """One row per declared column of every table, then of every wide view, in declaration order.

    ``references`` names the table a key refers to; for a key whose table is
    named in another column, it reads ``table in <that column>``. The views
    (``events_wide``, ``relations_wide``) are computed at load
    (``load_events(wide=True)``), not shipped.

    Examples
    --------
    >>> from sadr_iran_data.declarations.dictionary import codebook
    >>> codebook().set_index(["table", "column"]).loc[("events", "certainty"), "vocabulary"]
    'certainty'
    """
    rows = [_column_row(table, col) for table in (*TABLES.values(), *VIEWS.values()) for col in table.columns]
    return _frame(rows, CODEBOOK_COLUMNS)


def vocabularies() -> pd.DataFrame:
    """One row per value of every controlled vocabulary.

    ``plover`` is null where no PLOVER type fits; ``family`` is the value's
    family for a vocabulary whose values are grouped (``relation_type`` into
    ``relation_family``), null otherwise.

    Examples
    --------
    >>> from sadr_iran_data.declarations.dictionary import vocabularies
    >>> v = vocabularies()
    >>> v.loc[v["vocabulary"] == "certainty", "value"].tolist()[:3]
    ['stated', 'known', 'likely']
    >>> v.loc[(v["vocabulary"] == "relation_type") & (v["value"] == "rival"), "family"].item()
    'hostile'
    """
    rows = [
        {"vocabulary": vocab.name, "value": term.value, "description": term.description, "plover": term.plover, "family": term.family}
        for vocab in VOCABULARIES.values()
        for term in vocab.terms
    ]
    return _frame(rows, VOCABULARY_COLUMNS)


def render_markdown() -> str:
    """The data dictionary as Markdown: the column types, then per table its columns and rules, then each vocabulary.

    Examples
    --------
    >>> from sadr_iran_data.declarations.dictionary import render_markdown
    >>> print(render_markdown().splitlines()[0])
    ## Column types
    """
    vocab = vocabularies()
    parts = ["## Column types", _markdown_table(("type", "holds"), [(f"`{t.name}`", t.description) for t in COLUMN_TYPES.values()])]
    groups = (
        ("Tables", "", TABLES.values()),
        (
            "Views",
            "Computed at load from the tables, not shipped: `load_events(wide=True)`, `load_relations(wide=True)` "
            "(any backend), and `events_wide` / `relations_wide` files in the CSV and Parquet exports. "
            "Their first columns are their table's, as declared above.",
            VIEWS.values(),
        ),
    )
    for heading, intro, group in groups:
        parts.append(f"## {heading}" + (f"\n\n{intro}" if intro else ""))
        for table in group:
            _render_table(parts, table)
    parts.append("## Vocabularies")
    for name, voc in VOCABULARIES.items():
        rows = vocab[vocab["vocabulary"] == name]
        has_plover = rows["plover"].notna().any()
        header = ("value", "description", *(("PLOVER",) if has_plover else ()), *(("family",) if voc.families else ()))
        body = [
            (
                f"`{r.value}`",
                r.description,
                *((_text(r.plover),) if has_plover else ()),
                *((f"[`{r.family}`](#{voc.families.name})",) if voc.families else ()),
            )
            for r in rows.itertuples()
        ]
        parts.append(f"### `{name}`\n\n{voc.description}" + (f"\n\nSource: {voc.source}." if voc.source else ""))
        parts.append(_markdown_table(header, body))
    return "\n\n".join(parts) + "\n"


def _render_table(parts: list[str], table: Table) -> None:
    parts.append(f"### `{table.name}`\n\n{table.description}")
    parts.append(
        _markdown_table(
            ("column", "type", "null", "rules", "description"),
            [(f"`{c.name}`", _type_cell(c), "yes" if c.nullable else "no", _rules_cell(table, c), c.description) for c in table.columns],
        )
    )
    if table.checks:
        rules = "\n".join(f"- `{rule.name}`: {rule.description}" for rule in table.checks)
        parts.append(f"Rules across the columns of a row:\n\n{rules}")


def _column_row(table: Table, col: Column) -> dict[str, object]:
    if col.references:
        references = col.references
    elif col.references_table_in:
        references = f"table in {col.references_table_in}"
    else:
        references = None
    vocab = col.vocabulary
    return {
        "table": table.name,
        "column": col.name,
        "type": col.type,
        "nullable": col.nullable,
        "primary_key": col.name == table.primary_key,
        "references": references,
        "vocabulary": vocab.name if vocab else None,
        "allowed_values": ", ".join(vocab.values) if vocab else None,
        "minimum": col.minimum,
        "maximum": col.maximum,
        "pattern": col.pattern,
        "source_column": col.source_column,
        "description": col.description,
    }


def _frame(rows: list[dict[str, Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes)


def _type_cell(col: Column) -> str:
    return f"{col.type} ([`{col.vocabulary.name}`](#{col.vocabulary.name}))" if col.vocabulary else col.type


def _rules_cell(table: Table, col: Column) -> str:
    rules = []
    if col.name == table.primary_key:
        rules.append("primary key")
    if col.references:
        rules.append(f"→ `{col.references}`")
    elif col.references_table_in:
        rules.append(f"→ `table in {col.references_table_in}`")
    rules += [text for rule in col.constraints if (text := rule.describe())]
    if col.source_column:
        rules.append(f"source in `{col.source_column}`")
    return "; ".join(rules)


def _present(value: Any) -> bool:
    import pandas as pd

    return not pd.isna(value)


def _text(value: Any) -> str:
    return "" if not _present(value) else str(value)


def _markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_text(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return "\n".join([line(header), line(tuple("---" for _ in header)), *(line(r) for r in rows)])
