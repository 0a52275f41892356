"""``python -m sadr_iran_data`` works like the ``sadr-iran-data`` command."""

import sys

from .cli import main

sys.exit(main())
