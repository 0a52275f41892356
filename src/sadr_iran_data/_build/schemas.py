"""Write the committed files of ``schemas/``: each table's JSON Schema and Table Schema, and ``datapackage.json``.

``python -m sadr_iran_data._build.schemas [--out DIR]``; ``sadr-iran-data build`` writes them too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BuildError
from ..formats.frictionless import schema_files
from .curated import find_root
from .files import write_text


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every table's JSON Schema and Table Schema, and ``datapackage.json``, into ``folder``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_schemas(tmp)][-1]
    'datapackage.json'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in schema_files().items():
        write_text(folder / file_name, text)
        written.append(folder / file_name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sadr_iran_data._build.schemas", description="Regenerate the files in schemas/.")
    parser.add_argument("--out", type=Path, help="output folder (default: schemas/ of the repository)")
    args = parser.parse_args(argv)
    if args.out is None:
        try:
            args.out = find_root() / "schemas"
        except BuildError as exc:
            print(f"cannot write the schemas: {exc}", file=sys.stderr)
            return 1
    paths = write_schemas(args.out)
    print(f"wrote {len(paths)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
