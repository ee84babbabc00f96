"""Users and workspace settings: admins manage both; every change is in the history."""

from __future__ import annotations

import json
import re
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.ids import new_id
from ..domain.workflow import ADMIN, ANALYST
from ..storage import records
from ..storage.history import Actor
from .workspace import Changes, User, Workspace, check_role

_NAME = re.compile(r"^[\w][\w.\- ]{0,63}$", re.UNICODE)


def add_user(ws: Workspace, *, name: str, role: str, display_name: str = "") -> Changes:
    """Add a user. The first user of a workspace is made at creation; after that
    only an admin may add users, so nobody can mint a reviewer to approve their own work."""
    ws.require_user(ADMIN)
    user_id = _insert_user(ws, name, check_role(role), display_name, actor=ws.actor)
    return Changes(tables=frozenset({"users"}), created=user_id,
                   message=f"added {role} {name.strip()}")


def register(ws: Workspace, *, name: str, display_name: str = "") -> Changes:
    """Self-service sign-up from the sign-in screen: always as an analyst.

    Analysts cannot approve anything, so a new name grants no way around the
    four-eyes rule; an admin raises the role when it is warranted.
    """
    user_id = _insert_user(ws, name, ANALYST, display_name, actor=None,
                           reason="signed up as an analyst")
    return Changes(tables=frozenset({"users"}), created=user_id, message=f"welcome, {name.strip()}")


def _insert_user(ws: Workspace, name: str, role: str, display_name: str, *,
                 actor: Actor | None, reason: str | None = None) -> str:
    """Validate and insert; `actor=None` records the new user as their own creator."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise InvalidInput(f"user name {name!r} must be 1-64 letters, digits, dots, dashes or spaces")
    with ws.store.transaction() as db:
        if db.execute("SELECT 1 FROM users WHERE name = ? COLLATE NOCASE", [name]).fetchone():
            raise InvalidInput(f"a user named {name!r} already exists")
        user_id = new_id()
        records.insert(db, "users", {"id": user_id, "name": name,
                                     "display_name": (display_name or name).strip(),
                                     "role": role, "active": 1},
                       actor=actor or Actor(user_id, name), reason=reason)
    return user_id


def set_role(ws: Workspace, *, name: str, role: str) -> Changes:
    ws.require_user(ADMIN)
    role = check_role(role)
    target = ws.find_user(name)
    with ws.store.transaction() as db:
        if target.role == ADMIN and role != ADMIN:
            admins = db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]
            if admins <= 1:
                raise InvalidInput("the workspace must keep at least one admin")
        records.update(db, "users", target.id, {"role": role}, actor=ws.actor)
    return Changes(tables=frozenset({"users"}), message=f"{name} is now {role}")


def list_users(ws: Workspace) -> list[User]:
    return ws.users()


SETTING_KEYS = ("four_eyes", "organisation", "organisation_url", "title", "verdict_scale")


def set_setting(ws: Workspace, *, key: str, value: Any, reason: str | None = None) -> Changes:
    """Change a workspace setting (admins only). Switching off the four-eyes rule is
    allowed for one-person teams, and the switch itself lands in the history."""
    ws.require_user(ADMIN)
    if key not in SETTING_KEYS:
        raise InvalidInput(f"unknown setting {key!r}; settings are: {', '.join(SETTING_KEYS)}")
    if key == "four_eyes":
        value = _boolean(value)
    encoded = json.dumps(value)
    with ws.store.transaction() as db:
        if records.find(db, "settings", key):
            records.update(db, "settings", key, {"value": encoded}, actor=ws.actor,
                           action="setting", reason=reason)
        else:
            records.insert(db, "settings", {"id": key, "value": encoded}, actor=ws.actor,
                           reason=reason)
    return Changes(tables=frozenset({"settings"}), message=f"{key} set to {value}")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "on", "yes"):
        return True
    if text in ("0", "false", "off", "no"):
        return False
    raise InvalidInput(f"expected on or off, not {value!r}")
