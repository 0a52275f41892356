"""Build-time code: from ``data/curated/`` to the shipped files, and every file generated from them.

Run from a clone of the repository with the ``[build]`` extra
(``sadr-iran-data build``, or ``python -m sadr_iran_data._build``). The
library's run-time modules never import this package; only the command
line's ``build`` command reaches it.

- :mod:`.curated`: read the curated YAML and the source texts, resolve each quote to its offsets, derive the rows;
- :mod:`.build`: check the rows with the same rules as ``validate``, write the Parquet files and the manifest;
- :mod:`.releases`: archived releases, the data changelog and retired ids;
- :mod:`.ledger`: the sentence coverage ledger;
- :mod:`.docs` and :mod:`.figures`: the generated pages, README blocks and figures;
- :mod:`.release`: the one command that regenerates all of it, and releases a version.
"""
