"""sadr-iran-data: evidence-backed tables from "Moqtada al-Sadr’s New Alliance with Tehran".

Importing the package is cheap: pandas, pyarrow, pandera and pydantic load on
first use of a function that needs them.

Examples
--------
>>> import sadr_iran_data as sid
>>> events = sid.load_events()
>>> len(events) > 0
True
"""

from __future__ import annotations

from ._version import __version__

TYPE_CHECKING = False  # not typing's: importing typing would double the cost of importing the package
if TYPE_CHECKING:  # the names the lazy imports below resolve, for type checkers
    from typing import Any

    from . import declarations, errors, identity, models, schemas
    from .dataset.article import ArticleCheck, QuoteCheck, check_article
    from .dataset.integrity import verify
    from .dataset.loaders import (
        changes,
        load,
        load_actors,
        load_all,
        load_citations,
        load_cues,
        load_event_actors,
        load_events,
        load_evidence,
        load_locations,
        load_relations,
        lookup,
        retired,
        tables,
    )
    from .dataset.releases import diff, releases
    from .dataset.search import find
    from .dataset.views import ancestors, descendants, evidence_for, has_actor, neighbors, splinters
    from .declarations.dictionary import codebook, vocabularies
    from .errors import (
        DataIntegrityError,
        InputError,
        RetiredIdError,
        SadrIranDataError,
        SchemaValidationError,
        UnknownTableError,
    )
    from .formats.citation import cite, cite_source
    from .formats.croissant import to_croissant
    from .formats.exports import export
    from .formats.graphml import to_networkx
    from .formats.layouts.acled import to_acled
    from .formats.layouts.ucdp_ged import to_ucdp_ged
    from .formats.reader import reader
    from .formats.web_annotations import to_web_annotations
    from .validation import ValidationFailure, ValidationReport, validate, validate_tables

# public name -> module that defines it
_LAZY = {
    "tables": "dataset.loaders",
    "load": "dataset.loaders",
    "load_all": "dataset.loaders",
    "load_citations": "dataset.loaders",
    "load_actors": "dataset.loaders",
    "load_locations": "dataset.loaders",
    "load_events": "dataset.loaders",
    "load_event_actors": "dataset.loaders",
    "load_relations": "dataset.loaders",
    "load_evidence": "dataset.loaders",
    "load_cues": "dataset.loaders",
    "verify": "dataset.integrity",
    "check_article": "dataset.article",
    "ArticleCheck": "dataset.article",
    "QuoteCheck": "dataset.article",
    "export": "formats.exports",
    "to_networkx": "formats.graphml",
    "to_acled": "formats.layouts.acled",
    "to_ucdp_ged": "formats.layouts.ucdp_ged",
    "to_web_annotations": "formats.web_annotations",
    "reader": "formats.reader",
    "to_croissant": "formats.croissant",
    "changes": "dataset.loaders",
    "retired": "dataset.loaders",
    "lookup": "dataset.loaders",
    "releases": "dataset.releases",
    "find": "dataset.search",
    "diff": "dataset.releases",
    "cite": "formats.citation",
    "cite_source": "formats.citation",
    "codebook": "declarations.dictionary",
    "vocabularies": "declarations.dictionary",
    "validate": "validation",
    "validate_tables": "validation",
    "ValidationReport": "validation",
    "SadrIranDataError": "errors",
    "DataIntegrityError": "errors",
    "SchemaValidationError": "errors",
    "UnknownTableError": "errors",
    "RetiredIdError": "errors",
    "InputError": "errors",
    "ValidationFailure": "validation",
    "ancestors": "dataset.views",
    "descendants": "dataset.views",
    "neighbors": "dataset.views",
    "evidence_for": "dataset.views",
    "has_actor": "dataset.views",
    "splinters": "dataset.views",
}
_SUBMODULES = ("models", "schemas", "declarations", "errors", "identity")

__all__ = [
    "ArticleCheck",
    "DataIntegrityError",
    "InputError",
    "QuoteCheck",
    "RetiredIdError",
    "SadrIranDataError",
    "SchemaValidationError",
    "UnknownTableError",
    "ValidationFailure",
    "ValidationReport",
    "__version__",
    "ancestors",
    "changes",
    "check_article",
    "cite",
    "cite_source",
    "codebook",
    "declarations",
    "descendants",
    "diff",
    "errors",
    "evidence_for",
    "export",
    "find",
    "has_actor",
    "identity",
    "load",
    "load_actors",
    "load_all",
    "load_citations",
    "load_cues",
    "load_event_actors",
    "load_events",
    "load_evidence",
    "load_locations",
    "load_relations",
    "lookup",
    "models",
    "neighbors",
    "reader",
    "releases",
    "retired",
    "schemas",
    "splinters",
    "tables",
    "to_acled",
    "to_croissant",
    "to_networkx",
    "to_ucdp_ged",
    "to_web_annotations",
    "validate",
    "validate_tables",
    "verify",
    "vocabularies",
]


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
