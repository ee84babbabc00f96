"""Tracked writes: every insert, update and delete is noted in its use case's change set.

All record changes go through these three functions, so the history can be
replayed to rebuild the tables and a change made behind the app's back shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from ..domain.errors import NotFound, PermissionDenied, StaleEdit
from . import changeset, history
from .changeset import RecordChange
from .history import Actor
from .session import executemany, is_postgresql

TRACKED_TABLES = (
    "users",
    "settings",
    "speakers",
    "sources",
    "statements",
    "evidence",
    "links",
    "attachments",
    "verdicts",
    "comments",
)
# Bookkeeping that changes on every write; the history row itself says who and when.
UNTRACKED = frozenset({"version", "updated_at", "updated_by"})
# On a team workspace the server stamps these itself (who and when, the version, the last
# editor, the approval and its hash) and refuses a client that writes them.
SERVER_OWNED = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by",
                          "last_editor_id", "approved_hash", "approved_by", "approved_at",
                          "approved_signature"})


def get(db: Database, table: str, record_id: str) -> dict[str, Any]:
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]))
    if not rows:
        raise NotFound(f"no {table.rstrip('s')} with id {record_id}")
    return rows[0]


def find(db: Database, table: str, record_id: str) -> dict[str, Any] | None:
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]))
    return rows[0] if rows else None


def insert(
    db: Database,
    table: str,
    record: Mapping[str, Any],
    *,
    actor: Actor,
    reason: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    """Insert one record with version 1; its change set holds every field as created."""
    return insert_many(db, table, [record], actor=actor, reason=reason, at=at)[0]


def insert_many(
    db: Database,
    table: str,
    records: Iterable[Mapping[str, Any]],
    *,
    actor: Actor,
    reason: str | None = None,
    at: str | None = None,
) -> list[dict[str, Any]]:
    if is_postgresql(db):
        return _insert_on_server(db, table, records, reason)
    stamp = at or history.now()
    rows = []
    for record in records:
        row = {
            **record,
            "version": 1,
            "created_at": record.get("created_at", stamp),
            "created_by": record.get("created_by", actor.user_id),
            "updated_at": stamp,
            "updated_by": actor.user_id,
        }
        rows.append(row)
    if rows:
        columns = list(rows[0])
        executemany(
            db, f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [tuple(row.get(c) for c in columns) for row in rows],
        )
        for row in rows:
            history.note(db, changeset.create_change(table, row, UNTRACKED, reason=reason),
                         actor=actor, at=stamp, pinned=at is not None)
    return rows


def update(
    db: Database,
    table: str,
    record_id: str,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    expected_version: int | None = None,
    action: str = "edit",
    reason: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply `changes` if the record is still at `expected_version`.

    Returns (old row, new row). Only fields whose value really changes are
    written and logged, with one UPDATE; an edit that changes nothing writes nothing.
    """
    old = get(db, table, record_id)
    if expected_version is not None and old["version"] != expected_version:
        raise stale(db, table, old)
    changed = {k: v for k, v in changes.items() if old.get(k) != v}
    if is_postgresql(db):
        changed = {k: v for k, v in changed.items() if k not in SERVER_OWNED}
    if not changed:
        return old, old
    if is_postgresql(db):
        return old, _update_on_server(db, table, old, changed, reason)
    stamp = history.now()
    assignments = ", ".join(f"[{k}] = ?" for k in changed)
    cursor = db.execute(
        f"UPDATE [{table}] SET {assignments}, version = version + 1, updated_at = ?, "
        "updated_by = ? WHERE id = ? AND version = ?",
        [*changed.values(), stamp, actor.user_id, record_id, old["version"]],
    )
    if cursor.rowcount != 1:  # pragma: no cover - the write lock makes this unreachable
        raise stale(db, table, get(db, table, record_id))
    fields = {k: (old.get(k), v) for k, v in changed.items() if k not in UNTRACKED}
    if fields:
        history.note(db, RecordChange(table, record_id, changeset.UPDATE, fields, action,
                                      reason), actor=actor, at=stamp)
    new = {**old, **changed, "version": old["version"] + 1, "updated_at": stamp,
           "updated_by": actor.user_id}
    return old, new


def delete(
    db: Database, table: str, record_id: str, *, actor: Actor, reason: str | None = None
) -> dict[str, Any]:
    old = get(db, table, record_id)
    if is_postgresql(db):
        _give_reason(db, reason)
        if db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id]).rowcount != 1:
            raise PermissionDenied(f"the team server did not let you delete this "
                                   f"{table.rstrip('s')}")
        return old
    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
    history.note(db, RecordChange(table, record_id, changeset.DELETE, {}, "delete", reason),
                 actor=actor, at=history.now())
    return old


# -- a team workspace: the server stamps, checks and records -----------------------------
def _give_reason(db: Any, reason: str | None) -> None:
    """The words the server writes on this transaction's change set."""
    if reason:
        db.execute("SELECT set_config('factcheck.reason', ?, true)", [reason])


def _insert_on_server(db: Any, table: str, records: Iterable[Mapping[str, Any]],
                      reason: str | None) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        _give_reason(db, reason)
        values = {k: v for k, v in record.items() if k not in SERVER_OWNED}
        columns = list(values)
        rows += db.query(
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))}) RETURNING *", list(values.values()))
    return rows


def _update_on_server(db: Any, table: str, old: Mapping[str, Any], changed: Mapping[str, Any],
                      reason: str | None) -> dict[str, Any]:
    """One UPDATE that only lands on the version read (the server counts versions, so a
    concurrent save in between is never overwritten unseen)."""
    _give_reason(db, reason)
    assignments = ", ".join(f"[{k}] = ?" for k in changed)
    rows = list(db.query(f"UPDATE [{table}] SET {assignments} WHERE id = ? AND version = ? "
                         "RETURNING *", [*changed.values(), old["id"], old["version"]]))
    if rows:
        return rows[0]
    current = get(db, table, old["id"])
    if current["version"] == old["version"]:  # row security hid it from this login
        raise PermissionDenied(f"the team server did not let you change this "
                               f"{table.rstrip('s')}")
    raise stale(db, table, current)


def stale(db: Database, table: str, current: Mapping[str, Any]) -> StaleEdit:
    """The message a user sees when someone else saved first: who and when."""
    who = "another user"
    if current.get("updated_by"):
        row = db.execute(
            "SELECT display_name, name FROM users WHERE id = ?", [current["updated_by"]]
        ).fetchone()
        if row:
            who = row[0] or row[1]
    when = (current.get("updated_at") or "")[:16].replace("T", " ")
    return StaleEdit(
        f"this {table.rstrip('s')} was changed by {who} at {when} UTC since you opened it; "
        "reload to see their change, then edit again"
    )


_APPROVAL_LINKS = (
    "SELECT l.statement_id, l.evidence_id, l.stance, l.note, e.occurred_on, e.title, "
    "e.summary, e.excerpt, e.url, e.source_id FROM links l JOIN evidence e ON e.id = l.evidence_id ")


def approval_links(db: Database, statement_id: str) -> list[dict[str, Any]]:
    """A statement's links with the linked evidence's content: what an approval covers."""
    return list(db.query(_APPROVAL_LINKS + "WHERE l.statement_id = ?", [statement_id]))


def approval_links_by_state(db: Database, review_state: str) -> dict[str, list[dict[str, Any]]]:
    """`approval_links` of every statement in `review_state`, in one query:
    statement id -> its links (statements without links are absent)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for link in db.query(_APPROVAL_LINKS + "JOIN statements s ON s.id = l.statement_id "
                         "WHERE s.review_state = ?", [review_state]):
        found.setdefault(link["statement_id"], []).append(link)
    return found


def server_binds_approvals(db: Any) -> bool:
    """On a team workspace the server records approvals (hash, approver, time), makes the
    editor the last editor and withdraws approvals whose content changed."""
    return is_postgresql(db)


def withdrawn_on_server(db: Any, statement_id: str, *, reason: str) -> bool:
    """Whether this transaction took the statement's approval back (the server did): it
    was approved when last committed and is no longer approved now; if so, `reason` goes
    on the transaction's change set."""
    current = get(db, "statements", statement_id)
    if current["review_state"] == "approved":
        return False
    last = history.record_change_sets(db, "statements", statement_id)
    for _header, changes in reversed(last):
        for change in changes:
            for name, _old, new in change.pairs():
                if name == "review_state":
                    if new == "approved":
                        _give_reason(db, reason)
                    return new == "approved"
    return False
