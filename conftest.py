"""Collection for the whole repository: the doctests of ``src`` run with the tests of ``tests``.

A build-time module whose optional extra is missing (the figures need
matplotlib) is left out of the doctests, by name; any other module that
cannot be imported is a collection error, never a silent skip.
"""

from __future__ import annotations

import importlib.util

collect_ignore_glob: list[str] = []
if importlib.util.find_spec("matplotlib") is None:
    collect_ignore_glob.append("src/sadr_iran_data/_build/figures*")
