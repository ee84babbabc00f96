"""The open workspace and who is acting in it: the context every use case receives."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..domain import signatures as sig
from ..domain.errors import InvalidInput, NotFound, PermissionDenied
from ..domain.signatures import MIN_PASSPHRASE  # noqa: F401 - the window states it
from ..domain.ids import new_id
from ..domain.verdicts import VerdictScale
from ..domain.workflow import ADMIN, ROLES
from ..storage import records, signing, user_rows
from ..storage.history import SYSTEM, Actor
from ..storage.session import Login, is_conninfo_string, is_team_target
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
class Identity:
    """A signed-in user with their unlocked key: handed to another connection (the
    window's worker thread) so it acts as them without asking for the passphrase again."""

    user: User
    signer: sig.Signer | None  # None on a read-only workspace, where nothing is signed
    # On a team workspace: the login to connect as (its password is never shown).
    login: Login | None = field(default=None, repr=False)


def passphrase_or_env(passphrase: str | None, variable: str = "FACTCHECK_PASSPHRASE") -> str | None:
    """An explicit passphrase, else the one scripts put in the environment."""
    return passphrase if passphrase is not None else os.environ.get(variable)


@dataclass(frozen=True)
class Changes:
    """What a use case changed: broadcast once, so each view decides what to redraw."""

    statements: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    created: str | None = None  # id of the main record a use case created
    message: str = ""
    undo: Any = field(default=None, compare=False)  # services.undo.UndoStep | None
    # Made by someone else (another login on the team server), not by this window: an
    # open form with unsaved edits is then not refreshed under the user's hands.
    by_others: bool = False


class Workspace:
    """An open workspace file plus the signed-in user; one per thread."""

    def __init__(self, store: Store, user: User | None = None, *, today: date | None = None):
        self.store = store
        self.user = user
        self._today = today

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, user: str | Identity | None = None,
             passphrase: str | None = None, readonly: bool = False,
             backup_on_open: bool = True,
             prompt: Callable[[str], str] | None = None) -> Workspace:
        """Open a workspace file, or a team workspace when `path` is a postgresql:// URL:
        then `user` is the login and `passphrase` its password (None: libpq finds it in
        ~/.pgpass, PGPASSFILE or a service file, else `prompt` asks for it: the command
        line's terminal; a window passes none and asks in its own dialog)."""
        if is_team_target(path):
            return cls._open_team(str(path), user=user, password=passphrase, prompt=prompt)
        if is_conninfo_string(path):
            raise InvalidInput("that looks like a PostgreSQL connection string: give a team "
                               "workspace as a postgresql:// URL, e.g. "
                               "postgresql://you@db.example.org/newsroom")
        store = Store(path, readonly=readonly, backup_on_open=backup_on_open)
        ws = cls(store)
        try:
            if isinstance(user, Identity):
                ws.adopt(user)
            elif user:
                ws.sign_in(user, passphrase)
        except BaseException:
            store.close()
            raise
        return ws

    @classmethod
    def _open_team(cls, url: str, *, user: str | Identity | None, password: str | None,
                   prompt: Callable[[str], str] | None) -> Workspace:
        """Connect as the login; the user acting is the one whose name is that login."""
        from ..storage.pg_store import PgStore  # noqa: PLC0415 - the driver, only when needed

        if isinstance(user, Identity):
            login = user.login
            if login is None:
                raise PermissionDenied(f"sign in as {user.user.label} on the team server")
            store = PgStore(url, user=login.user, password=login.password, prompt=prompt)
        else:
            store = PgStore(url, user=user or None, password=password, prompt=prompt)
        ws = cls(store)
        try:
            ws.user = ws._login_user()
        except BaseException:
            store.close()
            raise
        return ws

    def _login_user(self) -> User:
        login = self.store.login.user
        row = user_rows.active_login(self.store, login)
        if row is None:
            raise PermissionDenied(f"the login {login} is not an active user of this team "
                                   "workspace; an admin adds it with: factcheck team add-user")
        return User(**row)

    @classmethod
    def create(cls, path: Path | str, *, admin: str, display_name: str = "",
               passphrase: str | None = None) -> Workspace:
        """A new, empty workspace whose first user is an admin, with their key."""
        name = (admin or "").strip()
        if not name:
            raise InvalidInput("a new workspace needs a first user name (--as NAME)")
        user_id = new_id()
        signer, sealed = sig.new_key(user_id, _required(passphrase_or_env(passphrase), name))
        store = Store(path, create=True)
        ws = cls(store)
        try:
            with store.transaction() as db:
                records.insert(db, "users", {"id": user_id, "name": name,
                                             "display_name": display_name or name,
                                             "role": ADMIN, "active": 1,
                                             "public_key": signer.public_key}, actor=SYSTEM,
                               reason="first user of a new workspace")
                signing.save_key(db, user_id, sealed)
                for key, value in DEFAULT_SETTINGS.items():
                    records.insert(db, "settings", {"id": key, "value": json.dumps(value)},
                                   actor=SYSTEM)
                store.signer = signer
        except BaseException:
            store.close()
            raise
        ws.user = ws.find_user(user_id)
        return ws

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- who ---------------------------------------------------------------------
    def sign_in(self, name: str, passphrase: str | None = None) -> User:
        """Act as `name` from now on, once their passphrase unlocks their key.

        `passphrase=None` takes FACTCHECK_PASSPHRASE (scripts, tests). A refusal
        leaves whoever was signed in signed in. A read-only workspace only needs the
        name: nothing can be written, so nothing is signed.
        """
        user = self.find_user(name)
        if self.store.engine == "postgresql":
            # A team workspace's users are the server's logins: connect as theirs.
            password = _required(passphrase_or_env(passphrase), user.label)
            try:
                self.store.reconnect(user.name, password)
            except PermissionDenied:
                raise PermissionDenied(f"wrong passphrase for {user.label} (the team server "
                                       "refused the password); nothing was changed") from None
            self.user = self._login_user()
            return self.user
        signer = None if self.store.readonly else self._unlock(user, passphrase_or_env(passphrase))
        self.user, self.store.signer = user, signer
        return user

    def adopt(self, identity: Identity) -> User:
        """Act as an identity unlocked on another connection to the same workspace."""
        user = self.find_user(identity.user.id)
        if self.store.engine == "postgresql":
            if identity.login is None or identity.login.user != user.name:
                raise PermissionDenied(f"sign in as {user.label} on the team server")
            if self.store.login.user != user.name:
                self.store.reconnect(user.name, identity.login.password)
            self.user = self._login_user()
            return self.user
        if not self.store.readonly:
            if identity.signer is None or identity.signer.public_key != self._public_key(user):
                raise PermissionDenied(f"sign in as {user.label} with their passphrase")
        self.user, self.store.signer = user, identity.signer
        return user

    @property
    def identity(self) -> Identity:
        return Identity(self.require_user(), self.store.signer,
                        getattr(self.store, "login", None))

    def _public_key(self, user: User) -> str | None:
        return user_rows.public_key_of(self.store, user.id)

    def _unlock(self, user: User, passphrase: str | None) -> sig.Signer:
        stored = signing.load_key(self.store, user.id)
        if stored is None:
            return self._claim_first_key(user, passphrase)
        passphrase = _required(passphrase, user.label)
        try:
            signer = sig.unseal(user.id, stored, passphrase)
        except PermissionDenied as error:
            raise PermissionDenied(f"{error} for {user.label}; nothing was changed") from None
        if signer.public_key != self._public_key(user):
            raise PermissionDenied(f"{user.label}'s key is not the one the workspace "
                                   "recorded for them; run factcheck check")
        cost = sig.current_cost()
        if stored.ops < cost.ops or stored.mem < cost.mem:
            # Sealed at a lower cost (an older version, or a test key): raise it now.
            with self.store.transaction() as db:
                signing.save_key(db, user.id, signer.seal(passphrase, cost))
        return signer

    def _claim_first_key(self, user: User, passphrase: str | None) -> sig.Signer:
        """A workspace from before signing: nobody has a key, so nobody can vouch for
        anyone. Its first admin to sign in sets a passphrase (whoever held the unsigned
        file could have rewritten it anyway); everyone else then gets one from an admin."""
        if user.role != ADMIN or signing.any_keys(self.store):
            raise PermissionDenied(f"{user.label} has no passphrase yet: an admin sets one "
                                   f"with: factcheck user passphrase WORKSPACE {user.name}")
        signer, sealed = sig.new_key(user.id, _required(passphrase, user.label))
        with self.store.transaction() as db:
            records.update(db, "users", user.id, {"public_key": signer.public_key},
                           actor=user.actor, reason="first signing key of an upgraded workspace")
            signing.save_key(db, user.id, sealed)
            self.store.signer = signer
        return signer

    def find_user(self, name: str) -> User:
        wanted = (name or "").strip()
        row = user_rows.active_user_by_name(self.store, wanted)
        if row is None:
            raise NotFound(f"no user named {wanted!r} in this workspace")
        return User(**row)

    def require_user(self, *roles: str) -> User:
        """The signed-in user as the workspace knows them now.

        The role is read again on every use case: an admin may have changed it (or
        deactivated the user) from another window since this one signed in.
        """
        if self.user is None:
            raise PermissionDenied("sign in first: name the acting user with --as NAME "
                                   "or FACTCHECK_USER")
        row = user_rows.user_state(self.store, self.user.id)
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
    def path(self) -> Path | None:
        """The workspace file (None for a team workspace, which `label` names)."""
        return self.store.path

    @property
    def label(self) -> str:
        """What to call the workspace in titles and messages; never a password."""
        return getattr(self.store, "label", None) or str(self.store.path)

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
        value = user_rows.setting_value(self.store, key)
        if value is None:
            return DEFAULT_SETTINGS.get(key)
        return json.loads(value)

    @property
    def scale(self) -> VerdictScale:
        value = self.setting("verdict_scale")
        return VerdictScale.from_json(json.dumps(value) if value else None)

    def users(self) -> list[User]:
        return [User(**row) for row in user_rows.active_users(self.store)]


def _required(passphrase: str | None, label: str) -> str:
    if not passphrase:
        raise PermissionDenied(f"{label} signs in with a passphrase: type it when asked "
                               "(scripts set FACTCHECK_PASSPHRASE); nothing was changed")
    return passphrase


def check_role(role: str) -> str:
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)} (got {role!r})")
    return role
