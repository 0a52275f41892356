"""Build-time code: from ``data/curated/`` to the shipped files, and every file generated from them.

Run from a clone of the repository with the ``[build]`` extra
(``sadr-iran-data build``, or ``python -m sadr_iran_data._build``); the wheel
leaves this package out. The entry finds the repository's root once
(:func:`.curated.find_root`, ``--root``) and passes it to every part. The
library's run-time modules never import this package; only the command
line's ``build`` command reaches it.

- :mod:`.curated`: read the curated YAML and the source texts, resolve each quote to its offsets, derive the rows;
- :mod:`.build`: check the rows with the same rules as ``validate``, write the Parquet files and the manifest;
- :mod:`.archive`: archived releases, the data changelog and retired ids;
- :mod:`.ledger`: the sentence coverage ledger;
- :mod:`.schemas`, :mod:`.discovery`: ``schemas/``, ``.zenodo.json`` and the home page's JSON-LD;
- :mod:`.docs` (with :mod:`.reliability`, :mod:`.codes`, :mod:`.interop`, :mod:`.helptext`) and :mod:`.figures`: the generated pages,
  README blocks and figures;
- :mod:`.command`: the one command that regenerates all of it, and releases a version.
"""
