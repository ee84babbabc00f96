"""Creating a team workspace, and the admin's tasks on it: logins and their roles."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg import sql

from ..domain.errors import InvalidInput, WorkspaceInvalid
from ..domain.ids import new_id
from ..domain.workflow import ADMIN, ROLES
from . import migrate
from .connection import translate
from .migrate import SCHEMA, Roles

# A login is a PostgreSQL role name; keep it to what needs no quoting anywhere.
_LOGIN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def check_login(name: str) -> str:
    name = (name or "").strip()
    if not _LOGIN.match(name):
        raise InvalidInput(f"login name {name!r} must be 1-63 lower-case letters, digits, "
                           "dots, dashes or underscores, starting with a letter")
    return name


def check_team_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)} (got {role!r})")
    return role


def login_exists(conn: psycopg.Connection, login: str) -> bool:
    """Whether the server already has this login (a new one then needs a password). Ends
    the read's transaction, so the caller starts its own afresh."""
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [login]).fetchone()
    conn.rollback()
    return exists is not None


def password_verifier(conn: psycopg.Connection, login: str, password: str | None) -> str | None:
    """SCRAM verifier computed here by libpq, so the plain password never leaves."""
    if password is None:
        return None
    return conn.pgconn.encrypt_password(password.encode(), login.encode(),
                                        b"scram-sha-256").decode()


def init_workspace(conn: psycopg.Connection, *, admin: str | None, password: str | None = None,
                   display_name: str = "", settings: Mapping[str, Any]) -> Roles:
    """Create the schema, the group roles and the first admin in the connected database,
    all in one transaction. The connecting login needs CREATEROLE and CREATE on the
    database (a superuser, or the database's owner with CREATEROLE)."""
    login = check_login(admin or conn.info.user)
    if migrate.is_team_workspace(conn):
        raise WorkspaceInvalid("this database already holds a Factcheck team workspace")
    roles = Roles(f"factcheck_{secrets.token_hex(4)}")
    ident = sql.Identifier
    try:
        with conn.transaction():
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN CREATEROLE").format(ident(roles.owner)))
            for role in ROLES:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident(roles.group(role))))
            conn.execute(sql.SQL("GRANT {} TO {}").format(ident(roles.group("analyst")),
                                                          ident(roles.group("reviewer"))))
            conn.execute(sql.SQL("GRANT {} TO {}").format(ident(roles.group("reviewer")),
                                                          ident(roles.group("admin"))))
            _hold_owner(conn, roles, True)
            conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}")
                         .format(ident(SCHEMA), ident(roles.owner)))
            migrate.apply_pending(conn, roles)
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(ident(roles.owner)))
            conn.execute("INSERT INTO factcheck.team_meta (id, value) VALUES ('role_prefix', %s)",
                         [roles.prefix])
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [login]).fetchone()
            if not exists:
                verifier = password_verifier(conn, login, password)
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident(login)) if verifier
                             is None else sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}")
                             .format(ident(login), sql.Literal(verifier)))
            conn.execute(sql.SQL("GRANT {} TO {}").format(ident(roles.group(ADMIN)), ident(login)))
            conn.execute(
                "INSERT INTO factcheck.users (id, name, display_name, role, active) "
                "VALUES (%s, %s, %s, 'admin', 1)", [new_id(), login, display_name or login])
            for key, value in settings.items():
                conn.execute("INSERT INTO factcheck.settings (id, value) VALUES (%s, %s)",
                             [key, json.dumps(value)])
            conn.execute("RESET ROLE")
            _hold_owner(conn, roles, False)
    except psycopg.Error as error:
        raise translate(error) from error
    return roles


def _hold_owner(conn: psycopg.Connection, roles: Roles, hold: bool) -> None:
    """Take (or give back) membership of the owner role, to run the schema as it; a
    superuser needs none. Called inside the set-up's transaction, so it never stays."""
    if conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = session_user").fetchone()[0]:
        return
    verb = "GRANT {} TO {}" if hold else "REVOKE {} FROM {}"
    conn.execute(sql.SQL(verb).format(sql.Identifier(roles.owner),
                                      sql.Identifier(conn.info.user)))


def upgrade_workspace(conn: psycopg.Connection) -> list[str]:
    """Apply the schema files this Factcheck has and the workspace lacks, in one
    transaction, as the owner role (run by the login that set it up, or a superuser)."""
    roles = migrate.roles_of(conn)
    if not migrate.pending(conn):
        conn.rollback()
        return []
    try:
        with conn.transaction():
            _hold_owner(conn, roles, True)
            names = migrate.apply_pending(conn, roles)
            _hold_owner(conn, roles, False)
    except psycopg.Error as error:
        raise translate(error) from error
    return names


def add_user(conn: psycopg.Connection, *, name: str, role: str, password: str | None,
             display_name: str = "") -> str:
    """Add a login to the team with a role (admins only; the server checks). A user
    pushed from a solo workspace under this name becomes active with the new login."""
    name, role = check_login(name), check_team_role(role)
    try:
        with conn.transaction():
            conn.execute("SELECT factcheck.create_login(%s, %s, %s)",
                         [name, password_verifier(conn, name, password), role])
            row = conn.execute("SELECT id FROM factcheck.users WHERE lower(name) = lower(%s)",
                               [name]).fetchone()
            if row:
                conn.execute("UPDATE factcheck.users SET role = %s, active = 1, "
                             "display_name = coalesce(nullif(%s, ''), display_name) WHERE id = %s",
                             [role, display_name, row[0]])
                return row[0]
            user_id = new_id()
            conn.execute("INSERT INTO factcheck.users (id, name, display_name, role, active) "
                         "VALUES (%s, %s, %s, %s, 1)", [user_id, name, display_name or name, role])
            return user_id
    except psycopg.Error as error:
        raise translate(error) from error


def set_role(conn: psycopg.Connection, *, name: str, role: str) -> None:
    """Change a login's team role (admins only). The server refuses leaving the
    workspace without an active admin (team/schema/008), whoever asks and however;
    the server's function also sets users.role, so an admin may step down."""
    name, role = check_login(name), check_team_role(role)
    try:
        with conn.transaction():
            conn.execute("SELECT factcheck.set_login_role(%s, %s)", [name, role])
    except psycopg.Error as error:
        raise translate(error) from error


def change_password(conn: psycopg.Connection, *, password: str, login: str | None = None) -> str:
    """Give the connected login (or, by an admin, the team member `login`) a new password.
    Only its SCRAM verifier, computed here, is sent; returns whose password it was."""
    me = conn.info.user
    login = check_login(login) if login else me
    verifier = password_verifier(conn, login, password)
    try:
        with conn.transaction():
            if login == me:  # any login may change its own password
                conn.execute(sql.SQL("ALTER ROLE SESSION_USER PASSWORD {}")
                             .format(sql.Literal(verifier)))
            else:
                conn.execute("SELECT factcheck.set_login_password(%s, %s)", [login, verifier])
    except psycopg.Error as error:
        raise translate(error) from error
    return login
