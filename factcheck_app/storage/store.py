"""A workspace on disk: open it, bring its schema up to date, hand out transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..domain.errors import NotWritable, WorkspaceInvalid, WorkspaceTooNew
from ..domain.signatures import Signer
from . import anchors, signing
from . import backup as backups
from . import history
from .connection import (
    APPLICATION_ID,
    connect,
    files_dir_for,
    translate,
    write_transaction,
)
from .schema import KNOWN_MIGRATIONS, migrations

SUFFIX = ".factcheck"


class Store:
    """One connection to one workspace file, owned by the thread that opened it.

    It is a storage session (storage/session.py) by delegating to its Database, so
    services hand it to storage functions for reads; writes go through transaction().
    """

    engine = dialect = "sqlite"

    def __init__(self, path: Path | str, *, readonly: bool = False, create: bool = False,
                 backup_on_open: bool = True) -> None:
        self.path = Path(path).expanduser().resolve()
        self.signer: Signer | None = None  # the signed-in user's unlocked key
        if not self.path.exists() and not create:
            raise WorkspaceInvalid(f"no workspace at {self.path}")
        if create and self.path.exists() and self.path.stat().st_size:
            raise WorkspaceInvalid(f"{self.path} already exists; open it instead")
        # Why the workspace is open read-only when the caller asked to write: a file
        # marked read-only, or one SQLite cannot write (a read-only disk or share).
        self.readonly_reason: str | None = None
        if not readonly and not create and _write_protected(self.path):
            readonly, self.readonly_reason = True, "the file is marked read-only"
        try:
            self.db: Database = connect(self.path, readonly=readonly)
        except NotWritable:
            if readonly or create:
                raise
            readonly, self.readonly_reason = True, "the file's disk or folder is read-only"
            self.db = connect(self.path, readonly=True)
        self.readonly = readonly
        self._backup: threading.Thread | None = None
        try:
            self._check_identity(create)
            if not readonly:
                self._migrate()
                if backup_on_open and not create:
                    self._backup = backups.backup_on_open(self.db.conn, self.path)
        except BaseException:
            self.db.close()
            raise

    @property
    def background_backup(self) -> threading.Thread | None:
        """The on-open copy of a large file, running on its own thread, if one was started."""
        return self._backup

    @property
    def label(self) -> str:
        """The workspace as titles and messages name it."""
        return str(self.path)

    @property
    def target(self) -> str:
        """What `Workspace.open` takes to open this workspace again (another process)."""
        return str(self.path)

    # -- the session surface (reads go through the store itself) -----------------------
    def query(self, sql: str, params: list | tuple | dict = ()) -> Iterator[dict]:
        return self.db.query(sql, params)

    def execute(self, sql: str, params: list | tuple | dict = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, rows) -> None:
        self.db.conn.executemany(sql, rows)

    def table_names(self) -> list[str]:
        return self.db.table_names()

    @property
    def files_dir(self) -> Path:
        return files_dir_for(self.path)

    @property
    def label(self) -> str:
        """A name to show the user: the file's name."""
        return self.path.name

    # -- the session: reads outside a transaction -----------------------------------
    @property
    def sqlite_database(self) -> Database:
        """The Database itself, for storage code that needs its SQLite-only parts."""
        return self.db

    def query(self, sql: str, params: Any = None) -> Iterator[dict]:
        return self.db.query(sql, params)

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.db.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> sqlite3.Cursor:
        return self.db.conn.executemany(sql, parameters)

    def table_names(self) -> list[str]:
        return self.db.table_names()

    def require_writable(self) -> None:
        if self.readonly:
            why = f" ({self.readonly_reason})" if self.readonly_reason else ""
            raise NotWritable(f"{self.path.name} is open read-only{why}; nothing was changed — "
                              "make the file writable, or work on a copy")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One use case: its record changes become one change set, written as it ends,
        signed by the signed-in user before it commits; the signed head is then noted
        outside the file (storage/anchors.py)."""
        self.require_writable()
        outermost = not self.db.conn.in_transaction
        with write_transaction(self.db, before_commit=self._sign) as db, \
                history.collecting(db):
            yield db
        if outermost:
            anchors.remember(self.db)

    def _sign(self, db: Database) -> None:
        signing.seal_transaction(db, self.signer)

    def close(self) -> None:
        anchors.flush()
        if self._backup is not None:  # a large file's copy, started on open: let it land
            self._backup.join()
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.db.execute("PRAGMA optimize")
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------------
    def _check_identity(self, create: bool) -> None:
        try:
            app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
            tables = set(self.db.table_names())
        except sqlite3.DatabaseError as error:
            raise translate(error, self.path) from None
        if create or not tables:
            if not self.readonly:
                self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            return
        if app_id != APPLICATION_ID:
            raise WorkspaceInvalid(f"{self.path.name} is an SQLite file but not a Factcheck workspace")
        try:
            applied = {m.name for m in migrations.applied(self.db)}
        except sqlite3.DatabaseError as error:  # a damaged file can fail here first
            raise translate(error, self.path) from None
        unknown = applied - set(KNOWN_MIGRATIONS)
        if unknown:
            raise WorkspaceTooNew(
                f"{self.path.name} was written by a newer version of Factcheck "
                f"(schema {sorted(unknown)[-1]}); update Factcheck to open it"
            )

    def _migrate(self) -> None:
        pending = migrations.pending(self.db)
        if not pending:
            return
        if migrations.applied(self.db):
            # Back up before changing the schema of a workspace that has data.
            backups.rolling_backup(self.db.conn, self.path, force=True,
                                   label=f"before-{pending[0].name}")
        try:
            migrations.apply(self.db)
        except sqlite3.OperationalError as error:
            raise translate(error, self.path) from error
        self._reclaim()

    def _reclaim(self) -> None:
        """Give back the space a migration freed (the per-field history was most of a
        file), so the file shrinks on disk; VACUUM cannot run inside the migration."""
        pages, free = (self.db.execute(f"PRAGMA {p}").fetchone()[0]
                       for p in ("page_count", "freelist_count"))
        if pages and free > pages // 4:
            self.db.execute("VACUUM")


def _write_protected(path: Path) -> bool:
    """No write permission, or no write bit for anyone: root may bypass permissions,
    but a file its owner marked read-only is meant to be left unchanged."""
    try:
        return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222
    except OSError:
        return False


def iter_rows(db: Database, sql: str, params: list | tuple | dict = ()) -> Iterator[dict]:
    """Read rows as dicts; a thin seam so callers never hold a raw cursor."""
    yield from db.query(sql, params)
