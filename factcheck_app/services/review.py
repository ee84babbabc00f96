"""The review workflow as use cases: each checks the rules, then records the step."""

from __future__ import annotations

from ..domain import workflow as wf
from ..domain.errors import InvalidInput
from ..domain.ids import new_id
from ..storage import evidence_rows, records
from ..storage.session import Session
from . import approval
from .workspace import Changes, Workspace


def _facts(ws: Workspace, statement: dict) -> wf.ReviewFacts:
    user = ws.require_user()
    stances = evidence_rows.stances_of_links(ws.store, statement["id"])
    level = ws.scale.level(statement["verdict"] or "pending")
    return wf.ReviewFacts(
        state=statement["review_state"], verdict=statement["verdict"] or "pending",
        actor_id=user.id, actor_role=user.role, last_editor_id=statement["last_editor_id"],
        four_eyes=bool(ws.setting("four_eyes")), required_stance=level.required_stance,
        stances=stances,
    )


def allowed_actions(ws: Workspace, statement_id: str) -> list[tuple[str, str | None]]:
    """Each action legal from the statement's state, with the reason it would be refused."""
    return wf.allowed_actions(_facts(ws, records.get(ws.store, "statements", statement_id)))


def act(ws: Workspace, *, statement_id: str, action: str, comment: str = "") -> Changes:
    """Perform a review action. Refusals raise before anything is written."""
    if action not in wf.ACTIONS:
        raise InvalidInput(f"unknown review action {action!r}")
    if action == wf.REQUEST_CHANGES and not comment.strip():
        raise InvalidInput("say what needs to change: requesting changes needs a comment")
    if action == wf.RETRACT and not comment.strip():
        raise InvalidInput("say why: retracting a statement needs a reason (--reason)")
    with ws.store.transaction() as db:
        statement = records.get(db, "statements", statement_id)
        target = wf.check_action(action, _facts(ws, statement))
        changes: dict = {"review_state": target}
        if action == wf.APPROVE:
            changes.update(approval.sign_off(ws, statement))
        if action == wf.SUBMIT and statement["assignee_id"] == ws.actor.user_id:
            changes["assignee_id"] = None  # it is no longer my turn
        if action == wf.REQUEST_CHANGES:
            changes["assignee_id"] = statement["last_editor_id"]  # back to its author
        if action in (wf.REOPEN, wf.RETRACT):
            # No longer approved: exports must not show a sign-off; the history keeps it.
            changes.update(approval.NOT_APPROVED)
        reason = wf.ACTION_LABELS[action]
        if action == wf.RETRACT:
            reason = comment = wf.RETRACTION_PREFIX + comment.strip()
        records.update(db, "statements", statement_id, changes, actor=ws.actor,
                       action="workflow", reason=reason)
        if comment.strip():
            _comment(ws, db, statement_id, comment)
    label = wf.STATE_LABELS[target].lower()
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements"}),
                   message=f"{wf.ACTION_LABELS[action]}: now {label}")


def submit(ws: Workspace, *, statement_id: str, comment: str = "") -> Changes:
    return act(ws, statement_id=statement_id, action=wf.SUBMIT, comment=comment)


def approve(ws: Workspace, *, statement_id: str, comment: str = "") -> Changes:
    return act(ws, statement_id=statement_id, action=wf.APPROVE, comment=comment)


def request_changes(ws: Workspace, *, statement_id: str, comment: str) -> Changes:
    return act(ws, statement_id=statement_id, action=wf.REQUEST_CHANGES, comment=comment)


def reopen(ws: Workspace, *, statement_id: str, comment: str = "") -> Changes:
    return act(ws, statement_id=statement_id, action=wf.REOPEN, comment=comment)


def retract(ws: Workspace, *, statement_id: str, reason: str) -> Changes:
    """Withdraw an approved statement: kept, marked retracted with the reason in its thread
    and history, and left out of published reports. A reviewer may reopen it later."""
    return act(ws, statement_id=statement_id, action=wf.RETRACT, comment=reason)


def assign(ws: Workspace, *, statement_id: str, user: str | None) -> Changes:
    """Say whose turn it is; assigning is not an edit of the assessment."""
    ws.require_user()
    assignee = ws.find_user(user).id if user else None
    with ws.store.transaction() as db:
        records.update(db, "statements", statement_id, {"assignee_id": assignee},
                       actor=ws.actor, action="assign")
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements"}),
                   message=f"assigned to {user}" if user else "unassigned")


def _comment(ws: Workspace, db: Session, statement_id: str, body: str) -> str:
    comment_id = new_id()
    records.insert(db, "comments", {"id": comment_id, "statement_id": statement_id,
                                       "user_id": ws.actor.user_id, "body": body.strip()},
                   actor=ws.actor)
    return comment_id


def add_comment(ws: Workspace, *, statement_id: str, body: str) -> Changes:
    ws.require_user()
    if not (body or "").strip():
        raise InvalidInput("a comment cannot be empty")
    with ws.store.transaction() as db:
        records.get(db, "statements", statement_id)
        comment_id = _comment(ws, db, statement_id, body)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"comments"}),
                   created=comment_id, message="comment added")
