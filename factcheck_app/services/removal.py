"""Taking evidence back: delete what nobody relied on, retract what an approval cited.

Statements are deleted in services.statements and retracted through the review
workflow (services.review.retract); evidence has no workflow of its own, so its
two ways out live here. Both land in the history with the acting user.
"""

from __future__ import annotations

from ..domain.errors import InvalidInput, PermissionDenied, RuleViolation
from ..domain.workflow import ADMIN, APPROVED, DRAFT, REVIEWER
from ..storage import evidence_rows, history, records
from .approval import NOT_APPROVED
from .workspace import Changes, Workspace


def delete_evidence(ws: Workspace, *, evidence_id: str) -> Changes:
    """Delete evidence no approved statement cites, with its links and file records.

    Only the analyst who recorded it, or an admin, may. The stored files stay in the
    content-addressed folder (another record may share them); the history keeps all.
    """
    user = ws.require_user()
    with ws.store.transaction() as db:
        current = records.get(db, "evidence", evidence_id)
        if current["created_by"] != user.id and user.role != ADMIN:
            raise PermissionDenied("only the analyst who recorded this evidence, or an admin, "
                                   "may delete it")
        linked = evidence_rows.links_of_evidence(db, evidence_id)
        cited = [s for s in linked if s["review_state"] == APPROVED]
        if cited:
            raise RuleViolation(f"{len(cited)} approved statement{'s' * (len(cited) > 1)} "
                                "cite this evidence; retract it instead (it is kept, marked "
                                "retracted with your reason)")
        for row in linked:
            records.delete(db, "links", row["link_id"], actor=ws.actor, reason="evidence deleted")
        for attachment_id in evidence_rows.attachment_ids_of(db, evidence_id):
            records.delete(db, "attachments", attachment_id, actor=ws.actor,
                           reason="evidence deleted")
        records.delete(db, "evidence", evidence_id, actor=ws.actor)
    return Changes(statements=frozenset(s["id"] for s in linked),
                   tables=frozenset({"evidence", "links", "attachments"}),
                   message="evidence deleted")


def retract_evidence(ws: Workspace, *, evidence_id: str, reason: str) -> Changes:
    """Mark evidence retracted (kept, with when and why); approved statements citing it
    go back to draft, as their verdict rested on it and needs another look."""
    ws.require_user(REVIEWER, ADMIN)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("say why: retracting evidence needs a reason (--reason)")
    with ws.store.transaction() as db:
        current = records.get(db, "evidence", evidence_id)
        if current.get("retracted_at"):
            raise RuleViolation("this evidence is already retracted")
        records.update(db, "evidence", evidence_id,
                       {"retracted_at": history.now(), "retracted_reason": reason},
                       actor=ws.actor, action="retract", reason=f"Retracted: {reason}")
        reopened = [s["id"] for s in evidence_rows.links_of_evidence(db, evidence_id) if s["review_state"] == APPROVED]
        for statement_id in reopened:
            records.update(db, "statements", statement_id,
                           {"review_state": DRAFT, **NOT_APPROVED,
                            "last_editor_id": ws.actor.user_id},
                           actor=ws.actor, action="workflow",
                           reason="evidence it cited was retracted")
    message = "evidence retracted"
    if reopened:
        message += (f"; {len(reopened)} approved statement{'s' * (len(reopened) > 1)} citing "
                    "it went back to draft")
    return Changes(statements=frozenset(reopened), tables=frozenset({"evidence", "statements"}),
                   message=message)
