"""The append-only, hash-chained history: one change set per use case, and its verification.

Record writes (storage.records) note their changes here; the use case's
transaction writes them as ONE history row when it ends (`collecting`), with
an index row per touched record so one record's change sets are found fast.
Each row's hash covers the row and the previous hash, so any edit, removal or
reordering of the history breaks the chain from there on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import re
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from . import changeset
from .changeset import RecordChange
from .session import executemany, is_postgresql, sqlite_database

GENESIS = bytes(32)


@dataclass(frozen=True)
class Actor:
    """Who a change is made as: recorded on every change set."""

    user_id: str | None
    user_name: str


SYSTEM = Actor(None, "system")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def encode(value: Any) -> str | None:
    """Canonical text for a field value, as messages show it."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Header:
    """The part of a change set that is not its diff."""

    seq: int
    at: str
    user_id: str | None
    user_name: str | None
    action: str
    reason: str | None


# A diff longer than this is stored zlib-compressed (a BLOB); shorter ones stay
# readable JSON text, where compression would save little.
COMPRESS_OVER = 256


def pack(diff: str) -> str | bytes:
    """The stored form of a diff: the JSON text, or its zlib compression when that pays."""
    if len(diff) <= COMPRESS_OVER:
        return diff
    packed = zlib.compress(diff.encode(), 9)
    return packed if len(packed) < len(diff) else diff


def unpack(stored: str | bytes) -> str:
    return zlib.decompress(stored).decode() if isinstance(stored, bytes) else stored


def change_set_hash(prev_hash: bytes, header: Header, stored: str | bytes) -> bytes:
    """SHA-256 over the previous hash, the header and the diff as stored."""
    head = json.dumps([header.seq, header.at, header.user_id, header.user_name,
                       header.action, header.reason], ensure_ascii=False)
    # The separator cannot occur in JSON text, so header and diff never run together;
    # the form mark keeps a compressed diff from passing for a text one.
    body = b"z" + stored if isinstance(stored, bytes) else b"t" + stored.encode()
    return hashlib.sha256(prev_hash + head.encode() + b"\x1f" + body).digest()


def head(db: Database) -> tuple[int, bytes]:
    """(seq, hash) of the last change set: what a signature of the history covers."""
    if is_postgresql(db):
        row = db.execute("SELECT seq, hash FROM change_sets ORDER BY seq DESC LIMIT 1"
                         ).fetchone()
        return (row[0], bytes.fromhex(row[1])) if row else (0, GENESIS)
    row = db.execute("SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], bytes(row[1])) if row else (0, GENESIS)


# The index's form of a table name: one byte for each table the app tracks today (these
# numbers are part of the file format: never reuse or renumber one); a table without a
# number is indexed by its name.
TABLE_CODES = {"users": 1, "settings": 2, "speakers": 3, "sources": 4, "statements": 5,
               "evidence": 6, "links": 7, "attachments": 8, "verdicts": 9, "comments": 10}
TABLE_NAMES = {code: name for name, code in TABLE_CODES.items()}


def table_key(table: str) -> int | str:
    return TABLE_CODES.get(table, table)


# The canonical text of a UUID, as str(uuid4()) writes it.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def record_key(record_id: str) -> str | bytes:
    """The index's form of a record id: a UUID's 16 bytes (less than half its text, and
    the index has a row per record change), any other id as it is.

    Only the canonical form (lower-case hex, dashes after 8, 12, 16 and 20 digits, as
    str(uuid4()) writes it) is shortened, so the bytes always give back the same text.
    """
    if _CANONICAL_UUID.fullmatch(record_id):
        return bytes.fromhex(record_id.replace("-", ""))
    return record_id


# -- collecting one use case's changes -------------------------------------------------
@dataclass(frozen=True)
class _Noted:
    actor: Actor
    at: str
    pinned: bool  # the caller gave the time (imports keep their records' own dates)
    change: RecordChange


_pending: weakref.WeakKeyDictionary[Database, list[_Noted]] = weakref.WeakKeyDictionary()
AfterWrite = Callable[[Database, int, bytes], None]
_after_write: weakref.WeakKeyDictionary[Database, list[AfterWrite]] = \
    weakref.WeakKeyDictionary()


def note(db: Database, change: RecordChange, *, actor: Actor, at: str,
         pinned: bool = False) -> None:
    """Note one record change; it is written with its use case's change set.

    Outside `collecting` (a script writing through storage.records directly),
    the change is a change set of its own, written at once.
    """
    noted = _Noted(actor, at, pinned, change)
    pending = _pending.get(db)
    if pending is None:
        _write(db, [noted])
    else:
        pending.append(noted)


@contextlib.contextmanager
def collecting(db: Database) -> Iterator[None]:
    """Gather the changes of the enclosed use case; write them as it ends without error.

    Nested use cases (a savepoint within the outer transaction) add to the outer
    change set; when one fails, only its own changes are dropped with it.
    """
    pending = _pending.get(db)
    if pending is not None:
        mark = len(pending)
        try:
            yield
        except BaseException:
            del pending[mark:]
            raise
        return
    pending = _pending[db] = []
    try:
        yield
        if pending:
            _write(db, pending)
    finally:
        _pending.pop(db, None)


def on_change_set(db: Database, callback: AfterWrite) -> None:
    """Call `callback(db, seq, hash)` after each change set is written, in its transaction
    (for example to sign the new head)."""
    _after_write.setdefault(db, []).append(callback)


def _write(db: Database, noted: list[_Noted]) -> None:
    """Write the noted changes as change sets: one per use case, unless its actor or a
    pinned time changes within it."""
    runs: list[list[_Noted]] = []
    for item in noted:
        first = runs[-1][0] if runs else None
        if first is None or item.actor != first.actor or \
                (item.pinned and item.at != first.at):
            runs.append([])
        runs[-1].append(item)
    seq, prev = head(db)
    for run in runs:
        first = run[0]
        seq += 1
        header = Header(seq, first.at, first.actor.user_id, first.actor.user_name,
                        first.change.action, first.change.reason)
        prev = append(db, header, [n.change for n in run], prev)
        for callback in _after_write.get(db, ()):
            callback(db, seq, prev)


def append(db: Database, header: Header, changes: list[RecordChange], prev: bytes) -> bytes:
    """Write one change set and its index rows after the one whose hash is `prev`;
    returns its hash. Must run in a write transaction."""
    diff = pack(changeset.encode(changes, action=header.action, reason=header.reason))
    digest = change_set_hash(prev, header, diff)
    db.execute(
        "INSERT INTO history (seq, at, user_id, user_name, action, reason, diff, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [header.seq, header.at, header.user_id, header.user_name, header.action,
         header.reason, diff, prev, digest])
    executemany(
        db, "INSERT INTO history_records (record_type, record_id, seq) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(table_key(c.table), record_key(c.record_id), header.seq) for c in changes])
    return digest


# -- reading ---------------------------------------------------------------------------
_COLUMNS = "seq, at, user_id, user_name, action, reason, diff"


def _header(row: tuple) -> Header:
    return Header(*row[:6])


def change_sets(db: Database, seqs: Iterable[int] | None = None, *,
                only: tuple[str, str] | None = None
                ) -> Iterator[tuple[Header, list[RecordChange]]]:
    """Change sets in order with their record changes: all of them, or those in `seqs`;
    with `only` (table, id), just that record's changes."""
    if is_postgresql(db):
        yield from _server_change_sets(db, seqs, only=only)
        return
    if seqs is None:
        rows: Iterable[tuple] = db.execute(f"SELECT {_COLUMNS} FROM history ORDER BY seq")
    else:
        wanted = sorted(set(seqs))
        rows = []
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            rows += db.execute(
                f"SELECT {_COLUMNS} FROM history WHERE seq IN ({', '.join('?' * len(part))}) "
                "ORDER BY seq", part).fetchall()
    for row in rows:
        header = _header(row)
        yield header, list(changeset.decode(unpack(row[6]), action=header.action,
                                            reason=header.reason, only=only))


def record_change_sets(db: Database, table: str, record_id: str, *, limit: int | None = None
                       ) -> list[tuple[Header, list[RecordChange]]]:
    """One record's change sets, oldest first (the newest `limit` when given), with only
    that record's changes."""
    if is_postgresql(db):
        return _server_record_change_sets(db, table, record_id, limit)
    sql = "SELECT seq FROM history_records WHERE record_type = ? AND record_id = ? " \
          "ORDER BY seq DESC"
    params: list[Any] = [table_key(table), record_key(record_id)]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    seqs = [row[0] for row in db.execute(sql, params)]
    return list(change_sets(db, seqs, only=(table, record_id)))


def last_change_of(db: Database, table: str, record_id: str, fields: Iterable[str]
                   ) -> Header | None:
    """The newest change set that changed any of `fields` of one record (who to name
    when an edit is refused because someone else changed those fields)."""
    wanted = set(fields)
    for header, changes in reversed(record_change_sets(db, table, record_id)):
        if any(name in wanted for change in changes for name, _, _ in change.pairs()):
            return header
    return None


# -- a team workspace's history, written by the server ---------------------------------
# The server's record operations (team/schema/003_history.sql) as the file's.
_SERVER_OPS = {"insert": changeset.CREATE, "update": changeset.UPDATE,
               "delete": changeset.DELETE}


def _server_changes(row: dict[str, Any], only: tuple[str, str] | None) -> list[RecordChange]:
    changes = []
    for change in row["changes"]:
        if only and (change["table"], change["id"]) != only:
            continue
        op = _SERVER_OPS[change["op"]]
        fields = {} if op == changeset.DELETE else dict(change["fields"])
        # The server names an edit an edit; the app calls an edit of a setting a setting.
        action = "setting" if change["table"] == "settings" and op == changeset.UPDATE \
            and row["action"] == "edit" else row["action"]
        changes.append(RecordChange(change["table"], change["id"], op, fields, action,
                                    row["reason"]))
    return changes


def _server_header(row: dict[str, Any]) -> Header:
    return Header(row["seq"], row["at"], row["user_id"], row["user_name"], row["action"],
                  row["reason"])


def _server_change_sets(db: Any, seqs: Iterable[int] | None, *,
                        only: tuple[str, str] | None
                        ) -> Iterator[tuple[Header, list[RecordChange]]]:
    sql = f"SELECT {_COLUMNS.replace('diff', 'changes')} FROM change_sets"
    params: list[Any] = []
    if seqs is not None:
        sql += " WHERE seq = ANY(?)"
        params.append(sorted(set(seqs)))
    for row in db.query(sql + " ORDER BY seq", params):
        yield _server_header(row), _server_changes(row, only)


def _server_record_change_sets(db: Any, table: str, record_id: str, limit: int | None
                               ) -> list[tuple[Header, list[RecordChange]]]:
    sql = (f"SELECT {_COLUMNS.replace('diff', 'changes')} FROM change_sets "
           "WHERE changes @> ?::jsonb ORDER BY seq DESC")
    params: list[Any] = [json.dumps([{"table": table, "id": record_id}])]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = list(db.query(sql, params))
    return [(_server_header(row), _server_changes(row, (table, record_id)))
            for row in reversed(rows)]


def count(db: Any) -> int:
    """How many change sets the history holds."""
    table = "change_sets" if is_postgresql(db) else "history"
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- verifying -------------------------------------------------------------------------
@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def verify_chain(db: Database) -> ChainProblem | None:
    """Recompute every hash; return the first change set that does not match its content."""
    prev = GENESIS
    expected_seq = 1
    cursor = sqlite_database(db).conn.execute(f"SELECT {_COLUMNS}, prev_hash, hash FROM history ORDER BY seq")
    for row in cursor:
        header = _header(row)
        seq = header.seq
        if seq != expected_seq:
            return ChainProblem(seq, f"history entry before #{seq} is missing")
        if row[7] != prev:
            return ChainProblem(seq, f"history entry #{seq} does not follow the entry before it")
        digest = change_set_hash(prev, header, row[6])
        if digest != row[8]:
            return ChainProblem(seq, f"history entry #{seq} was altered after it was written")
        prev = digest
        expected_seq = seq + 1
    return None


Row = tuple[Any, ...]


def replay(db: Database, columns: Mapping[str, Sequence[str]], *,
           index: set[tuple[int | str, str | bytes, int]] | None = None
           ) -> dict[str, dict[str, Row | None]]:
    """Rebuild every record of the tables in `columns` from the history alone.

    Returns {table: {record id: the values of `columns[table]` as a tuple (None where
    not set), or None when deleted}}, for comparing with the rows the table holds
    (the check, to catch edits made behind the app's back). A changed field that is
    not among the columns is ignored. When `index` is given, it receives the
    (table_key(table), record_key(id), seq) rows the index should hold, for every table.

    This is most of the check's time on a big workspace, so a created record (nearly
    every entry) becomes its tuple in one C-level call, with no dict per record.
    """
    state: dict[str, dict[str, Row | None]] = {table: {} for table in columns}
    slots = {table: {name: i for i, name in enumerate(names)} for table, names in columns.items()}
    getters: dict[tuple[str, tuple[str, ...]], Callable[[list[Any]], Row]] = {}
    keys: dict[str, str | bytes] = {}
    for seq, diff in sqlite_database(db).conn.execute("SELECT seq, diff FROM history ORDER BY seq"):
        for table, names, entries in json.loads(unpack(diff)):
            records = state.get(table)
            code = table_key(table)
            getter = None
            for entry in entries:
                record_id = entry[0]
                if index is not None:
                    key = keys.get(record_id)
                    if key is None:
                        key = keys[record_id] = record_key(record_id)
                    index.add((code, key, seq))
                if records is None:  # a table the caller does not compare
                    continue
                op = entry[1]
                if op == changeset.CREATE:
                    if getter is None:
                        shape = (table, tuple(names))
                        getter = getters.get(shape) or getters.setdefault(
                            shape, _row_getter(columns[table], names))
                    values = entry[2]
                    if len(values) != len(names):  # only a hand-made diff: align it as zip would
                        values = (values + [None] * len(names))[:len(names)]
                    values += (None, record_id)  # the slots of an unset column and the id
                    records[record_id] = getter(values)
                elif op == changeset.DELETE:
                    records[record_id] = None
                else:
                    known = records.get(record_id)
                    row = list(known) if known is not None else [None] * len(columns[table])
                    at = slots[table]
                    for name, pair in entry[2].items():
                        if name in at:
                            row[at[name]] = pair[1]
                    records[record_id] = tuple(row)
    return state


def _row_getter(columns: Sequence[str], names: Sequence[str]) -> Callable[[list[Any]], Row]:
    """Picks `columns` out of a created entry's values (aligned to `names`, followed by
    None and the record id) as a tuple."""
    at = {name: i for i, name in enumerate(names)}
    unset, record_id = len(names), len(names) + 1
    picks = [record_id if column == "id" else at.get(column, unset) for column in columns]
    if len(picks) == 1:
        return lambda values: (values[picks[0]],)
    return operator.itemgetter(*picks)
