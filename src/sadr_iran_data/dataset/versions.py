"""Dataset versions: parsed and ordered by ``packaging.version`` (PEP 440), prereleases included.

Examples
--------
>>> from sadr_iran_data.dataset.versions import version_key
>>> sorted(["1.10.0", "1.2.0rc1", "1.2.0", "1.9.2"], key=version_key)
['1.2.0rc1', '1.2.0', '1.9.2', '1.10.0']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import SadrIranDataError

if TYPE_CHECKING:
    from packaging.version import Version


def version_key(version: str) -> Version:
    """The sort key of a version string ("1.10.0" after "1.9.2", "1.2.0rc1" before "1.2.0").

    Raises
    ------
    SadrIranDataError
        If ``version`` is not a version.
    """
    from packaging.version import InvalidVersion, Version

    try:
        return Version(version)
    except InvalidVersion:
        raise SadrIranDataError(f"{version!r} is not a version like 1.2.3 or 1.2.0rc1") from None
