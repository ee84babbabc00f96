"""The append-only, hash-chained history of every change, and its verification."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

GENESIS = "0" * 64
_FIELDS = (
    "at",
    "user_id",
    "user_name",
    "action",
    "record_type",
    "record_id",
    "field",
    "old_value",
    "new_value",
    "reason",
)


@dataclass(frozen=True)
class Actor:
    """Who a change is made as: recorded on every history entry."""

    user_id: str | None
    user_name: str


SYSTEM = Actor(None, "system")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def encode(value: Any) -> str | None:
    """Canonical text for a field value, so replay compares like with like."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    parts = [prev_hash] + ["" if entry.get(f) is None else str(entry.get(f)) for f in _FIELDS]
    # Unit separators keep ("ab","c") and ("a","bc") from hashing alike.
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def last_hash(db: Database) -> str:
    row = db.execute("SELECT hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def append(db: Database, entries: Iterable[dict[str, Any]]) -> int:
    """Append entries in order, chaining each to the one before; must run in a write transaction."""
    prev = last_hash(db)
    rows = []
    for entry in entries:
        entry = {f: entry.get(f) for f in _FIELDS}
        digest = entry_hash(prev, entry)
        rows.append((*[entry[f] for f in _FIELDS], prev, digest))
        prev = digest
    if rows:
        db.conn.executemany(
            f"INSERT INTO history ({', '.join(_FIELDS)}, prev_hash, hash) "
            f"VALUES ({', '.join('?' * (len(_FIELDS) + 2))})",
            rows,
        )
    return len(rows)


def entry(
    actor: Actor,
    action: str,
    record_type: str,
    record_id: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    *,
    reason: str | None = None,
    at: str | None = None,
) -> dict[str, Any]:
    return {
        "at": at or now(),
        "user_id": actor.user_id,
        "user_name": actor.user_name,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "field": field,
        "old_value": encode(old),
        "new_value": encode(new),
        "reason": reason,
    }


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def verify_chain(db: Database) -> ChainProblem | None:
    """Recompute every hash; return the first entry that does not match its content."""
    prev = GENESIS
    expected_seq = None
    cursor = db.conn.execute(
        f"SELECT seq, {', '.join(_FIELDS)}, prev_hash, hash FROM history ORDER BY seq"
    )
    for row in cursor:
        seq = row[0]
        entry_values = dict(zip(_FIELDS, row[1 : 1 + len(_FIELDS)]))
        prev_hash, digest = row[-2], row[-1]
        if expected_seq is not None and seq != expected_seq:
            return ChainProblem(seq, f"history entry before #{seq} is missing")
        if prev_hash != prev:
            return ChainProblem(seq, f"history entry #{seq} does not follow the entry before it")
        if entry_hash(prev, entry_values) != digest:
            return ChainProblem(seq, f"history entry #{seq} was altered after it was written")
        prev = digest
        expected_seq = seq + 1
    return None


def replay(db: Database) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """Rebuild every record's tracked fields from the history alone.

    Yields (record_type, record_id, fields or None when deleted); the check
    compares this against the tables to catch edits made behind the app's back.
    """
    state: dict[tuple[str, str], dict[str, Any] | None] = {}
    cursor = db.conn.execute(
        "SELECT action, record_type, record_id, field, new_value FROM history ORDER BY seq"
    )
    for action, record_type, record_id, field, new_value in cursor:
        key = (record_type, record_id)
        if action == "delete":
            state[key] = None
            continue
        if field is None:
            continue
        record = state.get(key)
        if record is None:
            record = state[key] = {}
        record[field] = new_value
    for (record_type, record_id), fields in state.items():
        yield record_type, record_id, fields
