"""One use case, one transaction: failures leave nothing, stale edits and rivals are handled."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factcheck_app.domain.errors import StaleEdit
from factcheck_app.services import evidence as ev
from factcheck_app.services import queries, statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import history
from tests.conftest import TEST_PASSPHRASE
from tests.history_helpers import history_count


def _counts(ws: Workspace) -> dict[str, int]:
    tables = ("statements", "statements_fts", "links", "evidence", "history", "statement_tags",
              "verdicts", "speakers")
    return {t: ws.store.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


class Boom(RuntimeError):
    pass


def _fail_on_call(monkeypatch: pytest.MonkeyPatch, n: int) -> list[int]:
    """Make the n-th record change of the next use case raise, as a crash would."""
    real = history.note
    calls: list[int] = []

    def flaky(db, change, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise Boom("disk went away")
        return real(db, change, **kwargs)

    monkeypatch.setattr(history, "note", flaky)
    return calls


@pytest.mark.solo_only(reason="injects a crash into the file's own history writer (the server writes a team's history)")
def test_link_failing_half_way_leaves_nothing_behind(ws: Workspace,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="Taxes will fall", stated_on="2023-03-01",
                                            tags="tax").created
    ws.sign_in("rob")  # a different user, so linking also records rob as last editor
    evidence_id = ev.add_evidence(ws, summary="Taxes rose by 2%").created
    before = _counts(ws)
    version = queries.get_statement(ws, statement_id)["version"]

    calls = _fail_on_call(monkeypatch, 2)
    with pytest.raises(Boom):
        ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="contradicts")
    assert len(calls) == 2  # the link row was written and noted before the failure

    monkeypatch.undo()
    assert _counts(ws) == before
    s = queries.get_statement(ws, statement_id)
    assert s["evidence"] == [] and s["version"] == version
    assert s["last_editor_id"] == ws.find_user("ana").id
    assert check_workspace(ws) == []
    # and the workspace still works: the same link now succeeds
    ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="contradicts")
    assert _counts(ws)["links"] == before["links"] + 1


@pytest.mark.solo_only(reason="injects a crash into the file's own history writer (the server writes a team's history)")
def test_add_statement_failing_after_the_insert_leaves_nothing(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    ws.sign_in("ana")
    before = _counts(ws)
    _fail_on_call(monkeypatch, 1)
    with pytest.raises(Boom):
        statements.add_statement(ws, quote="A bridge by spring", stated_on="2023-01-10",
                                 tags="bridges, transport", check_by="by spring")
    monkeypatch.undo()
    assert _counts(ws) == before
    assert queries.search_all(ws, "bridge")["statements"] == []
    assert check_workspace(ws) == []


@pytest.mark.solo_only(reason="injects a crash into the file's own history writer (the server writes a team's history)")
def test_nested_use_cases_roll_back_together(ws: Workspace) -> None:
    """The command line adds a new speaker and the statement in one transaction."""
    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services import speakers

    ws.sign_in("ana")
    before = _counts(ws)
    with pytest.raises(InvalidInput, match="needs a year"):
        with ws.store.transaction():
            speaker_id = speakers.ensure_speaker(ws, "Brand New Minister")
            statements.add_statement(ws, quote="x", stated_on="18 Feb", speaker_id=speaker_id)
    assert _counts(ws) == before
    assert speakers.find_speaker(ws, "Brand New Minister") is None


def test_stale_edit_names_who_saved_first(ws: Workspace) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="Rail line by 2025",
                                            stated_on="2023-01-10").created
    target = ws.store.target
    ws.close()
    # two windows (or processes) on the same workspace
    first = Workspace.open(target, user="ana", passphrase=TEST_PASSPHRASE, backup_on_open=False)
    second = Workspace.open(target, user="rob", passphrase=TEST_PASSPHRASE, backup_on_open=False)
    try:
        v = queries.get_statement(first, statement_id)["version"]
        assert queries.get_statement(second, statement_id)["version"] == v
        statements.edit_statement(first, statement_id=statement_id, expected_version=v,
                                  expectation="Trains run on the new line")
        history_rows = history_count(second)
        with pytest.raises(StaleEdit) as refused:
            statements.edit_statement(second, statement_id=statement_id, expected_version=v,
                                      expectation="Rob's different expectation")
        message = str(refused.value)
        assert "changed by Ana Petrova at " in message
        assert "reload to see their change" in message
        assert history_count(second) == history_rows
        s = queries.get_statement(second, statement_id)
        assert s["expectation"] == "Trains run on the new line" and s["version"] == v + 1
        # after reloading, the edit goes through
        statements.edit_statement(second, statement_id=statement_id, expected_version=v + 1,
                                  expectation="Rob's different expectation")
    finally:
        first.close()
        second.close()


def test_stale_verdict_is_refused(ws: Workspace) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="q", stated_on="2023").created
    v = queries.get_statement(ws, statement_id)["version"]
    statements.set_verdict(ws, statement_id=statement_id, verdict="held", expected_version=v)
    ws.sign_in("rob")
    with pytest.raises(StaleEdit, match="changed by Ana Petrova"):
        statements.set_verdict(ws, statement_id=statement_id, verdict="broken",
                               expected_version=v)
    assert queries.get_statement(ws, statement_id)["verdict"] == "held"


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from factcheck_app.services import statements
    from factcheck_app.services.workspace import Workspace

    path, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    ws = Workspace.open(path, user=name)
    (go.parent / f"ready-{name}").touch()
    while not go.exists():
        time.sleep(0.005)
    for i in range(30):
        statements.add_statement(ws, quote=f"{name} statement {i}", stated_on="2023-01-10",
                                 tags=name, check_by="by the end of June")
    ws.close()
    print("done", name)
""")


@pytest.mark.solo_only(reason="two processes on one workspace file (tests/team's load smoke run covers the server)")
def test_two_processes_writing_at_once_lose_nothing(ws: Workspace, tmp_path: Path) -> None:
    path = ws.path
    ws.close()
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(go)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name in ("ana", "rob")]
    deadline = time.monotonic() + 30
    while not all((tmp_path / f"ready-{n}").exists() for n in ("ana", "rob")):
        gone = [w for w in writers if w.poll() is not None]
        assert not gone, [w.communicate() for w in gone]
        assert time.monotonic() < deadline
        time.sleep(0.01)
    go.touch()  # both have the workspace open: start them together
    results = [w.communicate(timeout=60) for w in writers]
    for writer, (out, err) in zip(writers, results):
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
        assert writer.returncode == 0, err
        assert out.startswith("done")
    with Workspace.open(path, readonly=True) as after:
        rows = after.store.db.execute("SELECT tags, count(*) FROM statements GROUP BY tags").fetchall()
        assert sorted(rows) == [('["ana"]', 30), ('["rob"]', 30)]
        assert after.store.db.execute(
            "SELECT count(*) FROM statements WHERE check_by = '2023-06-30'").fetchone()[0] == 60
        assert check_workspace(after) == []
