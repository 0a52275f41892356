"""Write the release's ZIP archive of each export format, from the installed ``sadr_iran_data``.

    python scripts/release_assets.py DIR

The release workflow installs the published wheel and runs this file as a
script, so that the archives hold what the wheel exports: run as a script,
this folder, not the clone's ``src/``, is first on ``sys.path``. Each archive
is named by :func:`sadr_iran_data.formats.schemaorg.asset_name`, and is one
``DataDownload`` of the documentation home page's schema.org JSON-LD.
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path

import sadr_iran_data as sid
from sadr_iran_data._names import EXPORT_FORMATS
from sadr_iran_data.formats.schemaorg import asset_name


def release_assets(folder: Path) -> list[Path]:
    """Write one ZIP archive per export format into ``folder``; returns the archives written.

    Each archive holds the files ``sadr-iran-data export --format F`` writes,
    by their names, with a fixed timestamp, so the same version gives the same
    bytes (but for the DuckDB database, whose file header differs from one
    write to the next).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for format in EXPORT_FORMATS:
        with tempfile.TemporaryDirectory() as staging:
            paths = sorted(sid.export(format, Path(staging)), key=lambda p: p.name)
            target = folder / asset_name(format)
            with zipfile.ZipFile(target, "x", compression=zipfile.ZIP_DEFLATED) as archive:
                for path in paths:
                    info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", metavar="DIR", type=Path, help="where to write the archives")
    args = parser.parse_args(argv)
    for path in release_assets(args.folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
