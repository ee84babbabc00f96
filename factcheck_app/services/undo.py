"""Undo as a use case: each edit returns the step that reverses it, applied here.

The reversal is itself an ordinary, audited edit (history never shrinks), and its
own Changes carry the step that redoes the original.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import InvalidInput
from . import evidence, sources, speakers, statements
from .workspace import Changes, Workspace


def apply(ws: Workspace, step: dict[str, Any]) -> Changes:
    op = step.get("op")
    if op == "edit_statement":
        return statements.edit_statement(ws, statement_id=step["statement_id"],
                                         reason="undo", **step["fields"])
    if op == "set_verdict":
        return statements.set_verdict(ws, statement_id=step["statement_id"],
                                      verdict=step["verdict"], rationale=step["rationale"],
                                      confidence=step["confidence"])
    if op == "link":
        return evidence.link(ws, statement_id=step["statement_id"],
                             evidence_id=step["evidence_id"], stance=step["stance"],
                             note=step.get("note", ""))
    if op == "unlink":
        return evidence.unlink(ws, statement_id=step["statement_id"],
                               evidence_id=step["evidence_id"])
    if op == "edit_speaker":
        return speakers.edit_speaker(ws, speaker_id=step["speaker_id"], **step["fields"])
    if op == "edit_source":
        return sources.edit_source(ws, source_id=step["source_id"], **step["fields"])
    if op == "edit_evidence":
        return evidence.edit_evidence(ws, evidence_id=step["evidence_id"], **step["fields"])
    if op == "delete_import":
        with ws.store.transaction():
            for statement_id in step["statement_ids"]:
                statements.delete_statement(ws, statement_id=statement_id)
            # an import that reused an existing source (same SHA-256) created none to remove
            if step.get("source_id") is None:
                n = len(step["statement_ids"])
                return Changes(statements=frozenset(step["statement_ids"]),
                               tables=frozenset({"statements"}),
                               message=f"removed {n} imported statement{'s' * (n != 1)}")
            return sources.delete_source(ws, source_id=step["source_id"])
    if op == "delete_statement":
        return statements.delete_statement(ws, statement_id=step["statement_id"])
    raise InvalidInput(f"cannot undo {op!r}")
