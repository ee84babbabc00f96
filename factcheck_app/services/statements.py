"""Statements: record what was said, what would show it held, and by when."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..domain import records as rec
from ..domain.dates import parse_day, parse_fuzzy_date
from ..domain.deadlines import resolve_deadline
from ..domain.errors import InvalidInput, PermissionDenied, RuleViolation
from ..domain.ids import new_id
from ..domain.verdicts import PENDING
from ..domain.workflow import ADMIN, APPROVED, DRAFT, RETRACTED
from ..storage import lookups, records, user_rows
from ..storage.session import Session
from . import speakers
from .approval import after_content_change
from .conflicts import refuse_unseen_changes
from .workspace import Changes, Workspace

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EDITABLE = (
    "quote", "original_text", "original_language", "speaker", "speaker_id", "stated_on", "source_id",
    "source_start", "source_end", "location", "kind", "tags", "expectation", "check_by",
    "assignee_id",
)


def resolve_check_by(text: str | None, stated: date) -> tuple[str | None, str | None]:
    """(check_by date, phrase) from what the analyst typed: a date or their own words.

    Vague phrases keep the phrase and no date, so the statement is flagged rather
    than given a guessed deadline.
    """
    text = (text or "").strip()
    if not text:
        return None, None
    if _ISO_DAY.match(text):
        return parse_day(text, what="check-by date").isoformat(), None
    deadline = resolve_deadline(text, stated)
    return (deadline.due.isoformat() if deadline.due else None), text


def _locate(db: Session, source_id: str | None, quote: str, start: Any, end: Any) -> tuple[int | None, int | None]:
    """Offsets of the quote in its source's text; given offsets must point at the quote."""
    if not source_id:
        return None, None
    text = lookups.source_text(db, source_id)
    if text is None:
        raise InvalidInput(f"no source with id {source_id}")
    if start not in (None, "") and end not in (None, ""):
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError):
            raise InvalidInput("the quote's position in the source must be whole numbers") from None
        if start < 0 or text[start:end] != quote:
            raise InvalidInput("the quote does not occur in the source text at the given position")
        return start, end
    position = text.find(quote) if text and quote else -1
    return (position, position + len(quote)) if position >= 0 else (None, None)


def _prepare(ws: Workspace, fields: Mapping[str, Any], current: Mapping[str, Any] | None) -> dict:
    """Validate and normalise statement fields; raises InvalidInput naming the field."""
    out: dict[str, Any] = {}
    merged = {**(current or {}), **fields}
    if "quote" in fields or current is None:
        quote = (fields.get("quote") or "").strip()
        if not quote:
            raise InvalidInput("a statement needs its quote")
        out["quote"] = quote
    if "stated_on" in fields or current is None:
        if not fields.get("stated_on"):
            raise InvalidInput("a statement needs the date it was made (YYYY-MM-DD, YYYY-MM or YYYY)")
        fuzzy = parse_fuzzy_date(str(fields["stated_on"]))
        out.update(stated_on=fuzzy.value, stated_precision=fuzzy.precision,
                   stated_sort=fuzzy.first_day.isoformat())
    if "kind" in fields or current is None:
        out["kind"] = rec.choice(fields.get("kind") or "assertion", rec.KINDS, what="kind")
    if "tags" in fields:
        out["tags"] = json.dumps(rec.normalise_tags(fields["tags"]))
    elif current is None:
        out["tags"] = "[]"
    for key in ("original_text", "original_language", "expectation", "location"):
        if key in fields:
            out[key] = (fields[key] or "").strip() or None
    for key in ("speaker_id", "source_id", "assignee_id"):
        if key in fields:
            out[key] = fields[key] or None
    if "speaker" in fields:  # a name or alias: the speaker record, created when new
        name = (fields["speaker"] or "").strip()
        out["speaker_id"] = speakers.ensure_speaker(ws, name) if name else None
    # A phrase such as "this year" means a date relative to when it was said, so a
    # corrected statement date re-reads the phrase the analyst typed.
    reread = ("check_by" not in fields and "stated_on" in out and current is not None
              and current.get("check_by_phrase"))
    if "check_by" in fields or reread:
        stated = parse_fuzzy_date(out.get("stated_on") or merged["stated_on"]).first_day
        typed = fields["check_by"] if "check_by" in fields else current["check_by_phrase"]
        out["check_by"], out["check_by_phrase"] = resolve_check_by(typed, stated)
    if {"quote", "source_id", "source_start", "source_end"} & set(fields):
        quote = out.get("quote", merged.get("quote"))
        source_id = out.get("source_id", merged.get("source_id"))
        out["source_start"], out["source_end"] = _locate(
            ws.store, source_id, quote, fields.get("source_start"), fields.get("source_end"))
    if out.get("assignee_id") and not user_rows.is_active_user(ws.store, out["assignee_id"]):
        raise InvalidInput(f"no active user with id {out['assignee_id']} to assign to")
    if out.get("speaker_id") and not lookups.exists(ws.store, "speakers", out["speaker_id"]):
        raise InvalidInput(f"no speaker with id {out['speaker_id']}")
    return out


def add_statement(ws: Workspace, **fields: Any) -> Changes:
    """Record a statement as a draft; its author is the first editor of its assessment."""
    ws.require_user()
    rec.check_fields(fields, EDITABLE, what="statements")
    with ws.store.transaction() as db:
        row = _prepare(ws, fields, None)
        statement_id = new_id()
        row.update(id=statement_id, verdict=PENDING, review_state=DRAFT,
                   last_editor_id=ws.actor.user_id)
        records.insert(db, "statements", row, actor=ws.actor)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements"}),
                   created=statement_id, message="statement recorded as a draft",
                   undo={"op": "delete_statement", "statement_id": statement_id})


def read_for_edit(ws: Workspace, statement_id: str) -> dict[str, Any]:
    """The statement as a command reads it before editing: what `seen=` compares with."""
    return records.get(ws.store, "statements", statement_id)


def edit_statement(ws: Workspace, *, statement_id: str, expected_version: int | None = None,
                   seen: Mapping[str, Any] | None = None, reason: str | None = None,
                   **fields: Any) -> Changes:
    """Edit fields; an approved statement whose content changes goes back to draft.

    `expected_version` refuses the edit after any intervening change; `seen` (the
    row as the caller read it) refuses it only when a field it changes was changed
    by someone else meanwhile, so an edit never silently replaces a change unseen.
    """
    ws.require_user()
    rec.check_fields(fields, EDITABLE, what="statements")
    with ws.store.transaction() as db:
        current = records.get(db, "statements", statement_id)
        changes = _prepare(ws, fields, current)
        refuse_unseen_changes(db, current, seen, changes)
        # The editor of changed content becomes the last editor in the same UPDATE, so
        # one edit is one write of the row (approval.touch_content then has nothing to do
        # unless the statement was approved).
        editor = ({"last_editor_id": ws.actor.user_id}
                  if any(current.get(k) != v for k, v in changes.items()
                         if k in rec.CONTENT_FIELDS) else {})
        old, new = records.update(db, "statements", statement_id, {**changes, **editor},
                                  actor=ws.actor, expected_version=expected_version,
                                  reason=reason)
        message = after_content_change(ws, db, old, new)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements"}),
                   message=message or "saved",
                   undo={"op": "edit_statement", "statement_id": statement_id,
                         "fields": _undo_fields(old, changes)})


def _undo_fields(old: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The user-level fields that put the statement back as it was."""
    fields: dict[str, Any] = {}
    for key in changes:
        if key in ("stated_precision", "stated_sort"):
            continue
        if key == "check_by_phrase":
            continue
        if key == "check_by":
            fields["check_by"] = old.get("check_by_phrase") or old.get("check_by")
        elif key == "tags":
            fields["tags"] = json.loads(old.get("tags") or "[]")
        else:
            fields[key] = old.get(key)
    return fields


def set_verdict(ws: Workspace, *, statement_id: str, verdict: str, rationale: str = "",
                confidence: Any = None, expected_version: int | None = None,
                seen: Mapping[str, Any] | None = None) -> Changes:
    """Rate the outcome; every rating is kept with its date in the verdict history.

    `expected_version` and `seen` guard against unseen changes as in edit_statement.
    """
    ws.require_user()
    key = ws.scale.normalise(verdict)
    conf = rec.confidence(confidence)
    changes = {"verdict": key, "verdict_rationale": (rationale or "").strip() or None,
               "verdict_confidence": conf}
    with ws.store.transaction() as db:
        refuse_unseen_changes(db, records.get(db, "statements", statement_id), seen, changes)
        old, new = records.update(db, "statements", statement_id, changes, actor=ws.actor,
                                  expected_version=expected_version, action="verdict")
        if old is not new:
            records.insert(db, "verdicts", {
                "id": new_id(), "statement_id": statement_id, "verdict": key,
                "rationale": (rationale or "").strip() or None, "confidence": conf,
            }, actor=ws.actor)
        message = after_content_change(ws, db, old, new)
    label = ws.scale.level(key).label
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements", "verdicts"}),
                   message=message or f"rated {label}",
                   undo={"op": "set_verdict", "statement_id": statement_id,
                         "verdict": old["verdict"], "rationale": old["verdict_rationale"] or "",
                         "confidence": old["verdict_confidence"]})


def delete_statement(ws: Workspace, *, statement_id: str) -> Changes:
    """Remove a statement that is not approved (undo of a creation or an import).

    Only its creator or an admin may: otherwise one analyst could make another's
    work disappear, thread and all.
    """
    user = ws.require_user()
    with ws.store.transaction() as db:
        current = records.get(db, "statements", statement_id)
        if current["review_state"] in (APPROVED, RETRACTED):
            # It was (or may have been) published: it stays, so readers can be told.
            raise RuleViolation(f"a{'n' * (current['review_state'] == APPROVED)} "
                                f"{current['review_state']} statement cannot be deleted; "
                                "retract it instead (it is kept, marked retracted with "
                                "your reason)" if current["review_state"] == APPROVED else
                                "a retracted statement is kept on the record and cannot be "
                                "deleted")
        if current["created_by"] != user.id and user.role != ADMIN:
            raise PermissionDenied("only the analyst who recorded this statement, or an admin, "
                                   "may delete it")
        for table in ("links", "verdicts", "comments"):
            for row_id in lookups.ids_of_statement(db, table, statement_id):
                records.delete(db, table, row_id, actor=ws.actor, reason="statement deleted")
        records.delete(db, "statements", statement_id, actor=ws.actor)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"statements"}),
                   message="statement deleted")
