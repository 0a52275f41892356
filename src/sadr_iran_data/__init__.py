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
    from .article import ArticleCheck, QuoteCheck, check_article
    from .citation import cite, cite_source
    from .croissant import to_croissant
    from .data_dictionary import codebook, vocabularies
    from .errors import DataIntegrityError, InputError, RetiredIdError, SadrIranDataError, SchemaValidationError, UnknownTableError
    from .exports import export, to_acled, to_networkx, to_ucdp_ged, to_web_annotations
    from .integrity import verify
    from .loaders import (
        changes,
        load,
        load_actors,
        load_all,
        load_citations,
        load_event_actors,
        load_events,
        load_evidence,
        load_locations,
        load_relations,
        lookup,
        retired,
        tables,
    )
    from .validation import ValidationFailure, ValidationReport, validate, validate_tables
    from .views import ancestors, descendants, evidence_for, has_actor, neighbors

# public name -> module that defines it
_LAZY = {
    "tables": "loaders",
    "load": "loaders",
    "load_all": "loaders",
    "load_citations": "loaders",
    "load_actors": "loaders",
    "load_locations": "loaders",
    "load_events": "loaders",
    "load_event_actors": "loaders",
    "load_relations": "loaders",
    "load_evidence": "loaders",
    "verify": "integrity",
    "check_article": "article",
    "ArticleCheck": "article",
    "QuoteCheck": "article",
    "export": "exports",
    "to_networkx": "exports",
    "to_acled": "exports",
    "to_ucdp_ged": "exports",
    "to_web_annotations": "exports",
    "to_croissant": "croissant",
    "changes": "loaders",
    "retired": "loaders",
    "lookup": "loaders",
    "cite": "citation",
    "cite_source": "citation",
    "codebook": "data_dictionary",
    "vocabularies": "data_dictionary",
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
    "ancestors": "views",
    "descendants": "views",
    "neighbors": "views",
    "evidence_for": "views",
    "has_actor": "views",
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
    "errors",
    "evidence_for",
    "export",
    "has_actor",
    "identity",
    "load",
    "load_actors",
    "load_all",
    "load_citations",
    "load_event_actors",
    "load_events",
    "load_evidence",
    "load_locations",
    "load_relations",
    "lookup",
    "models",
    "neighbors",
    "retired",
    "schemas",
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
