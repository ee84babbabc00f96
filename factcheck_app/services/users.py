"""Users and workspace settings: admins manage both; every change is in the history."""

from __future__ import annotations

import json
import re
from typing import Any

from ..domain import signatures as sig
from ..domain.errors import InvalidInput, PermissionDenied
from ..domain.ids import new_id
from ..domain.records import STANCES
from ..domain.verdicts import DEFAULT_SCALE, PENDING, VerdictScale
from ..domain.workflow import ADMIN, ANALYST
from ..storage import records, signing, user_rows
from ..storage.history import Actor
from .workspace import Changes, User, Workspace, check_role, passphrase_or_env

NEW_PASSPHRASE = "FACTCHECK_NEW_PASSPHRASE"  # a new user's initial passphrase, for scripts
_NAME = re.compile(r"^[\w][\w.\- ]{0,63}$", re.UNICODE)


def add_user(ws: Workspace, *, name: str, role: str, display_name: str = "",
             passphrase: str | None = None) -> Changes:
    """Add a user with an initial passphrase (default: $FACTCHECK_NEW_PASSPHRASE) that
    they then change. The first user of a workspace is made at creation; after that
    only an admin may add users, so nobody can mint a reviewer to approve their own work."""
    ws.require_user(ADMIN)
    if ws.store.engine == "postgresql":  # a team's users are logins on the server
        password = passphrase_or_env(passphrase, NEW_PASSPHRASE)
        user_id = ws.store.add_login(name=name, role=check_role(role),
                                     password=password and sig.check_passphrase(password),
                                     display_name=display_name)
        return Changes(tables=frozenset({"users"}), created=user_id,
                       message=f"added {role} {name.strip()}")
    user_id = _insert_user(ws, name, check_role(role), display_name, actor=ws.actor,
                           passphrase=passphrase_or_env(passphrase, NEW_PASSPHRASE))
    return Changes(tables=frozenset({"users"}), created=user_id,
                   message=f"added {role} {name.strip()}")


def register(ws: Workspace, *, name: str, display_name: str = "",
             passphrase: str | None = None) -> Changes:
    """Self-service sign-up from the sign-in screen: always as an analyst, with a key
    sealed by their own passphrase (default: $FACTCHECK_PASSPHRASE); signs them in.

    Analysts cannot approve anything, so a new name grants no way around the
    four-eyes rule; an admin raises the role when it is warranted.
    """
    if ws.store.engine == "postgresql":
        raise PermissionDenied("on a team workspace an admin adds users: factcheck user add "
                               "(each user is a login on the team server)")
    user_id = _insert_user(ws, name, ANALYST, display_name, actor=None,
                           reason="signed up as an analyst", passphrase=passphrase_or_env(passphrase))
    return Changes(tables=frozenset({"users"}), created=user_id, message=f"welcome, {name.strip()}")


def _insert_user(ws: Workspace, name: str, role: str, display_name: str, *,
                 actor: Actor | None, passphrase: str | None, reason: str | None = None) -> str:
    """Validate and insert with a new key; `actor=None` records the new user as their
    own creator, signed with their own new key (they are signed in at once)."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise InvalidInput(f"user name {name!r} must be 1-64 letters, digits, dots, dashes or spaces")
    if not passphrase:
        raise InvalidInput(f"{name} needs a passphrase of at least {sig.MIN_PASSPHRASE} "
                           "characters")
    user_id = new_id()
    signer, sealed = sig.new_key(user_id, passphrase)  # slow on purpose: before the lock
    with ws.store.transaction() as db:
        if user_rows.login_name_taken(db, name):
            raise InvalidInput(f"a user named {name!r} already exists")
        # Users sign in, and are shown, by name or display name: neither may pass
        # for someone else's.
        shown = (display_name or name).strip()
        if user_rows.name_passes_for_another(db, name, shown):
            raise InvalidInput(f"{shown!r} is already the name of another user")
        records.insert(db, "users", {"id": user_id, "name": name,
                                     "display_name": (display_name or name).strip(),
                                     "role": role, "active": 1,
                                     "public_key": signer.public_key},
                       actor=actor or Actor(user_id, name), reason=reason)
        signing.save_key(db, user_id, sealed)
        if actor is None:
            ws.store.signer = signer  # the sign-up is signed by the new user's own key
    if actor is None:
        ws.user = User(user_id, name, (display_name or name).strip(), role)
    return user_id


def change_passphrase(ws: Workspace, *, old: str | None, new: str) -> Changes:
    """Reseal the signed-in user's key with a new passphrase; the key pair stays, so
    everything they signed still verifies."""
    user = ws.require_user()
    stored = signing.load_key(ws.store, user.id)
    if stored is None:
        raise PermissionDenied(f"{user.label} has no key yet; an admin sets a first passphrase")
    signer = sig.unseal(user.id, stored, passphrase_or_env(old) or "")
    sealed = signer.seal(sig.check_passphrase(new))
    with ws.store.transaction() as db:
        signing.save_key(db, user.id, sealed)
    return Changes(message=f"changed the passphrase of {user.label}")


def issue_passphrase(ws: Workspace, *, name: str, passphrase: str | None = None) -> Changes:
    """An admin gives another user a new key under an initial passphrase: a user from
    before signing, or one who forgot theirs. The new public key lands in the history,
    signed by the admin, so who vouched for whom stays visible; old signatures keep
    verifying with the key the history gave that user then."""
    admin = ws.require_user(ADMIN)
    target = ws.find_user(name)
    if target.id == admin.id:
        raise InvalidInput("change your own passphrase with: factcheck user passphrase WORKSPACE")
    signer, sealed = sig.new_key(target.id,
                                 passphrase_or_env(passphrase, NEW_PASSPHRASE) or "")
    with ws.store.transaction() as db:
        records.update(db, "users", target.id, {"public_key": signer.public_key},
                       actor=ws.actor, reason=f"new key issued by {admin.label}")
        signing.save_key(db, target.id, sealed)
    return Changes(tables=frozenset({"users"}),
                   message=f"{target.label} has a new key; they sign in with the passphrase "
                           "you set, then change it")


def set_role(ws: Workspace, *, name: str, role: str) -> Changes:
    ws.require_user(ADMIN)
    role = check_role(role)
    target = ws.find_user(name)
    with ws.store.transaction() as db:
        if target.role == ADMIN and role != ADMIN:
            if user_rows.active_admin_count(db) <= 1:
                raise InvalidInput("the workspace must keep at least one admin")
        if ws.store.engine == "postgresql":  # the login's group role on the server
            ws.store.set_login_role(name=target.name, role=role)
        else:
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
    if key == "verdict_scale":
        value = _verdict_scale(value)
    encoded = json.dumps(value)
    with ws.store.transaction() as db:
        if key == "verdict_scale":
            keys = {level["key"] for level in value} if value else set(DEFAULT_SCALE.keys)
            in_use = user_rows.verdicts_in_use(db)
            missing = sorted(set(in_use) - keys)
            if missing:
                raise InvalidInput(f"the verdict scale must keep {missing[0]!r}: "
                                   "statements are rated with it")
        if records.find(db, "settings", key):
            records.update(db, "settings", key, {"value": encoded}, actor=ws.actor,
                           action="setting", reason=reason)
        else:
            records.insert(db, "settings", {"id": key, "value": encoded}, actor=ws.actor,
                           reason=reason)
    return Changes(tables=frozenset({"settings"}), message=f"{key} set to {value}")


def _verdict_scale(value: Any) -> list[dict] | None:
    """A verdict scale as a list of levels (JSON text from the command line is parsed),
    refused unless every level is complete and pending is among them."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise InvalidInput(f"the verdict scale is not valid JSON: {error.msg}") from None
    try:
        scale = VerdictScale.from_json(json.dumps(value))
    except (TypeError, ValueError, AttributeError):
        raise InvalidInput("the verdict scale must be a list of levels, each with key, label, "
                           "colour, rating and required_stance") from None
    if not isinstance(value, list) or not scale.levels or PENDING not in scale.keys:
        raise InvalidInput(f"the verdict scale must be a list of levels including {PENDING!r}")
    for level in scale.levels:
        if level.required_stance not in (None, *STANCES):
            raise InvalidInput(f"verdict {level.key!r}: required_stance must be one of "
                               f"{', '.join(STANCES)} or null")
    return [dict(vars(level)) for level in scale.levels]


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "on", "yes"):
        return True
    if text in ("0", "false", "off", "no"):
        return False
    raise InvalidInput(f"expected on or off, not {value!r}")
