"""Verifying a workspace: SQLite's own check, the history chain, records vs history, files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import history
from .attachments import blob_path, sha256_file
from .records import TRACKED_TABLES, UNTRACKED


@dataclass(frozen=True)
class Problem:
    kind: str  # "sqlite", "history", "record", "file"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def sqlite_integrity(db: Database) -> Iterator[Problem]:
    for (result,) in db.execute("PRAGMA integrity_check"):
        if result != "ok":
            yield Problem("sqlite", "database", result)
    for row in db.execute("PRAGMA foreign_key_check"):
        yield Problem("sqlite", f"{row[0]} row {row[1]}", f"broken reference to {row[2]}")


def history_chain(db: Database) -> Iterator[Problem]:
    problem = history.verify_chain(db)
    if problem:
        yield Problem("history", f"history #{problem.seq}", problem.message)


def records_match_history(db: Database) -> Iterator[Problem]:
    """Every tracked row must equal what its history says; anything else was edited
    behind the app's back (plain sqlite3, a spreadsheet, a script). The history
    index must name exactly the change sets each record appears in."""
    index: set[tuple[str, str, int]] = set()
    expected = history.replay(db, index=index)
    for table in TRACKED_TABLES:
        known = expected.get(table, {})
        cursor = db.conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        columns = [d[0] for d in cursor.description]
        tracked = [(i, c) for i, c in enumerate(columns) if c not in UNTRACKED]
        id_at = columns.index("id")
        seen: set[str] = set()
        for row in cursor:
            record_id = row[id_at]
            seen.add(record_id)
            fields = known.get(record_id)
            if fields is None:
                yield Problem("record", f"{table} {record_id}",
                              "exists but was never recorded in the history")
                continue
            for i, column in tracked:
                value, said = row[i], fields.get(column)
                # Compare types too: 1 and "1" (or 1.0) are different edits.
                if value != said or type(value) is not type(said):
                    yield Problem(
                        "record", f"{table} {record_id}",
                        f"field {column!r} was changed outside Factcheck (history says "
                        f"{history.encode(said)}, file has {history.encode(value)})",
                    )
                    break
        for record_id, fields in known.items():
            if fields is not None and record_id not in seen:
                yield Problem("record", f"{table} {record_id}",
                              "was deleted outside Factcheck")
    yield from _index_matches(db, index)


def _index_matches(db: Database, expected: set[tuple[str, str, int]]) -> Iterator[Problem]:
    """The index the History tab reads must list every change set of a record, and no
    other: otherwise a change could be hidden from (or forged into) a record's history."""
    actual = set(db.conn.execute("SELECT record_type, record_id, seq FROM history_records"))
    for table, record_id, seq in sorted(expected - actual)[:1]:
        yield Problem("history", f"history #{seq}",
                      f"the history index lacks this change of {table} {record_id}")
    for table, record_id, seq in sorted(actual - expected)[:1]:
        yield Problem("history", f"history #{seq}",
                      f"the history index names {table} {record_id}, which this change "
                      "does not touch")


def attachment_files(db: Database, files_dir: Path) -> Iterator[Problem]:
    hashes = {row["sha256"]: row["file_name"] for row in
              db.query("SELECT sha256, file_name FROM attachments")}
    for row in db.query("SELECT file_sha256 AS sha256, file_name FROM sources "
                        "WHERE file_sha256 IS NOT NULL"):
        hashes.setdefault(row["sha256"], row["file_name"])
    for sha, name in sorted(hashes.items()):
        path = blob_path(files_dir, sha)
        if not path.exists():
            yield Problem("file", f"attachment {name} ({sha[:12]}…)", "file is missing")
        elif sha256_file(path) != sha:
            yield Problem("file", f"attachment {name} ({sha[:12]}…)",
                          "file content no longer matches its SHA-256")
