"""The dataset's release: its version, its release date and the sha256 of its manifest.

Written by the release command (``sadr-iran-data build --release X.Y.Z``),
never by hand. Semantic versioning for data: major = a breaking schema change
or retired ids, minor = new records or columns, patch = corrections of values.
Every load checks the shipped ``manifest.json`` against ``__manifest_sha256__``,
so a data file edited together with its manifest entry is refused too.
"""

__version__ = "1.0.0"
__released__ = "2026-11-27"
__manifest_sha256__ = "336ff7b34a220137270bc7312600ae6899ea8f651e261a1f02130388d93489d7"
