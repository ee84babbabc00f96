"""Migration m002: the first, per-field history becomes change sets.

The old table held one hash-chained row per field. Its chain is verified while
it is read (a broken chain is not laundered into a fresh, valid one), runs of
rows with the same time, user, action and reason become one change set each,
and the old table is dropped, all in the migration's one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from ..domain.errors import WorkspaceInvalid
from . import history
from .changeset import CREATE, DELETE, UPDATE, RecordChange
from .session import sqlite_database

_V1_GENESIS = "0" * 64
_V1_FIELDS = ("at", "user_id", "user_name", "action", "record_type", "record_id", "field",
              "old_value", "new_value", "reason")

CHANGE_SET_TABLES = [
    """CREATE TABLE history (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        user_name TEXT,
        action TEXT NOT NULL,
        reason TEXT,
        diff TEXT NOT NULL,
        prev_hash BLOB NOT NULL,
        hash BLOB NOT NULL
    )""",
    """CREATE TABLE history_records (
        record_type NOT NULL,  -- history.TABLE_CODES' number, or the table's name
        record_id BLOB NOT NULL,  -- a UUID id as its 16 bytes, any other id as text
        seq INTEGER NOT NULL REFERENCES history (seq),
        PRIMARY KEY (record_type, record_id, seq)
    ) WITHOUT ROWID""",
]


def _append_only(table: str, what: str) -> list[str]:
    return [f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{what} is append-only: {verb} refused'); END"
            for verb in ("UPDATE", "DELETE")]


def migrate(db: Database) -> None:
    """Convert the per-field history into change sets; runs inside the migration's
    transaction, so a failure leaves the workspace as it was."""
    for sql in ("DROP TRIGGER IF EXISTS history_no_update",
                "DROP TRIGGER IF EXISTS history_no_delete",
                "DROP INDEX IF EXISTS idx_history_record",
                "ALTER TABLE history RENAME TO history_v1",
                *CHANGE_SET_TABLES, *_append_only("history", "history"),
                *_append_only("history_records", "the history index")):
        db.execute(sql)
    prev = history.GENESIS
    seq = 0
    for key, changes in _runs(db):
        seq += 1
        at, user_id, user_name, action, reason = key
        header = history.Header(seq, at, user_id, user_name, action, reason)
        prev = history.append(db, header, changes, prev)
    db.execute("DROP TABLE history_v1")


def _runs(db: Database) -> Iterator[tuple[tuple, list[RecordChange]]]:
    """Verified old rows, grouped into (header key, record changes) runs."""
    key: tuple | None = None
    changes: list[RecordChange] = []
    for row in _verified(db):
        row_key = (row["at"], row["user_id"], row["user_name"], row["action"], row["reason"])
        if row_key != key:
            if changes:
                yield key, changes
            key, changes = row_key, []
        action = row["action"]
        op = CREATE if action == "create" else DELETE if action == "delete" else UPDATE
        last = changes[-1] if changes else None
        if last is None or (last.table, last.record_id, last.op) != \
                (row["record_type"], row["record_id"], op):
            last = RecordChange(row["record_type"], row["record_id"], op, {}, action,
                                row["reason"])
            changes.append(last)
        field = row["field"]
        if field is None or op == DELETE:
            continue
        new = _decode(row["new_value"])
        if op == CREATE:
            if field != "id" and new is not None:
                last.fields[field] = new
        else:
            old = last.fields[field][0] if field in last.fields else _decode(row["old_value"])
            last.fields[field] = (old, new)
    if changes:
        yield key, changes


def _verified(db: Database) -> Iterator[dict[str, Any]]:
    prev = _V1_GENESIS
    expected = None
    for row in sqlite_database(db).conn.execute(
            f"SELECT seq, {', '.join(_V1_FIELDS)}, prev_hash, hash FROM history_v1 ORDER BY seq"):
        seq = row[0]
        entry = dict(zip(_V1_FIELDS, row[1:11]))
        problem = None
        if expected is not None and seq != expected:
            problem = f"entry before #{seq} is missing"
        elif row[11] != prev:
            problem = f"entry #{seq} does not follow the entry before it"
        elif _v1_hash(prev, entry) != row[12]:
            problem = f"entry #{seq} was altered after it was written"
        if problem:
            raise WorkspaceInvalid(
                f"cannot upgrade this workspace: its history is broken ({problem}), so it "
                "cannot be carried over safely; restore a backup (factcheck restore) and "
                "open that")
        prev, expected = row[12], seq + 1
        yield entry


def _v1_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    parts = [prev_hash] + ["" if entry.get(f) is None else str(entry.get(f)) for f in _V1_FIELDS]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _decode(encoded: str | None) -> Any:
    return None if encoded is None else json.loads(encoded)
