"""A workspace written with the per-field history opens, converted to change sets, and checks clean.

The fixture is a real workspace made by the last Factcheck with per-field history: the
sample plus an edit, a speaker merge, an unlinked piece of evidence, a setting and a
comment (so every kind of change is there to carry over).
"""

from __future__ import annotations

import sqlite3
import tarfile
from pathlib import Path

import pytest

from factcheck_app.domain.errors import WorkspaceInvalid
from factcheck_app.services import queries
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import backup as backups

DATA = Path(__file__).with_name("data") / "v1-workspace.tar.gz"
EDITED = "980759ca-5aa7-4d37-91ed-a2363f00a497"  # the statement whose quote was edited


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    with tarfile.open(DATA) as archive:
        archive.extractall(tmp_path, filter="data")
    return tmp_path / "v1.factcheck"


def _sql(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_old_workspace_is_converted_and_checks_clean(v1_path: Path) -> None:
    old_rows = _sql(v1_path, "SELECT count(*) FROM history")[0][0]
    old_quote = _sql(v1_path, "SELECT quote FROM statements WHERE id = ?", (EDITED,))[0][0]
    with Workspace.open(v1_path) as ws:  # its users have no keys yet: nobody signs in
        assert check_workspace(ws) == []
        change_sets = ws.store.db.execute("SELECT count(*) FROM history").fetchone()[0]
        assert 0 < change_sets < old_rows / 5  # one row per use case, not per field
        history = queries.record_history(ws, "statements", EDITED)
        edit = [h for h in history if h["action"] == "edit" and h["field"] == "quote"]
        assert [(h["user_name"], h["new"]) for h in edit] == [("ana", old_quote)]
        assert [h for h in history if h["op"] == "c" and h["field"] == "quote"]
    tables = {row[0] for row in _sql(v1_path, "SELECT name FROM sqlite_master")}
    assert "history_v1" not in tables and "history_records" in tables
    # the file as it was is kept, next to it
    made = [p for p in backups.list_backups(v1_path) if "before-m002_change_sets" in p.name]
    assert len(made) == 1
    assert _sql(made[0], "SELECT count(*) FROM history")[0][0] == old_rows


def test_a_record_edited_behind_the_apps_back_before_upgrading_is_still_caught(
        v1_path: Path, plain_sql) -> None:
    before = _sql(v1_path, "SELECT verdict FROM statements WHERE id = ?", (EDITED,))[0][0]
    plain_sql(v1_path, "UPDATE statements SET verdict = 'unverifiable' WHERE id = ?",
              params=(EDITED,))
    with Workspace.open(v1_path) as ws:
        assert [str(p) for p in check_workspace(ws)] == [
            f"statements {EDITED}: field 'verdict' was changed outside Factcheck "
            f"(history says \"{before}\", file has \"unverifiable\")"]


def test_a_broken_old_history_is_not_carried_over(v1_path: Path, plain_sql) -> None:
    """Converting a tampered chain would launder it into a fresh, valid one: refused."""
    plain_sql(v1_path, "DROP TRIGGER history_no_update",
              "UPDATE history SET new_value = '\"forged\"' WHERE seq = 50")
    before = _sql(v1_path, "SELECT count(*), max(seq) FROM history")
    with pytest.raises(WorkspaceInvalid, match=r"cannot upgrade this workspace: its history "
                                               r"is broken \(entry #50 was altered"):
        Workspace.open(v1_path)
    assert _sql(v1_path, "SELECT count(*), max(seq) FROM history") == before
    assert _sql(v1_path, "SELECT name FROM _sqlite_migrations") == [("m001_initial",)]


def test_an_upgraded_workspace_gets_keys_through_its_admin_and_checks_clean(
        v1_path: Path) -> None:
    from factcheck_app.domain.errors import PermissionDenied
    from factcheck_app.services import statements, users

    with Workspace.open(v1_path) as ws:
        with pytest.raises(PermissionDenied, match="no passphrase yet"):
            ws.sign_in("rob")  # a reviewer cannot claim the old account by signing in
        ws.sign_in("maya", "maya's first passphrase")  # the first admin sets theirs
        users.issue_passphrase(ws, name="ana", passphrase="ana's first passphrase")
        ws.sign_in("ana", "ana's first passphrase")
        statements.edit_statement(ws, statement_id=EDITED, expectation="Signed from now on")
        # the old approvals and entries pass as from before signing; the new ones are signed
        assert check_workspace(ws) == []
