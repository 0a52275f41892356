"""The dataset's release: its version, its release date and the sha256 of its manifest.

Written by the release command (``sadr-iran-data build --release X.Y.Z``),
never by hand. Semantic versioning for data: major = a breaking schema change
or a record removed with no replacement; minor = new records or columns,
re-coded values, ids retired with a pointer to their replacement; patch =
corrections that change no coding.
Every load checks the shipped ``manifest.json`` against ``__manifest_sha256__``,
so a data file edited together with its manifest entry is refused too.
"""

__version__ = "1.2.0"
__released__ = "2026-11-30"
__manifest_sha256__ = "38c8ef1e24f812ff53fe660c08f5f618c46a4560d88456b356a47c92988de450"
