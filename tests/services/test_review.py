"""The review workflow as users live it: four-eyes, evidence, approvals bound to content."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

import pytest

from factcheck_app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from factcheck_app.domain.filters import StatementFilter
from factcheck_app.services import evidence as ev
from factcheck_app.services import queries, review, statements, users
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from tests.history_helpers import history_count


def _history_count(ws: Workspace) -> int:
    return history_count(ws)


def _state(ws: Workspace, statement_id: str) -> str:
    return queries.get_statement(ws, statement_id)["review_state"]


def _draft(ws: Workspace, quote: str = "Unemployment will halve by 2024") -> str:
    ws.sign_in("ana")
    return statements.add_statement(ws, quote=quote, stated_on="2023-01-10", kind="promise",
                                    check_by="by the end of next year").created


def test_four_eyes_journey(ws: Workspace) -> None:
    statement_id = _draft(ws)
    statements.edit_statement(ws, statement_id=statement_id,
                              expectation="Official statistics show the rate halved")
    review.submit(ws, statement_id=statement_id)
    assert _state(ws, statement_id) == "in_review"

    with pytest.raises(PermissionDenied, match="only a reviewer or admin may approve; you are "
                                               "signed in as an analyst"):
        review.approve(ws, statement_id=statement_id)

    ws.sign_in("rob")
    statements.set_verdict(ws, statement_id=statement_id, verdict="partly held",
                           rationale="It fell by a third")
    rows = _history_count(ws)
    with pytest.raises(RuleViolation, match="four-eyes"):
        review.approve(ws, statement_id=statement_id)
    with pytest.raises(RuleViolation, match="four-eyes"):
        review.request_changes(ws, statement_id=statement_id, comment="hmm")
    assert _history_count(ws) == rows and _state(ws, statement_id) == "in_review"
    assert dict(review.allowed_actions(ws, statement_id))["approve"].endswith("(four-eyes rule)")

    ws.sign_in("rita")
    assert review.allowed_actions(ws, statement_id) == [("approve", None),
                                                        ("request_changes", None)]
    review.approve(ws, statement_id=statement_id, comment="Checked")
    s = queries.get_statement(ws, statement_id)
    assert s["review_state"] == "approved"
    assert s["approved_by_name"] == "Rita Moreno"
    assert s["verdict"] == "partly_held"
    assert [c["body"] for c in s["comments"]] == ["Checked"]
    assert check_workspace(ws) == []


def test_switching_four_eyes_off_is_recorded_and_lets_a_reviewer_approve_own_work(
        ws: Workspace) -> None:
    statement_id = _draft(ws)
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    statements.set_verdict(ws, statement_id=statement_id, verdict="unverifiable")
    with pytest.raises(RuleViolation, match="four-eyes"):
        review.approve(ws, statement_id=statement_id)

    with pytest.raises(PermissionDenied):
        users.set_setting(ws, key="four_eyes", value="off")  # a reviewer may not
    ws.sign_in("admin")
    users.set_setting(ws, key="four_eyes", value="off", reason="one-person team this week")
    entry = queries.record_history(ws, "settings", "four_eyes")[-1]
    assert (entry["user_name"], entry["action"], entry["field"], entry["old"], entry["new"],
            entry["reason"]) == ("admin", "setting", "value", json.dumps(True),
                                 json.dumps(False), "one-person team this week")
    assert ws.setting("four_eyes") is False

    ws.sign_in("rob")
    review.approve(ws, statement_id=statement_id)
    assert _state(ws, statement_id) == "approved"
    assert check_workspace(ws) == []


def test_approving_broken_needs_contradicting_evidence(ws: Workspace) -> None:
    statement_id = _draft(ws)
    statements.set_verdict(ws, statement_id=statement_id, verdict="broken")
    context = ev.add_evidence(ws, summary="Unemployment statistics for 2024").created
    ev.link(ws, statement_id=statement_id, evidence_id=context, stance="context")
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    rows = _history_count(ws)
    with pytest.raises(RuleViolation, match="a broken verdict needs at least one linked piece "
                                            "of evidence that contradicts the statement"):
        review.approve(ws, statement_id=statement_id)
    assert _history_count(ws) == rows and _state(ws, statement_id) == "in_review"

    ws.sign_in("ana")
    ev.link(ws, statement_id=statement_id, evidence_id=context, stance="contradicts")
    ws.sign_in("rob")
    review.approve(ws, statement_id=statement_id)
    assert _state(ws, statement_id) == "approved"


def _approved(ws: Workspace) -> tuple[str, str]:
    """An approved Held statement (ana wrote it, rob approved); returns (statement, evidence)."""
    statement_id = _draft(ws)
    evidence_id = ev.add_evidence(ws, summary="Rate fell from 8% to 4%").created
    ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="supports")
    statements.set_verdict(ws, statement_id=statement_id, verdict="held")
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    review.approve(ws, statement_id=statement_id)
    assert _state(ws, statement_id) == "approved"
    return statement_id, evidence_id


EDITS: dict[str, Callable[[Workspace, str, str], object]] = {
    "edit_statement": lambda ws, s, e: statements.edit_statement(
        ws, statement_id=s, expectation="A different expectation"),
    "set_verdict": lambda ws, s, e: statements.set_verdict(ws, statement_id=s,
                                                           verdict="partly_held"),
    "link": lambda ws, s, e: ev.link(ws, statement_id=s, stance="context", evidence_id=ev.add_evidence(
        ws, summary="A regional breakdown").created),
    "relink_with_other_stance": lambda ws, s, e: ev.link(ws, statement_id=s, evidence_id=e,
                                                         stance="context"),
    "unlink": lambda ws, s, e: ev.unlink(ws, statement_id=s, evidence_id=e),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("editor", ["ana", "rita"])
def test_any_edit_after_approval_sends_it_back_to_draft(ws: Workspace, edit: str,
                                                        editor: str) -> None:
    statement_id, evidence_id = _approved(ws)
    ws.sign_in(editor)
    changes = EDITS[edit](ws, statement_id, evidence_id)
    assert changes.message == "the approved content changed, so the statement is back in draft"
    s = queries.get_statement(ws, statement_id)
    assert s["review_state"] == "draft"
    back = [h for h in s["history"] if h["field"] == "review_state"][-1]
    assert (back["old"], back["new"]) == ("approved", "draft")
    assert back["reason"] == "content changed after approval"
    assert back["user_name"] == editor
    assert s["last_editor_id"] == ws.find_user(editor).id
    assert check_workspace(ws) == []


def test_changes_that_are_not_content_keep_the_approval(ws: Workspace) -> None:
    statement_id, evidence_id = _approved(ws)
    ws.sign_in("ana")
    statements.edit_statement(ws, statement_id=statement_id,
                              quote="Unemployment will halve by 2024")  # the same text
    review.assign(ws, statement_id=statement_id, user="rita")
    review.add_comment(ws, statement_id=statement_id, body="Nice work")
    assert _state(ws, statement_id) == "approved"
    assert check_workspace(ws) == []


def test_reopen_only_by_reviewer_or_admin(ws: Workspace) -> None:
    statement_id, _ = _approved(ws)
    ws.sign_in("ana")
    rows = _history_count(ws)
    with pytest.raises(PermissionDenied, match="only a reviewer or admin may reopen"):
        review.reopen(ws, statement_id=statement_id)
    assert _history_count(ws) == rows and _state(ws, statement_id) == "approved"
    for who in ("rob", "admin"):
        ws.sign_in(who)
        review.reopen(ws, statement_id=statement_id)
        assert _state(ws, statement_id) == "draft"
        if who == "rob":  # back to approved for the admin's turn
            ws.sign_in("ana")
            review.submit(ws, statement_id=statement_id)
            ws.sign_in("rita")
            review.approve(ws, statement_id=statement_id)
    history = queries.get_statement(ws, statement_id)["history"]
    last = [h for h in history if h["field"] == "review_state"][-1]
    assert (last["action"], last["reason"], last["user_name"], last["new"]) == (
        "workflow", "Reopen", "admin", "draft")
    # a reopened statement no longer carries a sign-off (the history keeps the old one)
    s = queries.get_statement(ws, statement_id)
    assert s["approved_by"] is None and s["approved_at"] is None


def test_request_changes_needs_a_comment_and_goes_back_to_the_last_editor(ws: Workspace) -> None:
    statement_id = _draft(ws)
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    rows = _history_count(ws)
    for empty in ("", "   "):
        with pytest.raises(InvalidInput, match="requesting changes needs a comment"):
            review.request_changes(ws, statement_id=statement_id, comment=empty)
    assert _history_count(ws) == rows and _state(ws, statement_id) == "in_review"

    review.request_changes(ws, statement_id=statement_id, comment="Which statistics office?")
    s = queries.get_statement(ws, statement_id)
    assert s["review_state"] == "changes_requested"
    assert s["assignee_name"] == "Ana Petrova"
    assert [c["body"] for c in s["comments"]] == ["Which statistics office?"]
    ws.sign_in("ana")
    queue = queries.list_statements(ws, StatementFilter(queue_for=ws.user.id))
    assert [r["id"] for r in queue] == [statement_id]
    # ana resubmits; it is nobody's turn in particular but not hers
    review.submit(ws, statement_id=statement_id)
    assert queries.list_statements(ws, StatementFilter(queue_for=ws.user.id)) == []
    assert [r["id"] for r in queries.list_statements(
        ws, StatementFilter(queue_for=ws.find_user("rita").id))] == [statement_id]


def test_analyst_cannot_manage_users_or_settings(ws: Workspace) -> None:
    ws.sign_in("ana")
    rows = _history_count(ws)
    with pytest.raises(PermissionDenied, match="only an admin may do this; you are Ana Petrova "
                                               r"\(analyst\)"):
        users.add_user(ws, name="mallory", role="reviewer")
    with pytest.raises(PermissionDenied):
        users.set_role(ws, name="ana", role="admin")
    with pytest.raises(PermissionDenied):
        users.set_setting(ws, key="four_eyes", value="off")
    assert _history_count(ws) == rows
    assert [u.name for u in ws.users()] == ["admin", "ana", "rita", "rob"]
    assert ws.find_user("ana").role == "analyst"


def test_last_admin_cannot_be_demoted(ws: Workspace) -> None:
    """(The signed-in admin stepping down is tests/team/test_admins.py's, with logins of
    its own: on the team engine a role is the login's, on the whole server.)"""
    with pytest.raises(InvalidInput, match="at least one admin"):
        users.set_role(ws, name="admin", role="analyst")
    users.add_user(ws, name="second", role="admin")
    users.set_role(ws, name="second", role="reviewer")
    assert ws.find_user("second").role == "reviewer"
    with pytest.raises(InvalidInput, match="at least one admin"):
        users.set_role(ws, name="admin", role="analyst")
    assert ws.find_user("admin").role == "admin"


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_tampered_approved_hash_is_caught_by_check(ws: Workspace) -> None:
    statement_id, _ = _approved(ws)
    conn = sqlite3.connect(str(ws.path))
    conn.execute("UPDATE statements SET approved_hash = ? WHERE id = ?", ["0" * 64, statement_id])
    conn.commit()
    conn.close()
    problems = [str(p) for p in check_workspace(ws)]
    assert f"statements {statement_id}: approved content differs from what the reviewer approved" \
        in problems
    assert any(p.startswith(f"statements {statement_id}: field 'approved_hash' was changed")
               for p in problems)


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_content_changed_behind_the_apps_back_breaks_the_approval(ws: Workspace) -> None:
    """A forger who also appends a well-chained history entry still cannot keep the approval."""
    from sqlite_utils import Database

    from factcheck_app.storage import history
    from factcheck_app.storage.changeset import UPDATE, RecordChange

    statement_id, _ = _approved(ws)
    db = Database(sqlite3.connect(str(ws.path)))
    old = db.execute("SELECT verdict_rationale FROM statements WHERE id = ?",
                     [statement_id]).fetchone()[0]
    with db.conn:
        db.conn.execute("UPDATE statements SET verdict_rationale = 'forged' WHERE id = ?",
                        [statement_id])
        history.note(db, RecordChange("statements", statement_id, UPDATE,
                                      {"verdict_rationale": (old, "forged")}, "edit"),
                     actor=history.Actor(None, "forger"), at=history.now())
    db.close()
    seq = ws.store.db.execute("SELECT max(seq) FROM history").fetchone()[0]
    assert [str(p) for p in check_workspace(ws)] == [
        f"history #{seq}: history entry #{seq} is not signed: it was added outside Factcheck",
        f"statements {statement_id}: approved content differs from what the reviewer approved"]


def test_linking_again_unchanged_does_not_make_the_reviewer_the_last_editor(ws: Workspace) -> None:
    from factcheck_app.services import evidence as ev
    from factcheck_app.services import statements

    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="We will win", stated_on="2024-01-01",
                                            kind="promise").created
    evidence_id = ev.add_evidence(ws, summary="They won", occurred_on="2024-06-01").created
    ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="supports")
    statements.set_verdict(ws, statement_id=statement_id, verdict="held")
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="supports")
    review.approve(ws, statement_id=statement_id)  # rob changed nothing: four-eyes still holds
    assert queries.get_statement(ws, statement_id)["review_state"] == "approved"


def test_editing_the_evidence_an_approval_rests_on_reopens_it(ws: Workspace) -> None:
    from factcheck_app.services import evidence as ev
    from factcheck_app.services import statements
    from factcheck_app.services.check import check_workspace

    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="No troops will stay", stated_on="2022-02",
                                            kind="promise").created
    evidence_id = ev.add_evidence(ws, summary="Troops stayed", occurred_on="2022-02-24").created
    ev.link(ws, statement_id=statement_id, evidence_id=evidence_id, stance="contradicts")
    statements.set_verdict(ws, statement_id=statement_id, verdict="broken")
    review.submit(ws, statement_id=statement_id)
    ws.sign_in("rob")
    review.approve(ws, statement_id=statement_id)
    ws.sign_in("ana")
    changes = ev.edit_evidence(ws, evidence_id=evidence_id, summary="Troops left after all")
    assert "went back to draft" in changes.message
    s = queries.get_statement(ws, statement_id)
    assert s["review_state"] == "draft" and s["approved_by"] is None
    assert check_workspace(ws) == []
