"""Collection for the whole repository: the doctests of ``src`` run with the tests of ``tests``.

A build-time module whose optional extra is missing (the figures need
matplotlib) is left out of the doctests, by name; any other module that
cannot be imported is a collection error, never a silent skip.
"""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest

collect_ignore_glob: list[str] = []
if importlib.util.find_spec("matplotlib") is None:
    collect_ignore_glob.append("src/sadr_iran_data/_build/figures*")


def pytest_configure(config: pytest.Config) -> None:
    """The run's Python processes write their bytecode as Python does by default: in ``__pycache__`` folders, which git ignores.

    With PYTHONDONTWRITEBYTECODE set, every process of the run would compile
    what it imports afresh: each worker the package, the tests and the
    modules pytest rewrites, and each of the dozens of Python processes the
    tests start the package again. The run unsets it for itself and the
    processes it starts. (A PYTHONPYCACHEPREFIX would keep the folders out of
    the tree, but Python then reads no ``__pycache__`` folder at all: a fresh
    one would have the run compile every installed library again.)
    """
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        sys.dont_write_bytecode = False
