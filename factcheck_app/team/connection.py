"""Connecting to a team server by URL (libpq does the rest) and naming its refusals."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import conninfo

from ..domain.errors import FactcheckError, PermissionDenied, RuleViolation

# The workspace schema's own SQLSTATEs (team/schema/004_rules.sql).
RULE_REFUSED = "FCR01"
NOT_ALLOWED = "FCP01"


class TeamUnavailable(FactcheckError):
    """The team server cannot be reached, or refused the login."""


class PasswordNeeded(TeamUnavailable):
    """The server asks for a password, none was given or stored, and nobody may be asked."""


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


def terminal_prompt() -> Callable[[str], str] | None:
    """How the command line asks for a password: on the terminal, when there is one.
    Only the command line passes it to connect(): a window, even one started from a
    terminal, asks in its own dialog and must never wait on the terminal."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass
    return None


def connect(url: str, *, password: str | None = None, autocommit: bool = False,
            prompt: Callable[[str], str] | None = None,
            timeout: int | None = None) -> psycopg.Connection:
    """Open a connection. The URL goes to libpq as it is, so sslmode, sslrootcert,
    service names, ~/.pgpass and PGPASSFILE all work; a password libpq does not find is
    asked with `prompt` (the command line's terminal_prompt()), else PasswordNeeded says
    so. `timeout` (seconds) applies unless the URL sets connect_timeout itself: a window
    must not wait for ever on a silent host."""
    kwargs: dict = {"password": password} if password is not None else {}
    try:
        if timeout and "connect_timeout" not in conninfo.conninfo_to_dict(url):
            kwargs["connect_timeout"] = timeout
        return psycopg.connect(url, autocommit=autocommit, **kwargs)
    except psycopg.ProgrammingError as error:
        raise TeamUnavailable(f"the connection URL is not valid: {_first_line(error)}") from None
    except psycopg.OperationalError as error:
        text = str(error)
        if password is None and "no password supplied" in text:
            if prompt:
                return connect(url, password=prompt(f"Password for {describe(url)}: "),
                               autocommit=autocommit, prompt=None, timeout=timeout)
            raise PasswordNeeded(f"the server asks for a password for {describe(url)}: type "
                                 "it, or store it in ~/.pgpass (or PGPASSFILE)") from None
        raise TeamUnavailable(f"cannot connect as {describe(url)}: {_plain(text)}"
                              f"{_first_line(error)}") from None


def _plain(text: str) -> str:
    """What libpq's words mean for the user, put before them (they stay, for an admin)."""
    lowered = text.lower()
    if "password authentication failed" in lowered:
        return "wrong password — the server said: "
    if "database" in lowered and "does not exist" in lowered:
        return "no such database on that server — the server said: "
    if any(words in lowered for words in (
            "connection refused", "no such file or directory", "could not translate host",
            "timeout expired", "network is unreachable", "no route to host",
            "name or service not known", "could not connect")):
        return "the server is not reachable — "
    return ""


def as_login(url: str, user: str) -> str:
    """The same server and database, as `user`."""
    return conninfo.make_conninfo(url, user=user)


def check_conninfo(url: str) -> None:
    """Refuse, in words, a URL that libpq cannot read (before trying any server)."""
    try:
        conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise TeamUnavailable(f"the connection URL is not valid: {_first_line(error)}") from None


def public_url(url: str) -> str:
    """The URL without any password in it: what may be remembered or shown."""
    text = url.strip()
    if "://" in text:
        parts = urlsplit(text)
        netloc = parts.netloc
        if "@" in netloc:
            credentials, host = netloc.rsplit("@", 1)
            netloc = f"{credentials.split(':', 1)[0]}@{host}"
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if k != "password"], safe="/:")
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    try:
        params = conninfo.conninfo_to_dict(text)
    except psycopg.ProgrammingError:
        return text
    params.pop("password", None)
    return conninfo.make_conninfo(**params)


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
