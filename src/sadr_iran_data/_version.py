"""The dataset version and its release date: the one place they are written.

Semantic versioning for data: major = a breaking schema change or retired ids,
minor = new records or columns, patch = corrections of values.
"""

__version__ = "1.0.0"
__released__ = "2026-11-27"
