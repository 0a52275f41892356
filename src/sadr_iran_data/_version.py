"""The dataset version: the one place it is written (semver for data)."""

__version__ = "0.1.0"
