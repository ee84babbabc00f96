"""The open workspace and who is acting in it: the context every use case receives."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import InvalidInput, NotFound, PermissionDenied
from ..domain.ids import new_id
from ..domain.verdicts import VerdictScale
from ..domain.workflow import ADMIN, ROLES
from ..storage import records
from ..storage.history import SYSTEM, Actor
from ..storage.store import Store

DEFAULT_SETTINGS: dict[str, Any] = {
    "four_eyes": True,
    "verdict_scale": None,  # None: the default scale
    "organisation": "Factcheck team",
    "organisation_url": "",
    "title": "Factcheck workspace",
}


@dataclass(frozen=True)
class User:
    id: str
    name: str
    display_name: str
    role: str

    @property
    def label(self) -> str:
        return self.display_name or self.name

    @property
    def actor(self) -> Actor:
        return Actor(self.id, self.name)


@dataclass(frozen=True)
class Changes:
    """What a use case changed: broadcast once, so each view decides what to redraw."""

    statements: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    created: str | None = None  # id of the main record a use case created
    message: str = ""
    undo: Any = field(default=None, compare=False)  # services.undo.UndoStep | None


class Workspace:
    """An open workspace file plus the signed-in user; one per thread."""

    def __init__(self, store: Store, user: User | None = None, *, today: date | None = None):
        self.store = store
        self.user = user
        self._today = today

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, user: str | None = None, readonly: bool = False,
             backup_on_open: bool = True) -> Workspace:
        store = Store(path, readonly=readonly, backup_on_open=backup_on_open)
        ws = cls(store)
        try:
            if user:
                ws.sign_in(user)
        except BaseException:
            store.close()
            raise
        return ws

    @classmethod
    def create(cls, path: Path | str, *, admin: str, display_name: str = "") -> Workspace:
        """A new, empty workspace whose first user is an admin."""
        name = (admin or "").strip()
        if not name:
            raise InvalidInput("a new workspace needs a first user name (--as NAME)")
        store = Store(path, create=True)
        ws = cls(store)
        with store.transaction() as db:
            user_id = new_id()
            records.insert(db, "users", {"id": user_id, "name": name,
                                         "display_name": display_name or name,
                                         "role": ADMIN, "active": 1}, actor=SYSTEM,
                           reason="first user of a new workspace")
            for key, value in DEFAULT_SETTINGS.items():
                records.insert(db, "settings", {"id": key, "value": json.dumps(value)},
                               actor=SYSTEM)
        ws.sign_in(name)
        return ws

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who ---------------------------------------------------------------------
    def sign_in(self, name: str) -> User:
        self.user = self.find_user(name)
        return self.user

    def find_user(self, name: str) -> User:
        wanted = (name or "").strip()
        rows = list(self.db.query(
            "SELECT id, name, display_name, role FROM users WHERE active = 1 AND "
            "(name = ? COLLATE NOCASE OR display_name = ? COLLATE NOCASE OR id = ?) "
            "ORDER BY id = ? DESC, name = ? COLLATE NOCASE DESC, rowid",
            [wanted, wanted, wanted, wanted, wanted]))
        if not rows:
            raise NotFound(f"no user named {wanted!r} in this workspace "
                           "(add one with: factcheck user add)")
        return User(**rows[0])

    def require_user(self, *roles: str) -> User:
        """The signed-in user as the workspace knows them now.

        The role is read again on every use case: an admin may have changed it (or
        deactivated the user) from another window since this one signed in.
        """
        if self.user is None:
            raise PermissionDenied("sign in first: name the acting user with --as NAME "
                                   "or FACTCHECK_USER")
        row = self.db.execute("SELECT name, display_name, role, active FROM users WHERE id = ?",
                              [self.user.id]).fetchone()
        if row is None or not row[3]:
            raise PermissionDenied(f"{self.user.label} is no longer an active user of this "
                                   "workspace")
        if (row[0], row[1], row[2]) != (self.user.name, self.user.display_name, self.user.role):
            self.user = User(self.user.id, row[0], row[1], row[2])
        if roles and self.user.role not in roles:
            raise PermissionDenied(f"only a{'n' if roles[0][0] in 'aeiou' else ''} "
                                   f"{' or '.join(roles)} may do this; you are "
                                   f"{self.user.label} ({self.user.role})")
        return self.user

    @property
    def actor(self) -> Actor:
        return self.require_user().actor

    # -- context -----------------------------------------------------------------
    @property
    def db(self):
        return self.store.db

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def readonly_reason(self) -> str | None:
        """Why a workspace opened for writing is read-only (None: it is writable)."""
        return self.store.readonly_reason

    def today(self) -> date:
        if self._today:
            return self._today
        override = os.environ.get("FACTCHECK_TODAY")  # for reproducible demos and tests
        return date.fromisoformat(override) if override else date.today()

    def setting(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE id = ?", [key]).fetchone()
        if row is None:
            return DEFAULT_SETTINGS.get(key)
        return json.loads(row[0])

    @property
    def scale(self) -> VerdictScale:
        value = self.setting("verdict_scale")
        return VerdictScale.from_json(json.dumps(value) if value else None)

    def users(self) -> list[User]:
        return [User(**row) for row in self.db.query(
            "SELECT id, name, display_name, role FROM users WHERE active = 1 ORDER BY name")]


def check_role(role: str) -> str:
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)} (got {role!r})")
    return role
