"""The layouts of ACLED and UCDP GED, one module each, and what they share.

Researchers append events to the data they already have. :mod:`.acled` and
:mod:`.ucdp_ged` say how an event of this dataset becomes a row of the ACLED
data or of the UCDP Georeferenced Event Dataset (GED), or why it cannot; the
precision codes both use are in :mod:`sadr_iran_data.codes.precision`. The
documentation's tables (``docs/interoperability.md``) are generated from
these declarations, so the two cannot drift.
"""
