"""Verifying a workspace: SQLite's own check, the history chain, records vs history, files."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..domain.records import content_hash
from ..domain.workflow import APPROVED
from . import history, signing, statement_queries
from .attachments import stored_problem
from .connection import BUSY_TIMEOUT_MS, readonly_uri
from .records import TRACKED_TABLES, UNTRACKED, approval_links_by_state
from .session import sqlite_database


@dataclass(frozen=True)
class Problem:
    kind: str  # "sqlite", "history", "record", "file"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def foreign_keys(db: Database) -> Iterator[Problem]:
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        yield Problem("sqlite", f"{row[0]} row {row[1]}", f"broken reference to {row[2]}")


def _integrity_problems(rows: list[tuple[str]]) -> Iterator[Problem]:
    for (result,) in rows:
        if result != "ok":
            yield Problem("sqlite", "database", result)


class SqliteCheck:
    """SQLite's own `PRAGMA integrity_check`, started at once on a read-only connection
    of its own in a thread, so that it runs beside the check's Python steps (SQLite
    releases the GIL while it reads the file: a third of the check on a big workspace).

    `problems()` waits for it. Where it could not run apart (an in-memory database, a
    file the second connection cannot open or read), it runs then on `db` itself, as
    it always did, so a damaged file raises the same DatabaseError there.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._rows: list[tuple[str]] | None = None
        self._thread: threading.Thread | None = None
        path = next((row[2] for row in db.execute("PRAGMA database_list").fetchall()
                     if row[1] == "main"), "")
        if path:
            self._thread = threading.Thread(target=self._run, args=(path,),
                                            name="sqlite integrity_check", daemon=True)
            self._thread.start()

    def _run(self, path: str) -> None:
        try:
            conn = sqlite3.connect(readonly_uri(Path(path)), uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                self._rows = conn.execute("PRAGMA integrity_check").fetchall()
            finally:
                conn.close()
        except sqlite3.Error:  # left to problems(), which repeats it on db and sees why
            self._rows = None

    def problems(self) -> Iterator[Problem]:
        if self._thread is not None:
            self._thread.join()
        rows = self._rows
        if rows is None:
            rows = self._db.execute("PRAGMA integrity_check").fetchall()
        yield from _integrity_problems(rows)


def history_chain(db: Database) -> Iterator[Problem]:
    problem = history.verify_chain(db)
    if problem:
        yield Problem("history", f"history #{problem.seq}", problem.message)


def records_match_history(db: Database) -> Iterator[Problem]:
    """Every tracked row must equal what its history says; anything else was edited
    behind the app's back (plain sqlite3, a spreadsheet, a script). The history
    index must name exactly the change sets each record appears in."""
    columns = {table: [c.name for c in sqlite_database(db)[table].columns if c.name not in UNTRACKED]
               for table in TRACKED_TABLES}
    index: set[tuple[int | str, str | bytes, int]] = set()
    expected = history.replay(db, columns, index=index)
    for table, names in columns.items():
        yield from _table_matches(db, table, names, expected[table])
    yield from _index_matches(db, index)


def _table_matches(db: Database, table: str, columns: list[str],
                   known: dict[str, history.Row | None]) -> Iterator[Problem]:
    rows = sqlite_database(db).conn.execute(
        f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}]").fetchall()
    id_at = columns.index("id")
    # The whole table at once, in C: the rows as a set against the replayed ones (each
    # keyed by its own id, so no two are alike). Only a difference is looked at row by row.
    if all(row is None or row[id_at] == key for key, row in known.items()) and \
            set(rows) == {row for row in known.values() if row is not None}:
        return
    seen: set[str] = set()
    for row in rows:
        record_id = row[id_at]
        seen.add(record_id)
        fields = known.get(record_id)
        if fields is None:
            yield Problem("record", f"{table} {record_id}",
                          "exists but was never recorded in the history")
        elif row != fields:
            at = next(i for i, (v, w) in enumerate(zip(row, fields)) if v != w)
            yield Problem(
                "record", f"{table} {record_id}",
                f"field {columns[at]!r} was changed outside Factcheck (history says "
                f"{history.encode(fields[at])}, file has {history.encode(row[at])})",
            )
    for record_id, fields in known.items():
        if fields is not None and record_id not in seen:
            yield Problem("record", f"{table} {record_id}", "was deleted outside Factcheck")


def _index_matches(db: Database, expected: set[tuple[int | str, str | bytes, int]]
                   ) -> Iterator[Problem]:
    """The index the History tab reads must list every change set of a record, and no
    other: otherwise a change could be hidden from (or forged into) a record's history."""
    actual = set(sqlite_database(db).conn.execute("SELECT record_type, record_id, seq FROM history_records"))
    for table, key, seq in sorted(expected - actual, key=_by_seq)[:1]:
        yield Problem("history", f"history #{seq}", "the history index lacks this change of "
                      f"{history.TABLE_NAMES.get(table, table)} {_shown(key)}")
    for table, key, seq in sorted(actual - expected, key=_by_seq)[:1]:
        yield Problem("history", f"history #{seq}", "the history index names "
                      f"{history.TABLE_NAMES.get(table, table)} {_shown(key)}, which this "
                      "change does not touch")


def _by_seq(row: tuple[int | str, str | bytes, int]) -> tuple[int, str, str]:
    return row[2], str(row[0]), _shown(row[1])


def _shown(key: str | bytes) -> str:
    """A record id as the user knows it, from its index form."""
    return str(uuid.UUID(bytes=key)) if isinstance(key, bytes) and len(key) == 16 else str(key)


def attachment_files(db: Database) -> Iterator[Problem]:
    """Every file an attachment or a source names is stored and still hashes to its name
    (in the folder beside a workspace file, or on the team server)."""
    hashes = {row["sha256"]: row["file_name"] for row in
              db.query("SELECT sha256, file_name FROM attachments")}
    for row in db.query("SELECT file_sha256 AS sha256, file_name FROM sources "
                        "WHERE file_sha256 IS NOT NULL"):
        hashes.setdefault(row["sha256"], row["file_name"])
    for sha, name in sorted(hashes.items()):
        problem = stored_problem(db, sha)
        if problem:
            yield Problem("file", f"attachment {name} ({sha[:12]}…)", problem)


def approvals(db: Database) -> Iterator[Problem]:
    """An approved statement must still hold exactly the content that was approved, and
    carry the approver's signature (in a signed workspace)."""
    links = approval_links_by_state(db, APPROVED)
    signed = signing.approval_verifier(db) if signing.is_signed(db) else None
    for statement in statement_queries.in_review_state(db, APPROVED):
        if content_hash(statement, links.get(statement["id"], [])) != statement["approved_hash"]:
            yield Problem("record", f"statements {statement['id']}",
                          "approved content differs from what the reviewer approved")
        elif signed is not None and not signed(statement):
            yield Problem("signature", f"statements {statement['id']}",
                          "the approval is not signed by the approver's key")
def server_history_chain(db) -> list[Problem]:
    """A team workspace's history, every hash recomputed here (team/chain.py)."""
    from ..team import chain, solo_proof  # noqa: PLC0415 - only team workspaces need the driver

    problem = chain.verify(db.conn)
    found = [Problem("history", f"change set #{problem.seq}", problem.message)] if problem else []
    # a pushed solo workspace's own signatures, kept beside its archived history
    return found + [Problem("signature", "pushed solo workspace", text)
                    for text in solo_proof.problems(db.conn)]

