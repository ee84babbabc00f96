"""Entry point of the windowed executable on Windows (factcheckw.exe) and macOS (Factcheck.app).

Both are started by the desktop with at most a document to open, never a subcommand:
`factcheckw.exe C:\\path\\x.factcheck` from the file association, or the .app from Finder
(PyInstaller's argv emulation turns the "open document" event into an argument).
"""

import sys

from factcheck_app.cli import main

if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if not arg.startswith("-psn_")]  # old macOS Finder
    if args[:1] == ["gui"]:
        args = args[1:]
    sys.exit(main(["gui", *args[:1]]))
