"""The server keeps the team an active admin, and only an active admin changes roles:
through Factcheck, its command line, or raw SQL from a modified client."""

from __future__ import annotations

import io
import uuid

import psycopg
import pytest

from factcheck_app.cli import main
from factcheck_app.domain.errors import RuleViolation
from factcheck_app.team import admin


def _role(team, login: str) -> str | None:
    with team.connect() as conn:
        return conn.execute("SELECT factcheck.fc_role_of(%s)", [login]).fetchone()[0]


def _new_admin(team) -> tuple[str, str]:
    """A fresh admin login (logins are server-wide: tests that change their roles
    must not touch the shared boss, ana, rob)."""
    name, password = f"adm_{uuid.uuid4().hex[:8]}", "pw-" + uuid.uuid4().hex
    with team.connect("boss") as boss:
        admin.add_user(boss, name=name, role="admin", password=password)
    return name, team.server.url(user=name, password=password, dbname=team.dbname)


def test_the_last_admin_cannot_demote_themselves(team) -> None:
    with team.connect("boss") as boss:
        with pytest.raises(RuleViolation, match="boss is the last active admin"):
            admin.set_role(boss, name="boss", role="reviewer")
        with pytest.raises(psycopg.Error) as raw:  # nor with the server's own function
            boss.execute("SELECT factcheck.set_login_role('boss', 'analyst')")
        assert raw.value.sqlstate == "FCR01"
    assert _role(team, "boss") == "admin"


@pytest.mark.parametrize("statement", [
    "UPDATE factcheck.users SET active = 0 WHERE name = 'boss'",
    "DELETE FROM factcheck.users WHERE name = 'boss'",
])
def test_the_last_admin_cannot_be_deactivated_or_removed(team, statement) -> None:
    with team.connect("boss") as boss:
        with pytest.raises(psycopg.Error) as refused, boss.transaction():
            boss.execute(statement)
        assert refused.value.sqlstate == "FCR01"
        assert "must keep at least one active admin" in refused.value.diag.message_primary
        assert boss.execute("SELECT active FROM factcheck.users WHERE name = 'boss'"
                            ).fetchone() == (1,)


def test_with_another_admin_one_may_step_down_but_not_the_last(team) -> None:
    other, other_url = _new_admin(team)
    with psycopg.connect(other_url) as conn:  # boss is still admin: this one may go
        admin.set_role(conn, name=other, role="reviewer")
    assert _role(team, other) == "reviewer"
    second, second_url = _new_admin(team)
    with team.connect("boss") as boss, boss.transaction():  # boss leaves; `second` stays
        boss.execute("UPDATE factcheck.users SET active = 0 WHERE name = 'boss'")
    with psycopg.connect(second_url) as conn:
        with pytest.raises(RuleViolation, match="last active admin"):
            admin.set_role(conn, name=second, role="analyst")
    assert _role(team, second) == "admin"


def test_a_deactivated_admin_manages_nothing(team) -> None:
    """Their login keeps its group role on the server, but not the powers."""
    gone, gone_url = _new_admin(team)
    with team.connect("boss") as boss, boss.transaction():
        boss.execute("UPDATE factcheck.users SET active = 0 WHERE name = %s", [gone])
    with psycopg.connect(gone_url) as conn, pytest.raises(psycopg.Error) as refused:
        conn.execute("SELECT factcheck.set_login_role('boss', 'analyst')")
    assert refused.value.sqlstate == "FCP01"
    assert "no longer an active user" in refused.value.diag.message_primary
    assert _role(team, "boss") == "admin"


@pytest.mark.parametrize("who, statement", [
    ("ana", "SELECT factcheck.set_login_role('ana', 'admin')"),
    ("rob", "SELECT factcheck.set_login_role('boss', 'analyst')"),
    ("ana", "UPDATE factcheck.users SET role = 'admin' WHERE name = 'ana'"),
    ("rob", "UPDATE factcheck.users SET active = 0 WHERE name = 'boss'"),
    ("ana", "GRANT {prefix}_admin TO ana"),
    ("rob", "REVOKE {prefix}_admin FROM boss"),
])
def test_a_non_admin_cannot_change_roles_with_raw_sql(team, who, statement) -> None:
    with team.connect(who) as conn:
        prefix = conn.execute("SELECT value FROM factcheck.team_meta WHERE id = 'role_prefix'"
                              ).fetchone()[0]
        conn.rollback()
        with pytest.raises(psycopg.Error) as refused, conn.transaction():
            conn.execute(statement.format(prefix=prefix))
    assert refused.value.sqlstate in ("FCP01", "42501")  # told no, not a bug
    assert (_role(team, "ana"), _role(team, "rob"), _role(team, "boss")) == (
        "analyst", "reviewer", "admin")
    with team.connect() as conn:
        assert conn.execute("SELECT name, role, active FROM factcheck.users WHERE name IN "
                            "('ana', 'boss') ORDER BY name").fetchall() == [
            ("ana", "analyst", 1), ("boss", "admin", 1)]


def test_set_role_on_the_command_line_says_why_the_last_admin_stays(team, capsys,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["team", "set-role", team.url("boss"), "boss", "analyst"])
    err = capsys.readouterr().err
    assert code == 2 and "boss is the last active admin" in err and "make another" in err
    assert _role(team, "boss") == "admin"
