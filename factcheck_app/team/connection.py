"""Connecting to a team server by URL (libpq does the rest) and naming its refusals."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

import psycopg
from psycopg import conninfo

from ..domain.errors import FactcheckError, PermissionDenied, RuleViolation

# The workspace schema's own SQLSTATEs (team/schema/004_rules.sql).
RULE_REFUSED = "FCR01"
NOT_ALLOWED = "FCP01"


class TeamUnavailable(FactcheckError):
    """The team server cannot be reached, or refused the login."""


def describe(url: str) -> str:
    """The URL as it may be shown or logged: user, host and database, never a password."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "the team server (the connection URL is not valid)"
    user = parts.get("user") or "you"
    host = parts.get("host") or "the local server"
    db = parts.get("dbname") or user
    return f"{user} on database {db} at {host}"


def connect(url: str, *, password: str | None = None, autocommit: bool = False,
            prompt: Callable[[str], str] | None = None) -> psycopg.Connection:
    """Open a connection. The URL goes to libpq as it is, so sslmode, sslrootcert,
    service names, ~/.pgpass and PGPASSFILE all work; a password is asked for
    only when the server wants one and we are in a terminal."""
    if prompt is None and sys.stdin.isatty():
        prompt = getpass.getpass
    kwargs = {"password": password} if password is not None else {}
    try:
        return psycopg.connect(url, autocommit=autocommit, **kwargs)
    except psycopg.ProgrammingError as error:
        raise TeamUnavailable(f"the connection URL is not valid: {_first_line(error)}") from None
    except psycopg.OperationalError as error:
        text = str(error)
        if password is None and prompt and "no password supplied" in text:
            return connect(url, password=prompt(f"Password for {describe(url)}: "),
                           autocommit=autocommit, prompt=None)
        raise TeamUnavailable(f"cannot connect as {describe(url)}: {_first_line(error)}") from None


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    # libpq prefixes "connection to server at ... failed:"; the reason is the last part
    return lines[-1] if lines else type(error).__name__


def translate(error: psycopg.Error) -> Exception:
    """The server's refusals as the app's own errors; anything else stays a bug."""
    message = error.diag.message_primary or _first_line(error)
    if error.sqlstate == RULE_REFUSED:
        return RuleViolation(message)
    if error.sqlstate in (NOT_ALLOWED, "42501"):  # 42501: no privilege, or row security
        return PermissionDenied(f"the team server refused: {message}")
    if isinstance(error, psycopg.OperationalError):
        return TeamUnavailable(f"the team server went away: {_first_line(error)}")
    return error
