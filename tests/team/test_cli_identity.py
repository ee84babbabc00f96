"""On a team URL the one who acts is the login the server accepted, never a flag: `--as`
only names which login to connect as, and that login's own password is needed."""

from __future__ import annotations

import io
import uuid

import psycopg
import pytest

from factcheck_app.cli import main
from factcheck_app.team import admin

from . import raw


@pytest.fixture
def people(team, tmp_path, monkeypatch):
    """An analyst and a reviewer with passwords of their own (the shared test logins all
    have the same one, which would let any of them pass for another)."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))  # nothing stored
    monkeypatch.delenv("FACTCHECK_USER", raising=False)
    monkeypatch.delenv("FACTCHECK_PASSPHRASE", raising=False)
    tag = uuid.uuid4().hex[:6]
    logins = {"analyst": (f"an_{tag}", f"an-pw-{tag}"), "reviewer": (f"rv_{tag}", f"rv-pw-{tag}")}
    with team.connect("boss") as boss:
        for role, (name, password) in logins.items():
            admin.add_user(boss, name=name, role=role, password=password)
    return logins


def _url(team, user: str, password: str | None = None) -> str:
    login = f"{user}:{password}" if password else user
    return f"postgresql://{login}@/{team.dbname}?host={team.server.root}"


def _run(capsys, monkeypatch, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal to ask on
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _add(capsys, monkeypatch, url: str, *extra: str) -> tuple[int, str, str]:
    return _run(capsys, monkeypatch, "statement", "add", url, "--quote",
                "We will open the bridge next year", "--stated", "2025-03-04", *extra)


def _statements(team) -> list[tuple[str, str]]:
    """(quote, the login that created it) of every statement."""
    with team.connect() as conn:
        return conn.execute("SELECT s.quote, u.name FROM factcheck.statements s "
                            "JOIN factcheck.users u ON u.id = s.created_by").fetchall()


def test_as_someone_else_with_your_own_password_in_the_url_is_refused(team, people, capsys,
                                                                     monkeypatch) -> None:
    (analyst, analyst_pw), (reviewer, _) = people["analyst"], people["reviewer"]
    code, out, err = _add(capsys, monkeypatch, _url(team, analyst, analyst_pw), "--as", reviewer)
    assert code == 2 and out == ""
    assert f"cannot connect as {reviewer}" in err and "wrong password" in err
    assert analyst_pw not in err
    assert _statements(team) == []


def test_as_someone_else_with_your_password_in_the_environment_is_refused(
        team, people, capsys, monkeypatch) -> None:
    (analyst, analyst_pw), (reviewer, _) = people["analyst"], people["reviewer"]
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", analyst_pw)
    code, _, err = _add(capsys, monkeypatch, _url(team, analyst), "--as", reviewer)
    assert code == 2 and "wrong password" in err and f"as {reviewer}" in err
    monkeypatch.setenv("FACTCHECK_USER", reviewer)  # nor by naming them in the environment
    code, _, err = _add(capsys, monkeypatch, _url(team, analyst))
    assert code == 2 and "wrong password" in err
    assert _statements(team) == []


def test_as_someone_else_without_their_password_is_refused(team, people, capsys,
                                                           monkeypatch) -> None:
    (analyst, _), (reviewer, _) = people["analyst"], people["reviewer"]
    code, _, err = _add(capsys, monkeypatch, _url(team, analyst), "--as", reviewer)
    assert code == 2 and f"asks for a password for {reviewer}" in err
    assert _statements(team) == []


def test_an_analyst_cannot_approve_by_claiming_to_be_the_reviewer(team, people, capsys,
                                                                 monkeypatch) -> None:
    (analyst, analyst_pw), (reviewer, _) = people["analyst"], people["reviewer"]
    with psycopg.connect(_url(team, analyst, analyst_pw)) as conn:
        sid = raw.add_statement(conn)
        raw.update(conn, "statements", sid, review_state="in_review")
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", analyst_pw)
    code, _, err = _run(capsys, monkeypatch, "review", "approve", _url(team, analyst), sid,
                        "--as", reviewer)
    assert code == 2 and "wrong password" in err
    code, _, err = _run(capsys, monkeypatch, "review", "approve", _url(team, analyst), sid)
    assert code == 2 and "only a reviewer or admin may approve" in err
    with team.connect() as conn:
        assert conn.execute("SELECT review_state, approved_by FROM factcheck.statements "
                            "WHERE id = %s", [sid]).fetchone() == ("in_review", None)


def test_as_with_their_own_password_acts_as_them_on_the_server(team, people, capsys,
                                                               monkeypatch) -> None:
    (analyst, _), (reviewer, reviewer_pw) = people["analyst"], people["reviewer"]
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", reviewer_pw)
    code, _, err = _add(capsys, monkeypatch, _url(team, analyst), "--as", reviewer)
    assert (code, err) == (0, "")
    assert _statements(team) == [("We will open the bridge next year", reviewer)]
    with team.connect() as conn:
        assert raw.last_change_set(conn)["user_name"] == reviewer
