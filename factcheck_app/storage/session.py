"""What storage functions take as `db`: a session on one workspace, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Dialect = Literal["sqlite", "postgresql"]
SQLITE, POSTGRESQL = "sqlite", "postgresql"
TEAM_SCHEMES = ("postgresql://", "postgres://")


def is_team_target(target: object) -> bool:
    """A connection URL names a team workspace; anything else is a workspace file."""
    return isinstance(target, str) and target.lower().startswith(TEAM_SCHEMES)


_CONNINFO = re.compile(r"(^|\s)(host|hostaddr|dbname|user|password|service|port)\s*=", re.I)


def is_conninfo_string(target: object) -> bool:
    """A libpq `key=value` string, which is no file name: taken for one, its password
    would be echoed back in "no workspace at ..." (a window makes a Path of it)."""
    if not isinstance(target, (str, os.PathLike)) or is_team_target(target):
        return False
    return bool(_CONNINFO.search(os.fspath(target)))


@dataclass(frozen=True)
class Login:
    """What another connection needs to act as the same team login; the password (None
    when libpq found it itself, in ~/.pgpass or a service file) never shows in a repr."""

    url: str = field(repr=False)  # as the user gave it, which may hold a password
    user: str
    password: str | None = field(default=None, repr=False)


@runtime_checkable
class Session(Protocol):
    """The part of a connection storage code uses. An sqlite_utils Database is one, the
    workspace Store is one by delegation (an sqlite_utils Database lacks executemany:
    call `executemany(db, ...)` below), and the PostgreSQL store provides its own
    (translating `?` placeholders), so one storage function serves both engines."""

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
              ) -> Iterator[dict[str, Any]]: ...

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
                ) -> Any: ...

    def executemany(self, sql: str,
                    parameters: Iterable[Sequence[Any] | dict[str, Any]]) -> Any: ...

    def table_names(self) -> list[str]: ...


def dialect(db: object) -> Dialect:
    """Which SQL the session speaks: its own `dialect` (an attribute or a method) when it
    has one, else SQLite (an sqlite_utils Database, or a Store on a workspace file)."""
    said = getattr(db, "dialect", None)
    if callable(said):
        said = said()
    if said is None:
        return "sqlite"
    if said not in ("sqlite", "postgresql"):
        raise ValueError(f"unknown SQL dialect {said!r}")
    return said


def is_postgresql(db: Any) -> bool:
    return dialect(db) == POSTGRESQL


def executemany(db: Any, sql: str, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> Any:
    """Run one statement for many rows on any session: an sqlite_utils Database has no
    executemany of its own, so its connection's is used."""
    run = getattr(db, "executemany", None)
    return run(sql, rows) if run is not None else db.conn.executemany(sql, rows)


def sqlite_database(db: Any) -> Any:
    """The sqlite_utils Database behind an SQLite session (a Store's own, or the Database
    itself), for the SQLite-only work storage does on the raw connection (bulk history
    reads, table introspection, backups)."""
    return getattr(db, "sqlite_database", db)


def json_list(db: Any, column: str, alias: str) -> str:
    """A FROM item listing the JSON list in `column` (text), one row per item with the
    item in `{alias}.value`: json_each on SQLite, jsonb_array_elements_text on PostgreSQL."""
    if is_postgresql(db):
        return f"jsonb_array_elements_text(COALESCE({column}, '[]')::jsonb) AS {alias}(value)"
    return f"json_each(COALESCE({column}, '[]')) {alias}"
