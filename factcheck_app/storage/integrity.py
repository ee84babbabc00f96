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
    behind the app's back (plain sqlite3, a spreadsheet, a script)."""
    expected: dict[str, dict[str, dict | None]] = {t: {} for t in TRACKED_TABLES}
    for record_type, record_id, fields in history.replay(db):
        if record_type in expected:
            expected[record_type][record_id] = fields
    for table in TRACKED_TABLES:
        known = expected[table]
        seen: set[str] = set()
        for row in db.query(f"SELECT * FROM [{table}] ORDER BY rowid"):
            record_id = row["id"]
            seen.add(record_id)
            fields = known.get(record_id)
            if fields is None:
                yield Problem("record", f"{table} {record_id}",
                              "exists but was never recorded in the history")
                continue
            for column, value in row.items():
                if column in UNTRACKED:
                    continue
                if history.encode(value) != fields.get(column):
                    yield Problem(
                        "record", f"{table} {record_id}",
                        f"field {column!r} was changed outside Factcheck "
                        f"(history says {fields.get(column)}, file has {history.encode(value)})",
                    )
                    break
        for record_id, fields in known.items():
            if fields is not None and record_id not in seen:
                yield Problem("record", f"{table} {record_id}",
                              "was deleted outside Factcheck")


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
