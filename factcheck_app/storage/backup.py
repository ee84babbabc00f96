"""Rolling backups with SQLite's online backup API, and restore."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..domain.errors import InvalidInput, WorkspaceInvalid
from . import anchors, signing
from .connection import backups_dir_for, readonly_uri

KEEP = 5
# Opening for writing takes a backup unless one is younger than this: a command
# line session that opens the workspace a hundred times keeps useful backups.
MIN_INTERVAL_S = 15 * 60
# The on-open budget: a file up to this size is copied at once (well under a second);
# a larger one at most every LARGE_INTERVAL_S, on a thread of its own, so opening a
# 1 GB workspace never waits for a copy of it.
SMALL_FILE_BYTES = 64 * 1024 * 1024
LARGE_INTERVAL_S = 6 * 60 * 60
PARTIAL = ".partial"


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database consistently, even while another process writes.

    The copy is made in a partial file of its own and renamed into place: two
    processes opening a workspace in the same microsecond pick the same target name,
    and a shared partial file would be replaced under one of them (SQLite's
    READONLY_DBMOVED) or locked by the other.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=PARTIAL,
                                    dir=target.parent)
    os.close(handle)
    tmp = Path(name)
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        dest.close()
        tmp.unlink(missing_ok=True)
        raise
    dest.close()
    tmp.replace(target)
    return target


def list_backups(workspace: Path) -> list[Path]:
    folder = backups_dir_for(workspace)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.factcheck"), key=lambda p: p.name)


def _mtime(path: Path) -> float | None:
    """When a file was last written; None once another process rotated it away."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return None


def _due(workspace: Path, interval: float) -> bool:
    times = [t for t in map(_mtime, list_backups(workspace)) if t is not None]
    if not times:
        return True
    newest = max(times)
    if time.time() - newest < interval:
        return False
    # Nothing written since the newest backup: another copy would add nothing.
    written = max((t for t in map(_mtime, (workspace, Path(f"{workspace}-wal")))
                   if t is not None), default=0)
    return written > newest


def _size(workspace: Path) -> int:
    return sum(f.stat().st_size for f in (workspace, Path(f"{workspace}-wal")) if f.exists())


def backup_on_open(conn: sqlite3.Connection, workspace: Path) -> threading.Thread | None:
    """The rolling backup taken when a workspace is opened for writing, within a budget.

    A small file is copied now. A large one is copied only when its newest backup is
    older than LARGE_INTERVAL_S, and then by a thread with its own read connection
    (in WAL mode a reader blocks no writer), so the open returns at once; the caller
    joins the returned thread before it exits.
    """
    if _size(workspace) <= SMALL_FILE_BYTES:
        rolling_backup(conn, workspace)
        return None
    if not _due(workspace, LARGE_INTERVAL_S):
        return None
    thread = threading.Thread(target=_copy_in_background, args=(workspace,),
                              name="factcheck-backup", daemon=True)
    thread.start()
    return thread


def _copy_in_background(workspace: Path) -> None:
    try:
        source = sqlite3.connect(readonly_uri(workspace), uri=True)
    except sqlite3.Error:  # pragma: no cover - the workspace was just opened
        return
    try:
        rolling_backup(source, workspace, force=True)
    except (sqlite3.Error, OSError):
        # A failed automatic copy leaves nothing behind; the next open retries.
        pass
    finally:
        source.close()


def rolling_backup(conn: sqlite3.Connection, workspace: Path, *, force: bool = False,
                   label: str = "auto") -> Path | None:
    if not force and not _due(workspace, MIN_INTERVAL_S):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir_for(workspace) / f"{workspace.stem}-{stamp}-{label}.factcheck"
    backup_to(conn, target)
    autos = [p for p in list_backups(workspace) if p.stem.endswith("-auto")]
    for old in autos[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def backup_now(store: Any, target: Path | None = None) -> Path:
    """A consistent copy of an open workspace (a Store) taken while it stays open, by
    SQLite's backup API: to `target`, or else among the rolling backups beside it."""
    conn = store.sqlite_database.conn
    if target is None:
        made = rolling_backup(conn, store.path, force=True, label="manual")
        assert made is not None
        return made
    return backup_to(conn, Path(target))


def _forget_later_heads(conn: sqlite3.Connection) -> None:
    """Going back is the point of a restore: this computer now holds the file to the
    restored history, not to the later one it had seen (storage/anchors.py)."""
    db = Database(conn)
    if signing.is_signed(db):
        anchors.remember(db, forget_older=True)


def restore(backup: Path, workspace: Path) -> Path:
    """Replace the workspace's content with a backup's; the current state is backed up first."""
    if not backup.is_file():
        raise InvalidInput(f"no such backup: {backup}")
    source = sqlite3.connect(readonly_uri(backup), uri=True)
    try:
        try:
            ok = source.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError:
            raise WorkspaceInvalid(f"{backup} is not a Factcheck workspace") from None
        if ok != "ok":
            raise WorkspaceInvalid(f"{backup} is damaged: {ok}")
        dest = sqlite3.connect(str(workspace), timeout=30)
        try:
            if workspace.exists() and workspace.stat().st_size:
                rolling_backup(dest, workspace, force=True, label="before-restore")
            source.backup(dest)
            _forget_later_heads(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return workspace
