"""A team workspace on a PostgreSQL server, behind the same surface as a workspace file.

The server stamps versions and bookkeeping, enforces the rules and writes the history
itself (team/schema/*.sql); this store only connects as the user's own login, hands out
transactions and speaks the storage layer's SQL through `pg_sql`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ..domain.errors import PermissionDenied
from ..team import admin, migrate
from ..team.connection import TeamUnavailable, connect, describe, translate
from .pg_sql import named_to_postgresql, to_postgresql
from .session import Login

def _refuse_prompt(prompt: str) -> str:
    raise TeamUnavailable(f"{prompt.rstrip(': ')} is needed: give it, or store it in "
                          "~/.pgpass (or PGPASSFILE)")


def _translated(sql: str, params: Sequence[Any] | Mapping[str, Any]
                ) -> tuple[str, list[Any] | dict[str, Any]]:
    if isinstance(params, Mapping):
        return named_to_postgresql(sql), dict(params)
    return to_postgresql(sql), list(params)


class PgSession:
    """The storage layer's session on one psycopg connection (rows as dicts)."""

    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
                ) -> psycopg.Cursor:
        try:
            return self.conn.execute(*_translated(sql, params))
        except psycopg.Error as error:
            raise translate(error) from error

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self.conn.cursor() as cursor:
                cursor.executemany(to_postgresql(sql), [list(row) for row in rows])
        except psycopg.Error as error:
            raise translate(error) from error

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
              ) -> Iterator[dict[str, Any]]:
        try:
            cursor = self.conn.cursor(row_factory=dict_row)
            cursor.execute(*_translated(sql, params))
            rows = cursor.fetchall() if cursor.description else []
        except psycopg.Error as error:
            raise translate(error) from error
        yield from rows

    def table_names(self) -> list[str]:
        return [row[0] for row in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
            "ORDER BY table_name", [migrate.SCHEMA])]


class PgStore:
    """One connection to one team workspace, as one login, owned by the thread that opened
    it. Acts as its own session for reads, like `Store`."""

    engine = dialect = "postgresql"
    readonly = False
    readonly_reason: str | None = None
    files_dir = None  # no folder: attachment bytes live on the server (storage/pg_files.py)
    path = None

    def __init__(self, url: str, *, user: str | None = None, password: str | None = None,
                 prompt: Callable[[str], str] | None = None) -> None:
        self.url = url
        self.signer = None  # the server vouches for who acted: nothing is signed here
        self._open(user, password, prompt)

    def _open(self, user: str | None, password: str | None,
              prompt: Callable[[str], str] | None) -> None:
        target = psycopg.conninfo.make_conninfo(self.url, user=user) if user else self.url
        conn = connect(target, password=password, autocommit=True, prompt=prompt)
        try:
            migrate.check_schema(conn)
            conn.execute("SELECT set_config('search_path', %s, false)",
                         [f"{migrate.SCHEMA}, pg_catalog"])
            login = conn.execute("SELECT session_user").fetchone()[0]
        except BaseException:
            conn.close()
            raise
        previous = getattr(self, "session", None)
        self.session = PgSession(conn)
        self.login = Login(self.url, login, password)
        if previous is not None:
            previous.conn.close()

    def reconnect(self, user: str, password: str) -> None:
        """Act as another login from now on; refused (the current one kept) unless the
        server accepts their password."""
        try:
            self._open(user, password, _refuse_prompt)
        except TeamUnavailable as error:
            raise PermissionDenied(f"the team server did not accept {user}'s password "
                                   f"({error}); nothing was changed") from None

    @property
    def label(self) -> str:
        """Who on which server, for titles and messages; never the password."""
        return describe(psycopg.conninfo.make_conninfo(self.url, user=self.login.user))

    @property
    def target(self) -> str:
        """What `Workspace.open` takes to open this workspace again: the URL as given."""
        return self.url

    @property
    def conn(self) -> psycopg.Connection:
        return self.session.conn

    # -- the session surface ----------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
                ) -> psycopg.Cursor:
        return self.session.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.session.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
              ) -> Iterator[dict[str, Any]]:
        return self.session.query(sql, params)

    def table_names(self) -> list[str]:
        return self.session.table_names()

    @property
    def db(self) -> PgSession:
        return self.session

    # -- writing ----------------------------------------------------------------------
    def require_writable(self) -> None:
        """A team workspace is writable; what a login may change, the server decides."""

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgSession]:
        """One use case: one server transaction (a savepoint when nested), which the
        server seals into one change set as it commits."""
        try:
            with self.conn.transaction():
                yield self.session
        except psycopg.Error as error:
            raise translate(error) from error

    # -- logins: the team's users are the server's roles (team/admin.py) ---------------
    def add_login(self, *, name: str, role: str, password: str | None,
                  display_name: str = "") -> str:
        """A new login in the team with a role; returns its users.id (admins only)."""
        return admin.add_user(self.conn, name=name, role=role, password=password,
                              display_name=display_name)

    def set_login_role(self, *, name: str, role: str) -> None:
        admin.set_role(self.conn, name=name, role=role)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
