"""Reading a workspace's history in tests, one row per changed field, as users see it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from factcheck_app.storage import history


def field_rows(path: Path | str, table: str, record_id: str) -> list[tuple]:
    """(user_name, action, field, reason) per changed field of one record, oldest first;
    a delete is one row with no field."""
    db = Database(sqlite3.connect(path))
    try:
        return [(header.user_name, change.action, name, change.reason)
                for header, changes in history.record_change_sets(db, table, record_id)
                for change in changes
                for name, _, _ in (list(change.pairs()) or [(None, None, None)])]
    finally:
        db.close()


def history_count(ws) -> int:
    """How many change sets the workspace's history holds (a file's or a team's)."""
    return history.count(ws.store.db)
