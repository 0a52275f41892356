"""``python -m sadr_iran_data._build.figures``: draw the documentation's figures (see the package's description)."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
