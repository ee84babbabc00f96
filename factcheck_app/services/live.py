"""Other users' changes on a team workspace, turned into the Changes every view handles."""

from __future__ import annotations

from ..team.connection import TeamUnavailable, as_login
from ..team.listen import Listener, Notice
from .workspace import Changes, Workspace

__all__ = ["LiveUpdates", "TeamUnavailable", "EVERYTHING"]

# What a window may show; after a gap in the notifications (a reconnect, a payload we do
# not understand) all of it may have changed.
EVERYTHING = frozenset({"users", "settings", "speakers", "sources", "statements", "evidence",
                        "links", "attachments", "verdicts", "comments"})


class LiveUpdates:
    """Watch `fileno()`; when it is readable call `poll()`, and when a burst is over,
    `take()` what arrived as one Changes (marked by_others). Never blocks."""

    def __init__(self, url: str, *, password: str | None = None) -> None:
        self._listener = Listener(url, password=password)
        self._pending: list[Notice] = []
        self._gap = False  # notifications may have been missed: refresh everything

    @classmethod
    def for_workspace(cls, ws: Workspace) -> LiveUpdates | None:
        """Live updates for a team workspace, heard as its own login; None for a file."""
        if ws.store.engine != "postgresql":
            return None
        login = ws.store.login
        return cls(as_login(login.url, login.user), password=login.password)

    @property
    def connected(self) -> bool:
        return self._listener.connected

    def fileno(self) -> int:
        return self._listener.fileno()

    def poll(self) -> bool:
        """Read what has arrived; True when there is something to take.
        Raises TeamUnavailable when the connection dropped (then `reconnect()`)."""
        self._pending.extend(self._listener.read())
        return bool(self._pending) or self._gap

    def reconnect(self) -> None:
        """A new connection; what changed meanwhile was not heard, so the next take()
        says everything did. Raises TeamUnavailable while the server is still away."""
        self._listener.reconnect()
        self._gap = True

    def take(self) -> Changes | None:
        """Everything heard since the last take, as one Changes; None when nothing was."""
        if not self._pending and not self._gap:
            return None
        notices, self._pending = self._pending, []
        tables = {n.table for n in notices}
        if self._gap or "" in tables:
            tables = set(EVERYTHING)
        self._gap = False
        return Changes(statements=frozenset(n.id for n in notices
                                            if n.table == "statements" and n.id),
                       tables=frozenset(tables - {""}), by_others=True)

    def close(self) -> None:
        self._listener.close()
