"""`factcheck team passwd`: a user changes their own password, an admin sets a new one for
a team member; only a SCRAM verifier reaches the server."""

from __future__ import annotations

import io
import uuid

import psycopg
import pytest

from factcheck_app.cli import main
from factcheck_app.team import admin


def _member(team, role: str = "analyst") -> tuple[str, str]:
    """A fresh login (logins are server-wide: never change the shared ones' passwords)."""
    name, password = f"pw_{uuid.uuid4().hex[:8]}", "old-" + uuid.uuid4().hex
    with team.connect("boss") as boss:
        admin.add_user(boss, name=name, role=role, password=password)
    return name, password


def _url(team, user: str, password: str) -> str:
    return team.server.url(user=user, password=password, dbname=team.dbname)


def _logs_in(team, user: str, password: str) -> bool:
    try:
        psycopg.connect(_url(team, user, password)).close()
    except psycopg.OperationalError:
        return False
    return True


def _run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_user_changes_their_own_password_sent_only_as_a_verifier(team, capsys,
                                                                  monkeypatch) -> None:
    name, old = _member(team)
    with team.connect() as superuser:  # log what this login sends, to see what left us
        superuser.execute(f"ALTER ROLE {name} SET log_statement = 'all'")
        superuser.commit()
    code, out, err = _run(capsys, monkeypatch, "team", "passwd", _url(team, name, old),
                          "--password-stdin", stdin="brand-new-secret\n")
    assert (code, err) == (0, "") and f"changed the password of {name}" in out
    assert _logs_in(team, name, "brand-new-secret") and not _logs_in(team, name, old)
    log = team.server.log.read_text(errors="replace")
    assert "ALTER ROLE SESSION_USER PASSWORD 'SCRAM-SHA-256$" in log
    assert "brand-new-secret" not in log and "brand-new-secret" not in out


def test_typed_twice_and_differing_changes_nothing(team, capsys, monkeypatch) -> None:
    name, old = _member(team)
    typed = iter(["first-try-secret", "first-try-secrex"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    code = main(["team", "passwd", _url(team, name, old)])
    err = capsys.readouterr().err
    assert code == 2 and "the two passwords differ; nothing was changed" in err
    assert _logs_in(team, name, old)


def test_an_admin_sets_a_new_password_for_a_team_member(team, capsys, monkeypatch) -> None:
    name, old = _member(team)
    code, out, err = _run(capsys, monkeypatch, "team", "passwd", team.url("boss"),
                          "--user", name, "--password-stdin", stdin="reset-by-boss\n")
    assert (code, err) == (0, "") and f"changed the password of {name}" in out
    assert _logs_in(team, name, "reset-by-boss") and not _logs_in(team, name, old)


def test_only_an_admin_resets_someone_elses_password(team, capsys, monkeypatch) -> None:
    name, old = _member(team)
    reviewer, reviewer_password = _member(team, "reviewer")
    code, _, err = _run(capsys, monkeypatch, "team", "passwd",
                        _url(team, reviewer, reviewer_password), "--user", name,
                        "--password-stdin", stdin="taken-over\n")
    assert code == 2 and "only an admin may reset another user's password" in err
    assert _logs_in(team, name, old) and not _logs_in(team, name, "taken-over")


def test_an_admin_cannot_reset_a_login_with_rights_beyond_the_team(team, pg_server) -> None:
    name, old = _member(team)
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute(f"ALTER ROLE {name} CREATEDB")  # e.g. the database's own administrator
    with team.connect("boss") as boss, pytest.raises(Exception, match="rights beyond this team"):
        admin.change_password(boss, login=name, password="mine-now")
    assert _logs_in(team, name, old)


def test_a_plain_password_is_refused_by_the_server(team) -> None:
    name, old = _member(team)
    with team.connect("boss") as boss, pytest.raises(psycopg.Error, match="SCRAM-SHA-256"):
        boss.execute("SELECT factcheck.set_login_password(%s, 'in-plain-text')", [name])
    assert _logs_in(team, name, old) and not _logs_in(team, name, "in-plain-text")


def test_passwd_of_someone_outside_the_team_is_refused(team, pg_server, capsys,
                                                       monkeypatch) -> None:
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS stranger")
        conn.execute("CREATE ROLE stranger LOGIN PASSWORD 'pw-stranger'")
    code, _, err = _run(capsys, monkeypatch, "team", "passwd", team.url("boss"),
                        "--user", "stranger", "--password-stdin", stdin="x-new\n")
    assert code == 2 and "stranger is not a user of this workspace" in err
    assert _logs_in(team, "stranger", "pw-stranger")
