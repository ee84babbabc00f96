"""What storage functions take as `db`: a session on either engine, and which one it is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

SQLITE, POSTGRESQL = "sqlite", "postgresql"
TEAM_SCHEMES = ("postgresql://", "postgres://")


def is_team_target(target: object) -> bool:
    """A connection URL names a team workspace; anything else is a workspace file."""
    return isinstance(target, str) and target.lower().startswith(TEAM_SCHEMES)


@dataclass(frozen=True)
class Login:
    """What another connection needs to act as the same team login; the password (None
    when libpq found it itself, in ~/.pgpass or a service file) never shows in a repr."""

    url: str = field(repr=False)  # as the user gave it, which may hold a password
    user: str
    password: str | None = field(default=None, repr=False)


def dialect(db: Any) -> str:
    """"sqlite" for an sqlite_utils Database (or a Store on a file), "postgresql" for a
    team workspace's session."""
    return getattr(db, "dialect", SQLITE)


def is_postgresql(db: Any) -> bool:
    return dialect(db) == POSTGRESQL


def executemany(db: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """Run one statement for many rows on either engine (sqlite_utils has no
    executemany of its own, so it goes to the raw connection there)."""
    if hasattr(db, "executemany"):  # a team session, or a Store
        db.executemany(sql, rows)
    else:
        db.conn.executemany(sql, rows)


def json_list(db: Any, column: str, alias: str) -> str:
    """A FROM item listing the JSON list in `column` (text), one row per item with the
    item in `{alias}.value`: json_each on SQLite, jsonb_array_elements_text on PostgreSQL."""
    if is_postgresql(db):
        return f"jsonb_array_elements_text(COALESCE({column}, '[]')::jsonb) AS {alias}(value)"
    return f"json_each(COALESCE({column}, '[]')) {alias}"
