"""The dataset version and its release date: the one place they are written.

Semantic versioning for data: major = a breaking schema change or a record
removed with no replacement; minor = new records or columns, re-coded values,
ids retired with a pointer to their replacement; patch = corrections that
change no coding.
"""

__version__ = "1.1.0"
__released__ = "2026-11-30"
