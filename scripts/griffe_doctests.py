"""A Griffe extension for the API reference: doctest examples become code blocks.

The package's docstrings are plain text with ``>>>`` examples and reST roles
(``:class:`X```); rendered as Markdown, the prompts would read as quotes and
the brackets as links. This shows each example as a ``pycon`` block and each
role as inline code. mkdocs.yml loads it for mkdocstrings.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, GriffeLoader, Object

_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`~?([^`]+)`")


def fence_doctests(text: str) -> str:
    """Wrap every run of ``>>>`` lines and their output in a fenced ``pycon`` block.

    >>> print(fence_doctests("Load it.\\n\\n>>> 1 + 1\\n2"))
    Load it.
    <BLANKLINE>
    ```pycon
    >>> 1 + 1
    2
    ```
    """
    out: list[str] = []
    fenced = False
    in_code = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```") and not fenced:
            in_code = not in_code
        elif not in_code and not fenced and stripped.startswith(">>>"):
            out.append(line[: len(line) - len(line.lstrip())] + "```pycon")
            fenced = True
        elif fenced and not stripped:
            out.append("```")
            fenced = False
        out.append(line)
    if fenced:
        out.append("```")
    return "\n".join(out)


def plain_roles(text: str) -> str:
    """Replace reST roles such as ``:class:`Table``` with inline code.

    >>> plain_roles("raises :class:`RetiredIdError`")
    'raises `RetiredIdError`'
    """
    return _ROLE.sub(r"`\1`", text)


class DoctestBlocks(Extension):
    """Rewrite each docstring once the package's object tree is loaded."""

    def on_object(self, *, obj: Object, loader: GriffeLoader, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(plain_roles(obj.docstring.value))
