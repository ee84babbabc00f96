"""Setting up a team workspace as a database owner who is not a superuser."""

from __future__ import annotations

import psycopg
import pytest

from factcheck_app.services.workspace import DEFAULT_SETTINGS
from factcheck_app.team import admin


def test_a_database_owner_sets_up_the_workspace_and_keeps_no_owner_rights(pg_server) -> None:
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS dba")
        conn.execute("CREATE ROLE dba LOGIN CREATEROLE PASSWORD 'pw-dba'")
        conn.execute("CREATE DATABASE owned_by_dba OWNER dba")
    url = pg_server.url(user="dba", password="pw-dba", dbname="owned_by_dba")
    with psycopg.connect(url) as conn:
        roles = admin.init_workspace(conn, admin=None, settings=DEFAULT_SETTINGS)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT factcheck.fc_role()").fetchone()[0] == "admin"
        # the schema ran as the owner role, which the set-up login no longer holds
        assert not conn.execute("SELECT pg_has_role('dba', %s, 'MEMBER')",
                                [roles.owner]).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"SET ROLE {roles.owner}")
