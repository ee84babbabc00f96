"""Keeping an approval bound to what was approved, after any change to its content.

Shared by every use case that touches what an approval covers (the statement,
its evidence links, the linked evidence), so each calls one mechanism.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain import records as rec
from ..domain import signatures as sig
from ..domain.errors import PermissionDenied
from ..domain.workflow import APPROVED, DRAFT
from ..storage import history, records, signing
from ..storage.session import Session
from .workspace import Workspace

# What an approval leaves on the statement, cleared when it no longer stands.
NOT_APPROVED = {"approved_hash": None, "approved_by": None, "approved_at": None,
                "approved_signature": None}


def sign_off(ws: Workspace, statement: Mapping[str, Any]) -> dict[str, Any]:
    """The approval fields: what was approved (its content hash), by whom, when, and
    the approver's signature over exactly that, which a package carries to readers.
    On a team workspace the server records the approval itself: nothing to add."""
    if records.server_binds_approvals(ws.store):
        return {}
    signer = ws.store.signer
    if signer is None or signer.user_id != ws.actor.user_id:
        raise PermissionDenied("sign in with your passphrase to approve")
    content = rec.content_hash(statement, records.approval_links(ws.store, statement["id"]))
    at = history.now()
    message = sig.approval_message(signing.identity(ws.store).workspace_id, statement["id"],
                                   content, signer.user_id, at)
    return {"approved_hash": content, "approved_by": signer.user_id, "approved_at": at,
            "approved_signature": signer.sign(message)}


def after_content_change(ws: Workspace, db: Session, old: Mapping[str, Any],
                         new: Mapping[str, Any]) -> str:
    """After an edit of the statement row: act only when approved-over content changed.

    Must run inside the caller's transaction so the edit and its consequences
    land together.
    """
    content_changed = any(old.get(f) != new.get(f) for f in rec.CONTENT_FIELDS)
    return touch_content(ws, db, new["id"]) if content_changed else ""


def touch_content(ws: Workspace, db: Session, statement_id: str) -> str:
    """The acting user becomes the assessment's last editor (four-eyes), and an
    approved statement whose content no longer hashes as approved goes back to draft.

    Runs in the caller's transaction (`db`, the handle it yielded). Returns the message
    to show when it went back to draft, else "".
    """
    if records.server_binds_approvals(db):
        withdrawn = records.withdrawn_on_server(db, statement_id,
                                                reason="content changed after approval")
        return "the approved content changed, so the statement is back in draft" \
            if withdrawn else ""
    current = records.get(db, "statements", statement_id)
    changes: dict[str, Any] = {}
    if current["last_editor_id"] != ws.actor.user_id:
        changes["last_editor_id"] = ws.actor.user_id
    message = ""
    if current["review_state"] == APPROVED:
        links = records.approval_links(db, statement_id)
        if rec.content_hash(current, links) != current["approved_hash"]:
            changes.update(review_state=DRAFT, **NOT_APPROVED)
            message = "the approved content changed, so the statement is back in draft"
    if changes:
        records.update(db, "statements", statement_id, changes, actor=ws.actor,
                       action="workflow" if "review_state" in changes else "edit",
                       reason="content changed after approval" if message else None)
    return message


def signed_approvals(ws: Workspace, statement_ids: list[str]) -> dict[str, Any] | None:
    """The approvals of these statements with their signatures and every key the history
    gave each approver: what a package carries so a reader can check them offline. None
    when the workspace signs nothing (a team workspace: its server vouches for approvals)."""
    if not signing.is_signed(ws.store):
        return None
    keys = signing.public_keys(ws.store)
    approvals, approvers = [], {}
    for statement_id in statement_ids:
        row = records.get(ws.store, "statements", statement_id)
        if row["review_state"] != APPROVED:
            continue
        approver = row["approved_by"]
        if approver not in approvers:
            user = records.find(ws.store, "users", approver) or {}
            approvers[approver] = {"name": user.get("display_name") or user.get("name"),
                                   "public_keys": [key for _, key in keys.get(approver, [])]}
        approvals.append({"statement_id": statement_id, "content_hash": row["approved_hash"],
                          "approver_id": approver, "approver": approvers[approver]["name"],
                          "approved_at": row["approved_at"],
                          "signature": row["approved_signature"]})
    return {"schema": sig.APPROVALS_SCHEMA,
            "workspace_id": signing.identity(ws.store).workspace_id,
            "signed": "Ed25519 over " + sig.APPROVAL_FIELDS,
            "approvers": approvers, "approvals": approvals}
