"""A fresh team workspace per test, on the session's throwaway server (tests/conftest.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from factcheck_app.services.workspace import DEFAULT_SETTINGS
from factcheck_app.team import admin
from factcheck_app.team.throwaway import LocalServer

from ..conftest import TEST_PASSPHRASE

# Logins are server-wide and the server is shared with the service tests (tests/conftest.py),
# whose users have the test passphrase: so do these.
PASSWORDS = dict.fromkeys(("boss", "ana", "rob", "rita"), TEST_PASSPHRASE)
_numbers = itertools.count(1)


@dataclass
class Team:
    """One team workspace (its own database): admin boss, analyst ana, reviewers rob, rita."""

    server: LocalServer
    dbname: str

    def url(self, user: str | None = None) -> str:
        if user is None:
            return self.server.url(dbname=self.dbname)
        return self.server.url(user=user, password=PASSWORDS[user], dbname=self.dbname)

    def connect(self, user: str | None = None, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url(user), **kwargs)

    def user_id(self, name: str) -> str:
        with self.connect() as conn:
            return conn.execute("SELECT id FROM factcheck.users WHERE name = %s",
                                [name]).fetchone()[0]


TEMPLATE = "team_template"


@pytest.fixture(scope="session")
def team_template(pg_server: LocalServer) -> str:
    """One workspace set up once; each test gets a copy (CREATE DATABASE ... TEMPLATE),
    which is faster than setting one up per test. The copies share its group roles."""
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    workspace = Team(pg_server, TEMPLATE)
    with workspace.connect() as conn:
        admin.init_workspace(conn, admin="boss", password=PASSWORDS["boss"],
                             display_name="Bo Boss", settings=DEFAULT_SETTINGS)
    with workspace.connect("boss") as conn:
        for name, role in (("ana", "analyst"), ("rob", "reviewer"), ("rita", "reviewer")):
            admin.add_user(conn, name=name, role=role, password=PASSWORDS[name])
    return TEMPLATE


@pytest.fixture
def team(pg_server: LocalServer, team_template: str) -> Iterator[Team]:
    dbname = f"team{next(_numbers)}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {dbname} TEMPLATE {team_template}")
    yield Team(pg_server, dbname)
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {dbname} WITH (FORCE)")


@pytest.fixture
def empty_database(pg_server: LocalServer) -> Iterator[str]:
    """A database with no workspace in it yet (for `team init` itself)."""
    dbname = f"empty{next(_numbers)}"
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {dbname}")
    yield dbname
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {dbname} WITH (FORCE)")
