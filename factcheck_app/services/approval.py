"""Keeping an approval bound to what was approved, after any change to its content.

Shared by every use case that touches what an approval covers (the statement,
its evidence links, the linked evidence), so each calls one mechanism.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain import records as rec
from ..domain.workflow import APPROVED, DRAFT
from ..storage import records
from .workspace import Workspace


def after_content_change(ws: Workspace, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """After an edit of the statement row: act only when approved-over content changed.

    Must run inside the caller's transaction so the edit and its consequences
    land together.
    """
    content_changed = any(old.get(f) != new.get(f) for f in rec.CONTENT_FIELDS)
    return touch_content(ws, new["id"]) if content_changed else ""


def touch_content(ws: Workspace, statement_id: str) -> str:
    """The acting user becomes the assessment's last editor (four-eyes), and an
    approved statement whose content no longer hashes as approved goes back to draft.

    Returns the message to show when it went back to draft, else "".
    """
    db = ws.db
    current = records.get(db, "statements", statement_id)
    changes: dict[str, Any] = {}
    if current["last_editor_id"] != ws.actor.user_id:
        changes["last_editor_id"] = ws.actor.user_id
    message = ""
    if current["review_state"] == APPROVED:
        links = records.approval_links(db, statement_id)
        if rec.content_hash(current, links) != current["approved_hash"]:
            changes.update(review_state=DRAFT, approved_hash=None, approved_by=None,
                           approved_at=None)
            message = "the approved content changed, so the statement is back in draft"
    if changes:
        records.update(db, "statements", statement_id, changes, actor=ws.actor,
                       action="workflow" if "review_state" in changes else "edit",
                       reason="content changed after approval" if message else None)
    return message
