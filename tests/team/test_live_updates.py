"""Live updates: what another login changes on the team server reaches a listening window
(through services.live, the layer the window uses), without it ever waiting for news."""

from __future__ import annotations

import select
import time

import pytest

from factcheck_app.services.live import EVERYTHING, LiveUpdates, TeamUnavailable
from factcheck_app.team.connection import PasswordNeeded, connect, public_url

from . import raw
from .conftest import PASSWORDS


def wait_for(updates: LiveUpdates, seconds: float = 10.0) -> bool:
    """Poll as the window does: only once the socket is readable."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        readable, _, _ = select.select([updates.fileno()], [], [], deadline - time.monotonic())
        if readable and updates.poll():
            return True
    return False


@pytest.fixture
def rob_listens(team):
    updates = LiveUpdates(team.server.url(user="rob", dbname=team.dbname),
                          password=PASSWORDS["rob"])
    yield updates
    updates.close()


def test_a_statement_another_login_adds_reaches_the_listener(team, rob_listens) -> None:
    assert rob_listens.poll() is False and rob_listens.take() is None  # nothing yet, no wait
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, quote="The new bridge opens in May")
    assert wait_for(rob_listens)
    changes = rob_listens.take()
    assert sid in changes.statements and "statements" in changes.tables
    assert changes.by_others
    assert rob_listens.take() is None  # taken once


def test_a_burst_of_changes_comes_out_as_one_change(team, rob_listens) -> None:
    with team.connect("ana") as ana:
        first = raw.add_statement(ana, quote="First promise")
        second = raw.add_statement(ana, quote="Second promise")
        raw.update(ana, "statements", first, quote="First promise, corrected")
        raw.add_evidence(ana, second, "supports")
    assert wait_for(rob_listens)
    while wait_for(rob_listens, 0.5):  # as the window does: until the burst is over
        pass
    changes = rob_listens.take()
    assert changes.statements == {first, second}
    assert {"statements", "evidence", "links"} <= changes.tables
    assert rob_listens.take() is None


def test_a_dropped_connection_is_reported_and_a_reconnect_refreshes_everything(
        team, rob_listens) -> None:
    with team.connect() as admin:  # the server ends the listener's session
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND query = 'LISTEN factcheck'", [team.dbname])
        admin.commit()
    with pytest.raises(TeamUnavailable):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            select.select([rob_listens.fileno()], [], [], 1)
            rob_listens.poll()
    assert not rob_listens.connected
    with team.connect("ana") as ana:  # made while nobody listened
        raw.add_statement(ana, quote="Said while the listener was away")
    rob_listens.reconnect()
    assert rob_listens.connected and rob_listens.poll()
    changes = rob_listens.take()
    assert changes.tables == EVERYTHING and changes.by_others  # missed news: reload all
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, quote="Said after the reconnect")
    assert wait_for(rob_listens)
    assert sid in rob_listens.take().statements


def test_a_wrong_or_missing_password_is_said_in_plain_words(team, tmp_path,
                                                            monkeypatch) -> None:
    url = team.server.url(user="rob", dbname=team.dbname)
    with pytest.raises(TeamUnavailable) as error:
        LiveUpdates(url, password="not-robs-password")
    assert "wrong password" in str(error.value) and "not-robs-password" not in str(error.value)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(PasswordNeeded) as error:
        connect(url)  # nobody is asked unless a prompt is given (the command line)
    assert "asks for a password" in str(error.value) and "~/.pgpass" in str(error.value)


def test_an_unreachable_server_is_said_in_plain_words(tmp_path) -> None:
    url = f"postgresql://ana@/newsroom?host={tmp_path / 'no-server-here'}"
    with pytest.raises(TeamUnavailable) as error:
        LiveUpdates(url)
    assert "the server is not reachable" in str(error.value)


def test_a_remembered_url_never_holds_the_password() -> None:
    assert public_url("postgresql://ana:s3cret@db.example.org:5433/news?sslmode=verify-full"
                      "&password=s3cret") == \
        "postgresql://ana@db.example.org:5433/news?sslmode=verify-full"
    assert "s3cret" not in public_url("host=db.example.org user=ana password=s3cret dbname=news")
    assert public_url("postgresql://ana@db/news") == "postgresql://ana@db/news"
