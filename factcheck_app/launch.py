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
    from .ui.startup import begin  # Qt only now: it may abort on a broken system

    _, frame = begin()
    from .ui.app import run  # the heavy part, while the frame is already on screen

    return run(workspace, user, startup_frame=frame)
