"""Open the window: check the display and system libraries first, then start Qt."""

from __future__ import annotations

import sys

from .launch_check import problems


def launch_gui(workspace: str | None, *, user: str | None = None) -> int:
    found = problems()
    if found:
        for problem in found:
            print(f"factcheck: cannot open the window: {problem}", file=sys.stderr)
        return 1
    from .ui.app import run  # imported only now: Qt may abort on a broken system

    return run(workspace, user)
