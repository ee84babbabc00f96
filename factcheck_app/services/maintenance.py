"""Workspace upkeep as use cases: backup copies and restore."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import WorkspaceInvalid
from ..storage import backup as backups
from .workspace import Workspace


def backup_copy(ws: Workspace, target: Path | None = None) -> Path:
    """A consistent copy taken while the workspace stays open (SQLite's backup API).

    Without a target it joins the rolling backups beside the workspace.
    """
    if target is None:
        made = backups.rolling_backup(ws.db.conn, ws.path, force=True, label="manual")
        assert made is not None
        return made
    return backups.backup_to(ws.db.conn, Path(target))


def restore(workspace: Path, backup: Path) -> Path:
    """Replace a workspace's content with a backup; the current state is backed up first."""
    if not Path(workspace).exists():
        raise WorkspaceInvalid(f"no workspace at {workspace}")
    return backups.restore(Path(backup), Path(workspace))


def list_backups(workspace: Path) -> list[Path]:
    return backups.list_backups(Path(workspace))
