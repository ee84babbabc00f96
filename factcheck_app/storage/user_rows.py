"""The users and settings tables: who may sign in, their roles, the workspace's settings."""

from __future__ import annotations

from typing import Any

from .session import Session

_USER = "id, name, display_name, role"


def active_user_by_name(db: Session, wanted: str) -> dict[str, Any] | None:
    """The active user a sign-in name means: an exact id first, then a login name, then a
    display name (both case-insensitive), the oldest account winning a tie."""
    rows = list(db.query(
        f"SELECT {_USER} FROM users WHERE active = 1 AND "
        "(lower(name) = lower(?) OR lower(display_name) = lower(?) OR id = ?) "
        "ORDER BY id = ? DESC, lower(name) = lower(?) DESC, created_at, id",
        [wanted, wanted, wanted, wanted, wanted]))
    return rows[0] if rows else None


def active_login(db: Session, login: str) -> dict[str, Any] | None:
    """The active user whose name is exactly a team login (the server's session_user)."""
    rows = list(db.query("SELECT id, name, display_name, role FROM users "
                         "WHERE name = ? AND active = 1", [login]))
    return rows[0] if rows else None


def user_state(db: Session, user_id: str) -> tuple[str, str, str, int] | None:
    """(name, display_name, role, active) of a user as stored now, None if unknown."""
    row = db.execute("SELECT name, display_name, role, active FROM users WHERE id = ?",
                     [user_id]).fetchone()
    return (row[0], row[1], row[2], row[3]) if row else None


def public_key_of(db: Session, user_id: str) -> str | None:
    row = db.execute("SELECT public_key FROM users WHERE id = ?", [user_id]).fetchone()
    return row[0] if row else None


def active_users(db: Session) -> list[dict[str, Any]]:
    return list(db.query(f"SELECT {_USER} FROM users WHERE active = 1 ORDER BY name"))


def is_active_user(db: Session, user_id: str) -> bool:
    return db.execute("SELECT 1 FROM users WHERE id = ? AND active = 1",
                      [user_id]).fetchone() is not None


def login_name_taken(db: Session, name: str) -> bool:
    return db.execute("SELECT 1 FROM users WHERE lower(name) = lower(?)",
                      [name]).fetchone() is not None


def name_passes_for_another(db: Session, name: str, shown: str) -> bool:
    """Whether a new user's login or display name is already someone's login or display
    name (case-insensitive): users sign in, and are shown, by either."""
    return db.execute(
        "SELECT 1 FROM users WHERE lower(name) IN (lower(?), lower(?)) "
        "OR lower(display_name) IN (lower(?), lower(?))",
        [name, shown, name, shown]).fetchone() is not None


def active_admin_count(db: Session) -> int:
    return db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"
                      ).fetchone()[0]


def setting_value(db: Session, key: str) -> str | None:
    """A setting's stored JSON text, None when it was never set."""
    row = db.execute("SELECT value FROM settings WHERE id = ?", [key]).fetchone()
    return row[0] if row else None


def verdicts_in_use(db: Session) -> list[str]:
    """Every verdict some statement carries: a scale must keep them."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT verdict FROM statements WHERE verdict IS NOT NULL")]
