"""Entry point of the frozen (PyInstaller) Factcheck: the same `main` as the `factcheck` script."""

import sys

from factcheck_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
