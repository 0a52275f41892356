"""The doctests of src/: build-time modules whose optional extra is not installed are not collected."""

from __future__ import annotations

import importlib.util

#: The figures need matplotlib, from the [build] or [docs] extra; the [test] extra alone does not bring it.
collect_ignore = [] if importlib.util.find_spec("matplotlib") else ["src/sadr_iran_data/_build/figures.py"]
