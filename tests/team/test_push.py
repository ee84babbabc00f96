"""`team push`: a solo workspace arrives whole, ids, approvals and history included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg
import pytest

from factcheck_app.domain.errors import InvalidInput, RuleViolation
from factcheck_app.services.demo import build_demo
from factcheck_app.team import chain
from factcheck_app.team.push import push

from . import raw


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The sample workspace, built once for this module."""
    workspace = build_demo(tmp_path_factory.mktemp("solo") / "demo.factcheck")
    path = workspace.store.path
    workspace.close()
    return path


@pytest.fixture
def solo(demo_file, tmp_path):
    """A private copy of the sample workspace (the file and its attachments folder) for
    one test to push (or break)."""
    shutil.copytree(demo_file.with_name(demo_file.name + ".files"),
                    tmp_path / "demo.factcheck.files")
    return Path(shutil.copy(demo_file, tmp_path / "demo.factcheck"))


def _solo(path, sql):
    import sqlite3  # noqa: PLC0415 - reading the solo file back, as a user's tool would

    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_push_keeps_ids_approvals_and_history(team, solo) -> None:
    with team.connect("boss") as boss:
        result = push(solo, boss)
    solo_ids = {r[0] for r in _solo(solo, "SELECT id FROM statements")}
    solo_approved = {r[0] for r in _solo(
        solo, "SELECT id FROM statements WHERE review_state = 'approved'")}
    solo_history = _solo(solo, "SELECT seq, hash FROM history ORDER BY seq")
    with team.connect("ana") as ana:
        ids = {r[0] for r in ana.execute("SELECT id FROM factcheck.statements")}
        approved = {r[0] for r in ana.execute(
            "SELECT id FROM factcheck.statements WHERE review_state = 'approved'")}
        archive = ana.execute("SELECT entry FROM factcheck.imported_history ORDER BY seq").fetchall()
        meta = json.loads(ana.execute(
            "SELECT value FROM factcheck.team_meta WHERE id = 'solo_history'").fetchone()[0])
        links = ana.execute("SELECT count(*) FROM factcheck.links").fetchone()[0]
        archived_hash = ana.execute(
            "SELECT encode(sha256(convert_to(jsonb_agg(entry ORDER BY seq)::text, 'UTF8')), "
            "'hex') FROM factcheck.imported_history").fetchone()[0]
        change = raw.last_change_set(ana)
        assert chain.verify(ana) is None
    assert ids == solo_ids and len(ids) == 12
    assert approved == solo_approved and result.approvals_kept == len(solo_approved) > 0
    assert links == len(_solo(solo, "SELECT id FROM links"))
    assert len(archive) == len(solo_history) == result.history_entries == meta["entries"]
    assert [row[0]["seq"] for row in archive] == [row[0] for row in solo_history]
    assert meta["solo_head"] == solo_history[-1][1].hex()  # the verified chain's end
    assert any(change["table"] == "statements" and "quote" in change["fields"]
               for (entry,) in archive for change in entry["changes"])
    assert meta["sha256"] == result.history_sha256 == archived_hash
    assert (change["user_name"], change["action"]) == ("boss", "import")


def test_a_solo_user_already_on_the_team_keeps_their_work(team, solo) -> None:
    with team.connect("boss") as boss:
        push(solo, boss)
    ana_id = team.user_id("ana")
    solo_ana = _solo(solo, "SELECT id FROM users WHERE name = 'ana'")[0][0]
    with team.connect("ana") as ana:
        mine = ana.execute("SELECT count(*) FROM factcheck.statements WHERE created_by = %s",
                           [ana_id]).fetchone()[0]
        orphans = ana.execute("SELECT count(*) FROM factcheck.statements WHERE created_by = %s",
                              [solo_ana]).fetchone()[0]
        maya = ana.execute("SELECT active FROM factcheck.users WHERE name = 'maya'").fetchone()
    assert mine > 0 and orphans == 0
    assert maya == (0,)  # no login yet: inactive until an admin adds one


def test_pushed_approvals_are_still_guarded(team, solo) -> None:
    with team.connect("boss") as boss:
        push(solo, boss)
    with team.connect("ana") as ana:
        sid = ana.execute("SELECT id FROM factcheck.statements WHERE review_state = 'approved' "
                          "LIMIT 1").fetchone()[0]
        ana.rollback()
        raw.update(ana, "statements", sid, verdict_rationale="Rewritten after the push")
        assert raw.statement(ana, sid)["review_state"] == "draft"


def test_push_refuses_twice_and_changes_nothing(team, solo) -> None:
    with team.connect("boss") as boss:
        push(solo, boss)
        before = chain.count(boss)
        boss.rollback()
        with pytest.raises(InvalidInput, match="already holds statements"):
            push(solo, boss)
        assert chain.count(boss) == before


def test_only_an_admin_may_push(team, solo) -> None:
    with team.connect("rob") as rob, pytest.raises(RuleViolation, match="only an admin"):
        push(solo, rob)
    with team.connect("rob") as rob:
        assert rob.execute("SELECT count(*) FROM factcheck.statements").fetchone()[0] == 0


def test_a_broken_solo_history_is_not_pushed(team, solo) -> None:
    import sqlite3  # noqa: PLC0415

    with sqlite3.connect(solo) as db:  # someone edits the history behind the app's back
        db.execute("DROP TRIGGER history_no_update")
        db.execute("UPDATE history SET reason = 'forged' WHERE seq = 5")
    with team.connect("boss") as boss, pytest.raises(RuleViolation, match="history"):
        push(solo, boss)
    with team.connect("boss") as boss:
        assert boss.execute("SELECT count(*) FROM factcheck.statements").fetchone()[0] == 0


def test_tampering_with_the_server_history_is_found(team) -> None:
    with team.connect("ana") as ana:
        raw.add_statement(ana)
    with team.connect(autocommit=True) as superuser:  # only a superuser can get round it
        superuser.execute("SET session_replication_role = replica")
        superuser.execute("UPDATE factcheck.change_sets SET user_name = 'rob' "
                          "WHERE seq = (SELECT max(seq) FROM factcheck.change_sets)")
    with team.connect("ana") as ana:
        problem = chain.verify(ana)
    assert problem is not None and "altered" in problem.message


def test_after_a_push_not_even_an_admin_can_import_an_approval(team, solo) -> None:
    with team.connect("boss") as boss:
        push(solo, boss)
        sid = raw.add_statement(boss)
        boss_id = team.user_id("boss")
        with pytest.raises(psycopg.Error):
            raw.approve_in_import_mode(boss, sid, boss_id)
        assert raw.statement(boss, sid)["review_state"] == "draft"


def test_import_mode_closes_once_the_team_has_statements(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
    with team.connect("boss") as boss:
        with pytest.raises(psycopg.Error):
            raw.approve_in_import_mode(boss, sid, team.user_id("boss"))
        assert raw.statement(boss, sid)["approved_by"] is None
