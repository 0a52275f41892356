"""The command line's help text, as the documentation reads it; only the standard library, so a fresh process imports it at once."""

from __future__ import annotations

import re


def commands_in(top: str) -> list[str]:
    """The subcommands listed under COMMAND in the text of ``sadr-iran-data --help``, in their order."""
    lines = top.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "COMMAND")
    names = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        match = re.match(r"^ {4}(\S+)", line)
        if match:
            names.append(match.group(1))
    return names
