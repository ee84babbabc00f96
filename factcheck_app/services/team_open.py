"""Opening a team workspace by its connection URL: checking what the user typed and
trying the server, with every refusal in plain words (for the window's dialog)."""

from __future__ import annotations

from ..domain.errors import InvalidInput
from ..team import connection, migrate
from ..team.connection import TeamUnavailable

__all__ = ["TeamUnavailable", "check_url", "is_team_target", "label", "probe", "remembered"]

SCHEMES = ("postgresql://", "postgres://")
EXAMPLE = "postgresql://you@db.example.org/newsroom"
CONNECT_TIMEOUT = 10  # seconds: a host that never answers must not hold the dialog for ever


def is_team_target(text: str) -> bool:
    """A connection URL (a team workspace) rather than a workspace file."""
    return str(text).strip().lower().startswith(SCHEMES)


def check_url(text: str) -> str:
    """The URL as typed, once it looks like one libpq can use; else why not."""
    url = (text or "").strip()
    if not url:
        raise InvalidInput(f"type the team workspace's connection URL, e.g. {EXAMPLE}")
    if not is_team_target(url):
        raise InvalidInput(f"a team workspace's address starts with postgresql:// "
                           f"(e.g. {EXAMPLE}); to open a workspace file use File → Open")
    connection.check_conninfo(url)
    return url


def remembered(url: str) -> str:
    """What may be kept in the recent list or shown: the URL without a password."""
    return connection.public_url(url)


def label(url: str) -> str:
    """A display name for the workspace at `url` (never its password)."""
    return connection.describe(url)


def probe(url: str, password: str | None = None) -> str:
    """Connect once and check that the database holds a team workspace this Factcheck
    can use; its label, or FactcheckError saying what is wrong (unreachable, wrong or
    missing password, no such database, not a team workspace, schema too old/new)."""
    conn = connection.connect(check_url(url), password=password or None, timeout=CONNECT_TIMEOUT)
    try:
        migrate.check_schema(conn)
    finally:
        conn.close()
    return label(url)
