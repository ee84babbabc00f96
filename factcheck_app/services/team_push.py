"""Pushing a solo workspace into a new team workspace, once the solo file passes the
whole of `factcheck check`: a damaged or tampered file is refused, and nothing is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.errors import RuleViolation
from ..team import push as team_push
from .check import check_workspace
from .workspace import Workspace


def push_solo(solo: Path | str, conn: Any) -> team_push.PushResult:
    """Check the solo workspace end to end (integrity, history, signatures, records,
    files, approvals), then copy it in one transaction (team/push.py)."""
    with Workspace.open(solo, readonly=True, backup_on_open=False) as ws:
        problems = check_workspace(ws)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RuleViolation(f"{Path(solo).name} does not pass `factcheck check`: "
                            f"{problems[0]}{more}; nothing was pushed — run `factcheck check` "
                            "on it and repair it (or restore a backup) first")
    return team_push.push(solo, conn)
