"""`factcheck team ...` on the command line, against the throwaway server."""

from __future__ import annotations

import io
import json

import psycopg

from factcheck_app.cli import main
from factcheck_app.services.demo import build_demo
from factcheck_app.team import migrate

from .conftest import PASSWORDS


def _run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_add_user_push_and_check(pg_server, empty_database, tmp_path, capsys,
                                      monkeypatch) -> None:
    superuser = pg_server.url(dbname=empty_database)
    code, out, err = _run(capsys, monkeypatch, "team", "init", superuser, "--admin", "chief",
                          "--display-name", "Chief Editor", "--password-stdin",
                          stdin="s3cret-chief\n")
    assert (code, err) == (0, "") and "chief is its admin" in out
    chief = pg_server.url(user="chief", password="s3cret-chief", dbname=empty_database)
    code, out, _ = _run(capsys, monkeypatch, "team", "add-user", chief, "maya", "--role",
                        "reviewer", "--password-stdin", stdin="pw-maya\n")
    assert code == 0 and "added reviewer maya" in out
    maya = pg_server.url(user="maya", password="pw-maya", dbname=empty_database)
    with psycopg.connect(maya) as conn:  # the new login works and has its role
        assert conn.execute("SELECT factcheck.fc_role()").fetchone()[0] == "reviewer"

    solo = build_demo(tmp_path / "demo.factcheck")
    solo.close()
    code, out, err = _run(capsys, monkeypatch, "team", "push", str(tmp_path / "demo.factcheck"),
                          chief)
    assert (code, err) == (0, "") and "12 statements" in out and "history entries" in out
    code, out, _ = _run(capsys, monkeypatch, "team", "check", maya)
    assert code == 0 and "chain intact" in out


def test_an_analyst_cannot_add_users_from_the_command_line(team, capsys, monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "team", "add-user", team.url("ana"), "mallory",
                        "--role", "admin", "--password-stdin", stdin="x\n")
    assert code == 2 and "only an admin may add users" in err
    with team.connect("boss") as boss:
        assert boss.execute("SELECT count(*) FROM factcheck.users WHERE name = 'mallory'"
                            ).fetchone()[0] == 0


def test_a_wrong_password_is_a_clear_message_that_never_shows_it(team, capsys,
                                                                 monkeypatch) -> None:
    url = team.server.url(user="ana", password="not-anas-password", dbname=team.dbname)
    code, _, err = _run(capsys, monkeypatch, "team", "check", url)
    assert code == 2
    assert "cannot connect as ana" in err and "password authentication failed" in err
    assert "not-anas-password" not in err


def test_the_password_comes_from_a_pgpass_file(team, tmp_path, capsys, monkeypatch) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:ana:{PASSWORDS['ana']}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    url = team.server.url(user="ana", password=None, dbname=team.dbname)
    assert "password" not in url
    code, out, _ = _run(capsys, monkeypatch, "team", "check", url)
    assert code == 0 and "chain intact" in out


def test_init_refuses_a_database_that_has_a_workspace(team, capsys, monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "team", "init", team.url(), "--admin", "boss")
    assert code == 2 and "already holds a Factcheck team workspace" in err


def test_a_database_without_a_workspace_is_named_as_such(pg_server, empty_database, capsys,
                                                        monkeypatch) -> None:
    code, _, err = _run(capsys, monkeypatch, "team", "check",
                        pg_server.url(dbname=empty_database))
    assert code == 2 and "holds no Factcheck team workspace" in err


def test_a_workspace_from_a_newer_factcheck_is_refused(team, capsys, monkeypatch) -> None:
    with team.connect() as superuser:
        superuser.execute("INSERT INTO factcheck.schema_migrations (name) VALUES ('999_future')")
        superuser.commit()
    code, _, err = _run(capsys, monkeypatch, "team", "add-user", team.url("boss"), "zed",
                        "--role", "analyst", "--no-password")
    assert code == 2 and "newer Factcheck" in err
    with team.connect("boss") as boss:
        assert boss.execute("SELECT count(*) FROM factcheck.users WHERE name = 'zed'"
                            ).fetchone()[0] == 0


def test_an_older_schema_is_refused_until_upgraded(team, capsys, monkeypatch) -> None:
    shipped = migrate.migrations()
    newer = [*shipped, ("900_probe", "CREATE TABLE upgrade_probe (id text PRIMARY KEY);")]
    monkeypatch.setattr(migrate, "migrations", lambda: newer)  # as a later Factcheck would be
    code, _, err = _run(capsys, monkeypatch, "team", "check", team.url("boss"))
    assert code == 2 and "lacks 900_probe" in err and "team upgrade" in err
    code, out, _ = _run(capsys, monkeypatch, "team", "upgrade", team.url())
    assert code == 0 and "applied 900_probe" in out
    code, out, _ = _run(capsys, monkeypatch, "team", "check", team.url("boss"))
    assert code == 0 and "chain intact" in out
    with team.connect() as conn:  # made by the owner role, inside the workspace's schema
        assert conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'upgrade_probe'"
                            ).fetchone()[0].endswith("_owner")
    code, out, _ = _run(capsys, monkeypatch, "team", "upgrade", team.url())
    assert code == 0 and "up to date" in out


def test_a_reading_command_connects_as_factcheck_user(team, capsys, monkeypatch) -> None:
    """`statement list` has --as, `statement show` does not: both must connect as
    $FACTCHECK_USER, not as the system account libpq would otherwise choose."""
    monkeypatch.setenv("FACTCHECK_USER", "ana")
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", PASSWORDS["ana"])
    url = f"postgresql:///{team.dbname}?host={team.server.root}"  # no login in it
    code, out, err = _run(capsys, monkeypatch, "statement", "add", url, "--quote",
                          "We will open the bridge next year", "--stated", "2025-03-04",
                          "--format", "json")
    assert (code, err) == (0, ""), err
    sid = json.loads(out)["id"]
    code, out, err = _run(capsys, monkeypatch, "statement", "show", url, sid[:8])
    assert (code, err) == (0, "") and "We will open the bridge next year" in out


def test_a_libpq_string_is_not_taken_for_a_file_nor_its_password_echoed(team, capsys,
                                                                        monkeypatch) -> None:
    conninfo = team.url("ana")  # host=... dbname=... user=ana password=...
    assert f"password={PASSWORDS['ana']}" in conninfo
    code, _, err = _run(capsys, monkeypatch, "statement", "list", conninfo)
    assert code == 2 and "looks like a PostgreSQL connection string" in err
    assert "postgresql://" in err and PASSWORDS["ana"] not in err
