"""`python -m factcheck_app` runs the command line (and the window with no arguments)."""

import sys

from .cli import main

sys.exit(main())
