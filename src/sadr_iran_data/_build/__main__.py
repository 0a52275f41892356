"""``python -m sadr_iran_data._build``: regenerate every generated file of the current version (what ``sadr-iran-data build`` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BuildError
from .command import regenerate
from .curated import find_root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sadr_iran_data._build", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, help="the repository (default: found from the current folder)")
    parser.add_argument("--archive", action="store_true", help="also archive this version's rows in data/releases/")
    args = parser.parse_args(argv)
    try:
        for line in regenerate(find_root(args.root), archive_release=args.archive):
            print(line, flush=True)
    except BuildError as exc:
        print(f"sadr-iran-data build: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
