"""`team push` of a real solo workspace with attachments: the bytes arrive on the server,
what the solo workspace signed stays checkable, and a file failing `check` is refused."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck_app.domain.errors import RuleViolation
from factcheck_app.services import evidence as ev
from factcheck_app.services.check import check_workspace
from factcheck_app.services.team_push import push_solo
from factcheck_app.services.workspace import Workspace
from factcheck_app.team import chain, solo_proof

from ..conftest import TEST_PASSPHRASE, team_url
from .test_push import demo_file, solo  # noqa: F401 - the shared solo fixtures


def _solo(path, sql, params=()):
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def test_push_copies_every_attachment_byte_for_byte(team, solo) -> None:  # noqa: F811
    with team.connect("boss") as boss:
        result = push_solo(solo, boss)
    blobs = solo.with_name(solo.name + ".files")
    hashes = {sha for (sha,) in _solo(solo, "SELECT sha256 FROM attachments")} | {
        sha for (sha,) in _solo(solo, "SELECT file_sha256 FROM sources "
                                      "WHERE file_sha256 IS NOT NULL")}
    assert result.files == len(hashes) > 0
    with Workspace.open(team_url(team.server, team.dbname, "ana"),
                        passphrase=TEST_PASSPHRASE) as ws:
        attached = [a for e in ev.list_evidence(ws)
                    for a in ev.get_evidence(ws, e["id"])["attachments"]]
        assert attached
        for a in attached:
            with ev.open_attachment(ws, a["id"]) as stored:
                assert stored.read() == (blobs / a["sha256"][:2] / a["sha256"]).read_bytes()
        assert check_workspace(ws) == []  # the chain, the files, the solo signatures


def test_the_pushed_approvals_keep_what_was_approved_by_whom(team, solo) -> None:  # noqa: F811
    with team.connect("boss") as boss:
        result = push_solo(solo, boss)
    approved = _solo(solo, "SELECT id, approved_hash, approved_by, approved_at, "
                           "approved_signature FROM statements WHERE review_state = 'approved'")
    with team.connect("ana") as ana:
        kept = ana.execute("SELECT statement_id, content_hash, approver_id, approved_at, "
                           "signature FROM factcheck.imported_approvals").fetchall()
        assert solo_proof.problems(ana) == []
        signatures = ana.execute("SELECT count(*) FROM factcheck.imported_signatures"
                                 ).fetchone()[0]
    assert sorted(kept) == sorted(approved) and all(row[4] for row in kept)
    assert signatures == result.signatures == _solo(solo, "SELECT count(*) FROM signatures")[0][0]
    with team.connect(autocommit=True) as superuser:  # only a superuser can get round it
        superuser.execute("SET session_replication_role = replica")
        superuser.execute("UPDATE factcheck.imported_approvals SET content_hash = %s "
                          "WHERE statement_id = %s", ["0" * 64, approved[0][0]])
    with team.connect("ana") as ana:
        assert solo_proof.problems(ana) == [
            f"solo approval of statement {approved[0][0][:8]} by Rob Kessler: its signature "
            "does not hold"]


def _drop_a_file(solo) -> str:
    sha = _solo(solo, "SELECT sha256 FROM attachments LIMIT 1")[0][0]
    (solo.with_name(solo.name + ".files") / sha[:2] / sha).unlink()
    return "file is missing"


def _edit_behind_the_apps_back(solo) -> str:
    with sqlite3.connect(solo) as db:
        db.execute("UPDATE statements SET quote = 'Forged' WHERE rowid = 1")
    return "history"


@pytest.mark.parametrize("damage", [_drop_a_file, _edit_behind_the_apps_back])
def test_a_solo_file_that_fails_check_is_not_pushed(team, solo, damage) -> None:  # noqa: F811
    said = damage(solo)
    with team.connect("boss") as boss:
        before = chain.count(boss)
        with pytest.raises(RuleViolation, match=r"does not pass `factcheck check`: .*" + said
                           + r".*nothing was pushed"):
            push_solo(solo, boss)
    with team.connect("boss") as boss:
        assert chain.count(boss) == before
        for table in ("statements", "files", "imported_approvals"):
            assert boss.execute(f"SELECT count(*) FROM factcheck.{table}").fetchone()[0] == 0
