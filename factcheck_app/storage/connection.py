"""Opening a workspace file: pragmas, write transactions that wait their turn, error mapping."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from ..domain.errors import (
    DiskFull,
    NotWritable,
    WorkspaceDamaged,
    WorkspaceInvalid,
    WorkspaceLocked,
)

# One write at a time: a writer waits this long for the lock per attempt, and
# retries until WRITE_WAIT_TOTAL has passed before telling the user.
BUSY_TIMEOUT_MS = 5_000
WRITE_WAIT_TOTAL = 30.0
APPLICATION_ID = 0x46434B31  # "FCK1": marks the file as a Factcheck workspace


def files_dir_for(path: Path) -> Path:
    """The sibling folder that holds a workspace's attachments."""
    return path.with_name(path.name + ".files")


def backups_dir_for(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def connect(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open `path` with WAL, foreign keys and a busy timeout.

    The connection belongs to the calling thread (sqlite3's default check), so
    each worker opens its own.
    """
    try:
        if readonly:
            conn = sqlite3.connect(
                readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000
            )
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly and not _foreign(conn):  # never convert a file we will refuse
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":  # pragma: no cover - only on odd filesystems
                conn.execute("PRAGMA journal_mode = DELETE")
            # NORMAL is durable in WAL mode across application crashes; only an
            # OS crash can lose the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")
    except sqlite3.DatabaseError as error:
        raise translate(error, path) from None
    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


def readonly_uri(path: Path) -> str:
    """A read-only SQLite URI; the path is percent-encoded so that '#', '?' and '%'
    in a file name are not read as URI syntax (which opened, and created, another file)."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def _foreign(conn: sqlite3.Connection) -> bool:
    """An SQLite file with tables that is not marked as a Factcheck workspace."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    return app_id != APPLICATION_ID and conn.execute(
        "SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def translate(error: sqlite3.Error, path: Path | None = None) -> Exception:
    """Turn SQLite's errors into the few the user can act on; others stay bugs."""
    text = str(error).lower()
    where = f" ({path.name})" if path else ""
    if "locked" in text or "busy" in text:
        return WorkspaceLocked(
            f"the workspace{where} is busy in another window or process; "
            "try again in a moment"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(f"the disk is full{where}; nothing was changed — free some space and retry")
    if "malformed" in text or "database corrupt" in text:
        return WorkspaceDamaged(
            f"{path or 'the workspace'} is damaged ({error}); it may have been cut short "
            "while copied: restore a backup with `factcheck restore`")
    if "not a database" in text or "file is encrypted" in text:
        return WorkspaceInvalid(f"{path or 'the file'} is not a Factcheck workspace")
    if "unable to open" in text:
        return WorkspaceInvalid(f"cannot open {path or 'the workspace'}: {error}")
    if "readonly" in text or "read-only" in text:
        return NotWritable(f"the workspace{where} is read-only here ({error}); nothing was "
                           "changed — make the file writable, or work on a copy")
    return error


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database, *,
                      before_commit: Callable[[sqlite_utils.Database], None] | None = None,
                      ) -> Iterator[sqlite_utils.Database]:
    """One use case's transaction: take the write lock up front, commit or roll back.

    BEGIN IMMEDIATE takes the lock before the first read, so two writers never
    deadlock upgrading read locks, and a busy workspace is waited for here,
    where retrying is safe because nothing has been done yet. `before_commit` runs
    last inside the outermost transaction (the history's signature), and may refuse it.
    """
    if db.conn.in_transaction:  # nested use case: a savepoint inside the outer one
        with db.atomic():
            yield db
        return
    deadline = time.monotonic() + WRITE_WAIT_TOTAL
    while True:
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise translate(error) from None
            if time.monotonic() > deadline:
                raise translate(error) from None
            time.sleep(0.05)
    try:
        yield db
        if before_commit is not None:
            before_commit(db)
        db.conn.execute("COMMIT")
    except BaseException as error:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError):
            raise translate(error) from error
        raise
