"""The dataset's release: its version, its release date and the sha256 of its manifest.

Written by the release command (``sadr-iran-data build --release X.Y.Z``),
never by hand. Semantic versioning for data: major = a breaking schema change
or a record removed with no replacement; minor = new records or columns,
re-coded values, ids retired with a pointer to their replacement; patch =
corrections that change no coding.
Every load checks the shipped ``manifest.json`` against ``__manifest_sha256__``,
so a data file edited together with its manifest entry is refused too.
"""

__version__ = "1.4.0"
__released__ = "2026-12-07"
__manifest_sha256__ = "b35372621e671a506291dd22c94addb3d9d0871b072e552dd7d8a20fcf7f6f6c"
