"""Workspace upkeep as use cases: backup copies and restore."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import WorkspaceInvalid
from ..storage import backup as backups
from ..storage.store import Store
from .workspace import Workspace


def backup_copy(ws: Workspace, target: Path | None = None) -> Path:
    """A consistent copy taken while the workspace stays open (SQLite's backup API).

    Without a target it joins the rolling backups beside the workspace.
    """
    return backups.backup_now(ws.store, None if target is None else Path(target))


def restore(workspace: Path, backup: Path) -> Path:
    """Replace a workspace's content with a backup; the current state is backed up first.

    The backup must be a Factcheck workspace this version can read: restoring any
    other SQLite file, or one written by a newer schema, would replace good data
    with something the window then refuses to open.
    """
    if not Path(workspace).exists():
        raise WorkspaceInvalid(f"no workspace at {workspace}")
    backup = Path(backup)
    if backup.is_file():
        with Store(backup, readonly=True) as store:  # refuses a foreign or newer file
            missing = {"statements", "history", "users"} - set(store.table_names())
        if missing:
            raise WorkspaceInvalid(f"{backup.name} is not a Factcheck workspace (it has no "
                                   f"{sorted(missing)[0]} table); nothing was restored")
    return backups.restore(backup, Path(workspace))


def list_backups(workspace: Path) -> list[Path]:
    return backups.list_backups(Path(workspace))
