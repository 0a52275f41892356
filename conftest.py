"""Collection for the whole repository: the doctests of ``src`` run with the tests of ``tests``.

A build-time module whose optional extra is missing (the figures need
matplotlib) is left out of the doctests, by name; any other module that
cannot be imported is a collection error, never a silent skip.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import pytest

collect_ignore_glob: list[str] = []
if importlib.util.find_spec("matplotlib") is None:
    collect_ignore_glob.append("src/sadr_iran_data/_build/figures*")


def pytest_configure(config: pytest.Config) -> None:
    """The run's Python processes keep their bytecode in one cache of the run's own, never in the source tree.

    With PYTHONDONTWRITEBYTECODE set (to keep ``__pycache__`` folders out of
    the tree), every process of the run compiles what it imports afresh: each
    worker the package, the tests and the modules pytest rewrites, and each of
    the dozens of Python processes the tests start the package again. Unless
    the caller chose a PYTHONPYCACHEPREFIX, the run writes its bytecode under
    ``.pytest_cache`` (a temporary folder without the cache plugin) instead,
    which the workers and the child processes it starts inherit. Without the
    variable, Python's own ``__pycache__`` folders serve, and nothing changes.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    cache = getattr(config, "cache", None)
    folder = cache.mkdir("bytecode") if cache is not None else Path(tempfile.gettempdir()) / "sadr-iran-data-tests" / "bytecode"
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    sys.pycache_prefix, sys.dont_write_bytecode = str(folder), False
