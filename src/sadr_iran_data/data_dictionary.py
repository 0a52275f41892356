"""The codebook: every column and every vocabulary value, derived from the table declarations.

>>> from sadr_iran_data.data_dictionary import codebook
>>> cb = codebook()
>>> cb.loc[(cb["table"] == "events") & cb["primary_key"], "column"].tolist()
['event_id']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .declarations import TABLES, VOCABULARIES, Column, Table

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
VOCABULARY_COLUMNS = {"vocabulary": "string", "value": "string", "description": "string", "plover": "string"}


def codebook() -> pd.DataFrame:
    """One row per declared column of every table, in declaration order.

    ``references`` names the table a key refers to; for a key whose table is
    named in another column, it reads ``table in <that column>``.

    >>> from sadr_iran_data.data_dictionary import codebook
    >>> codebook().set_index(["table", "column"]).loc[("events", "certainty"), "vocabulary"]
    'certainty'
    """
    rows = [_column_row(table, col) for table in TABLES.values() for col in table.columns]
    return _frame(rows, CODEBOOK_COLUMNS)


def vocabularies() -> pd.DataFrame:
    """One row per value of every controlled vocabulary; ``plover`` is null where no PLOVER type fits.

    >>> from sadr_iran_data.data_dictionary import vocabularies
    >>> v = vocabularies()
    >>> v.loc[v["vocabulary"] == "certainty", "value"].tolist()[:3]
    ['stated', 'known', 'likely']
    """
    rows = [
        {"vocabulary": vocab.name, "value": term.value, "description": term.description, "plover": term.plover}
        for vocab in VOCABULARIES.values()
        for term in vocab.terms
    ]
    return _frame(rows, VOCABULARY_COLUMNS)


def render_markdown() -> str:
    """The data dictionary as Markdown: a table of columns per table, then a table of values per vocabulary.

    >>> from sadr_iran_data.data_dictionary import render_markdown
    >>> print(render_markdown().splitlines()[0])
    ## Tables
    """
    cb = codebook()
    vocab = vocabularies()
    parts = ["## Tables"]
    for table in TABLES.values():
        rows = cb[cb["table"] == table.name]
        parts.append(f"### `{table.name}`\n\n{table.description}")
        parts.append(
            _markdown_table(
                ("column", "type", "null", "rules", "description"),
                [(f"`{r.column}`", _type_cell(r), "yes" if r.nullable else "no", _rules_cell(r), r.description) for r in rows.itertuples()],
            )
        )
    parts.append("## Vocabularies")
    for name, voc in VOCABULARIES.items():
        rows = vocab[vocab["vocabulary"] == name]
        has_plover = rows["plover"].notna().any()
        header = ("value", "description", *(("PLOVER",) if has_plover else ()))
        body = [(f"`{r.value}`", r.description, *((_text(r.plover),) if has_plover else ())) for r in rows.itertuples()]
        parts.append(f"### `{name}`\n\n{voc.description}")
        parts.append(_markdown_table(header, body))
    return "\n\n".join(parts) + "\n"


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


def _frame(rows: list[dict[str, object]], dtypes: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes)


def _type_cell(row) -> str:
    return f"{row.type} ([`{row.vocabulary}`](#{row.vocabulary}))" if _present(row.vocabulary) else row.type


def _rules_cell(row) -> str:
    rules = []
    if row.primary_key:
        rules.append("primary key")
    if _present(row.references):
        rules.append(f"→ `{row.references}`")
    if _present(row.minimum):
        rules.append(f"≥ {row.minimum:g}")
    if _present(row.maximum):
        rules.append(f"≤ {row.maximum:g}")
    if _present(row.pattern):
        rules.append(f"matches `{row.pattern}`")
    if _present(row.source_column):
        rules.append(f"source in `{row.source_column}`")
    return "; ".join(rules)


def _present(value: object) -> bool:
    import pandas as pd

    return not pd.isna(value)


def _text(value: object) -> str:
    return "" if not _present(value) else str(value)


def _markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(_text(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return "\n".join([line(header), line(tuple("---" for _ in header)), *(line(r) for r in rows)])
