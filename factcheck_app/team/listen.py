"""Hearing about other logins' changes: a connection of its own that LISTENs on the
channel the server's triggers NOTIFY (team/schema/003_history.sql), read without blocking."""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from psycopg import pq

from .connection import TeamUnavailable, connect

CHANNEL = "factcheck"
CONNECT_TIMEOUT = 10  # seconds; a reconnect attempt must not hang the window


@dataclass(frozen=True)
class Notice:
    """One changed row, as the server announced it."""

    table: str
    id: str | None


class Listener:
    """`fileno()` is the socket to watch; when it is readable, `read()` returns what has
    arrived and never waits. A dropped connection raises TeamUnavailable from `read()`;
    `reconnect()` then opens a new one (whose socket is a new file number)."""

    def __init__(self, url: str, *, password: str | None = None) -> None:
        self._url, self._password = url, password
        self._conn: psycopg.Connection | None = None
        self.reconnect()

    def reconnect(self) -> None:
        self.close()
        conn = connect(self._url, password=self._password, autocommit=True, timeout=CONNECT_TIMEOUT)
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            conn.close()
            raise TeamUnavailable(f"cannot listen for changes: {error}") from None
        self._conn = conn

    @property
    def connected(self) -> bool:
        return self._conn is not None and self._conn.pgconn.status == pq.ConnStatus.OK

    def fileno(self) -> int:
        if self._conn is None:
            raise TeamUnavailable("not connected to the team server")
        return self._conn.pgconn.socket

    def read(self) -> list[Notice]:
        """Every notification that has arrived; [] when none (it never waits for one)."""
        if self._conn is None:
            raise TeamUnavailable("not connected to the team server")
        pgconn = self._conn.pgconn
        try:
            pgconn.consume_input()
        except psycopg.OperationalError as error:
            self.close()
            raise TeamUnavailable(f"the team server went away: {error}") from None
        notices = []
        while (item := pgconn.notifies()) is not None:
            if item.relname.decode() == CHANNEL:
                notices.append(_parse(item.extra))
        if pgconn.status != pq.ConnStatus.OK:  # the server ended the session
            self.close()
            raise TeamUnavailable("the team server closed the connection")
        return notices

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.close()
            except psycopg.Error:
                pass  # already gone


def _parse(payload: bytes) -> Notice:
    """{"table": ..., "id": ...}; anything else still says *something* changed."""
    try:
        data = json.loads(payload.decode("utf-8"))
        return Notice(str(data["table"]), None if data.get("id") is None else str(data["id"]))
    except (ValueError, KeyError, TypeError):
        return Notice("", None)
