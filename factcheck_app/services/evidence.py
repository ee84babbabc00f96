"""Evidence: observed events and documents, their files, and links to statements."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.ids import new_id
from ..domain.records import STANCES, check_fields, choice
from ..storage import attachments, evidence_rows, records
from ..storage.session import Session
from .approval import touch_content
from .sources import guess_media_type
from .workspace import Changes, Workspace


def add_evidence(ws: Workspace, *, summary: str, occurred_on: str | None = None,
                 title: str = "", excerpt: str = "", source_id: str | None = None,
                 url: str = "", files: list[Path] | tuple[Path, ...] = ()) -> Changes:
    ws.require_user()
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInput("evidence needs a summary of what was observed")
    occurred = parse_fuzzy_date(occurred_on).value if occurred_on else None
    if url and not url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"an evidence URL must start with http:// or https:// (got {url!r})")
    stored = [_store(ws, Path(f)) for f in files]
    with ws.store.transaction() as db:
        evidence_id = new_id()
        records.insert(db, "evidence", {
            "id": evidence_id, "occurred_on": occurred, "title": title.strip() or None,
            "summary": summary, "excerpt": excerpt.strip() or None,
            "source_id": source_id or None, "url": url.strip() or None,
        }, actor=ws.actor)
        for incoming in stored:
            _insert_attachment(ws, db, evidence_id, incoming)
    return Changes(tables=frozenset({"evidence"}), created=evidence_id,
                   message="evidence added")


def edit_evidence(ws: Workspace, *, evidence_id: str, expected_version: int | None = None,
                  **fields: Any) -> Changes:
    ws.require_user()
    allowed = {"occurred_on", "title", "summary", "excerpt", "source_id", "url"}
    check_fields(fields, allowed, what="evidence")
    changes = {k: (v.strip() if isinstance(v, str) else v) or None for k, v in fields.items()}
    if "summary" in changes and not changes["summary"]:
        raise InvalidInput("evidence needs a summary of what was observed")
    if changes.get("occurred_on"):
        changes["occurred_on"] = parse_fuzzy_date(changes["occurred_on"]).value
    url = changes.get("url")
    if url and not url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"an evidence URL must start with http:// or https:// (got {url!r})")
    with ws.store.transaction() as db:
        old, new = records.update(db, "evidence", evidence_id, changes, actor=ws.actor,
                                  expected_version=expected_version)
        reopened: list[str] = []
        if old is not new:
            # The statements this evidence bears on were assessed (and perhaps approved)
            # with its old content: the editor becomes their last editor, approvals reopen.
            linked = evidence_rows.statements_citing(db, evidence_id)
            reopened = [sid for sid in linked if touch_content(ws, db, sid)]
    message = "evidence saved"
    if reopened:
        message += (f"; {len(reopened)} approved statement{'s' if len(reopened) > 1 else ''} "
                    "citing it went back to draft")
    return Changes(statements=frozenset(reopened), tables=frozenset({"evidence", "statements"}),
                   message=message,
                   undo={"op": "edit_evidence", "evidence_id": evidence_id,
                         "fields": {k: old[k] for k in changes}})


def _store(ws: Workspace, path: Path) -> attachments.Incoming:
    ws.store.require_writable()  # no file lands beside a workspace that cannot record it
    return attachments.take_in_file(ws.store, path)


def _insert_attachment(ws: Workspace, db: Session, evidence_id: str,
                       incoming: attachments.Incoming) -> str:
    attachments.keep(db, incoming)
    attachment_id = new_id()
    records.insert(db, "attachments", {
        "id": attachment_id, "evidence_id": evidence_id, "source_id": None,
        "sha256": incoming.sha256, "file_name": incoming.name, "size": incoming.size,
        "media_type": guess_media_type(incoming.name),
    }, actor=ws.actor)
    return attachment_id


def attach_files(ws: Workspace, *, evidence_id: str, files: list[Path]) -> Changes:
    """Attach files to evidence; content is hashed and stored once, never altered."""
    ws.require_user()
    stored = [_store(ws, Path(f)) for f in files]
    with ws.store.transaction() as db:
        records.get(db, "evidence", evidence_id)
        for incoming in stored:
            _insert_attachment(ws, db, evidence_id, incoming)
    names = ", ".join(incoming.name for incoming in stored)
    return Changes(tables=frozenset({"evidence", "attachments"}), message=f"attached {names}")


def open_attachment(ws: Workspace, attachment_id: str) -> BinaryIO:
    """The attachment's stored bytes to read (use `with`), wherever the workspace keeps them."""
    row = records.get(ws.store, "attachments", attachment_id)
    return attachments.open_stored(ws.store, row["sha256"])


def copy_to_open(ws: Workspace, *, attachment_id: str, folder: Path) -> Path:
    """A copy of an attachment in `folder`, under its name made safe, for a viewer to open.

    The stored name comes from the workspace, which may come from anyone: it is
    never allowed to say where the copy is written.
    """
    row = records.get(ws.store, "attachments", attachment_id)
    with attachments.open_stored(ws.store, row["sha256"]) as stored:
        return attachments.copy_out(stored, row["file_name"], folder)


def link(ws: Workspace, *, statement_id: str, evidence_id: str, stance: str,
         note: str = "") -> Changes:
    """Link evidence to a statement with a stance; one piece can bear on many statements."""
    ws.require_user()
    stance = choice(stance, STANCES, what="stance")
    with ws.store.transaction() as db:
        records.get(db, "statements", statement_id)
        if records.get(db, "evidence", evidence_id).get("retracted_at"):
            raise RuleViolation("this evidence was retracted; it cannot be linked again")
        existing = evidence_rows.link_between(db, statement_id, evidence_id)
        changed = True
        if existing:
            old, new = records.update(db, "links", existing[0],
                                      {"stance": stance, "note": note.strip() or None},
                                      actor=ws.actor)
            changed = old is not new  # linking again as it was is not an edit
            link_id = existing[0]
        else:
            link_id = new_id()
            records.insert(db, "links", {"id": link_id, "statement_id": statement_id,
                                         "evidence_id": evidence_id, "stance": stance,
                                         "note": note.strip() or None}, actor=ws.actor)
        message = touch_content(ws, db, statement_id) if changed else ""
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"links"}),
                   created=link_id, message=message or f"evidence linked ({stance})",
                   undo={"op": "unlink", "statement_id": statement_id, "evidence_id": evidence_id})


def unlink(ws: Workspace, *, statement_id: str, evidence_id: str) -> Changes:
    ws.require_user()
    with ws.store.transaction() as db:
        row = evidence_rows.link_between(db, statement_id, evidence_id)
        if row is None:
            raise RuleViolation("that evidence is not linked to this statement")
        records.delete(db, "links", row[0], actor=ws.actor)
        message = touch_content(ws, db, statement_id)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"links"}),
                   message=message or "evidence unlinked",
                   undo={"op": "link", "statement_id": statement_id, "evidence_id": evidence_id,
                         "stance": row[1], "note": row[2] or ""})


def list_evidence(ws: Workspace, *, text: str = "") -> list[dict]:
    return evidence_rows.evidence_list(ws.store, text)


def get_evidence(ws: Workspace, evidence_id: str) -> dict:
    row = records.get(ws.store, "evidence", evidence_id)
    row["attachments"] = evidence_rows.attachments_of(ws.store, evidence_id)
    row["statements"] = evidence_rows.statements_of_evidence(ws.store, evidence_id)
    return row
