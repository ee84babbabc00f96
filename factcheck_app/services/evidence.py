"""Evidence: observed events and documents, their files, and links to statements."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.ids import new_id
from ..domain.records import STANCES, check_fields, choice
from ..storage import attachments, records, text_search
from ..storage.statement_queries import fts_query
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
        for sha, size, name in stored:
            _insert_attachment(ws, evidence_id, sha, size, name)
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
            linked = [row[0] for row in db.execute(
                "SELECT statement_id FROM links WHERE evidence_id = ?", [evidence_id])]
            reopened = [sid for sid in linked if touch_content(ws, sid)]
    message = "evidence saved"
    if reopened:
        message += (f"; {len(reopened)} approved statement{'s' if len(reopened) > 1 else ''} "
                    "citing it went back to draft")
    return Changes(statements=frozenset(reopened), tables=frozenset({"evidence", "statements"}),
                   message=message,
                   undo={"op": "edit_evidence", "evidence_id": evidence_id,
                         "fields": {k: old[k] for k in changes}})


def _store(ws: Workspace, path: Path) -> tuple[str, int, str]:
    ws.store.require_writable()  # no file lands beside a workspace that cannot record it
    sha, size = attachments.store_file(ws.store.files_dir, path)
    return sha, size, attachments.safe_file_name(path.name)


def _insert_attachment(ws: Workspace, evidence_id: str, sha: str, size: int, name: str) -> str:
    attachment_id = new_id()
    records.insert(ws.db, "attachments", {
        "id": attachment_id, "evidence_id": evidence_id, "source_id": None, "sha256": sha,
        "file_name": name, "size": size, "media_type": guess_media_type(name),
    }, actor=ws.actor)
    return attachment_id


def attach_files(ws: Workspace, *, evidence_id: str, files: list[Path]) -> Changes:
    """Attach files to evidence; content is hashed and stored once, never altered."""
    ws.require_user()
    stored = [_store(ws, Path(f)) for f in files]
    with ws.store.transaction() as db:
        records.get(db, "evidence", evidence_id)
        for sha, size, name in stored:
            _insert_attachment(ws, evidence_id, sha, size, name)
    names = ", ".join(name for _, _, name in stored)
    return Changes(tables=frozenset({"evidence", "attachments"}), message=f"attached {names}")


def attachment_path(ws: Workspace, attachment_id: str) -> Path:
    row = records.get(ws.db, "attachments", attachment_id)
    return attachments.blob_path(ws.store.files_dir, row["sha256"])


def copy_to_open(ws: Workspace, *, attachment_id: str, folder: Path) -> Path:
    """A copy of an attachment in `folder`, under its name made safe, for a viewer to open.

    The stored name comes from the workspace, which may come from anyone: it is
    never allowed to say where the copy is written.
    """
    row = records.get(ws.db, "attachments", attachment_id)
    return attachments.copy_out(ws.store.files_dir, row["sha256"], row["file_name"], folder)


def link(ws: Workspace, *, statement_id: str, evidence_id: str, stance: str,
         note: str = "") -> Changes:
    """Link evidence to a statement with a stance; one piece can bear on many statements."""
    ws.require_user()
    stance = choice(stance, STANCES, what="stance")
    with ws.store.transaction() as db:
        records.get(db, "statements", statement_id)
        if records.get(db, "evidence", evidence_id).get("retracted_at"):
            raise RuleViolation("this evidence was retracted; it cannot be linked again")
        existing = db.execute("SELECT id FROM links WHERE statement_id = ? AND evidence_id = ?",
                              [statement_id, evidence_id]).fetchone()
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
        message = touch_content(ws, statement_id) if changed else ""
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"links"}),
                   created=link_id, message=message or f"evidence linked ({stance})",
                   undo={"op": "unlink", "statement_id": statement_id, "evidence_id": evidence_id})


def unlink(ws: Workspace, *, statement_id: str, evidence_id: str) -> Changes:
    ws.require_user()
    with ws.store.transaction() as db:
        row = db.execute("SELECT id, stance, note FROM links WHERE statement_id = ? AND evidence_id = ?",
                         [statement_id, evidence_id]).fetchone()
        if row is None:
            raise RuleViolation("that evidence is not linked to this statement")
        records.delete(db, "links", row[0], actor=ws.actor)
        message = touch_content(ws, statement_id)
    return Changes(statements=frozenset({statement_id}), tables=frozenset({"links"}),
                   message=message or "evidence unlinked",
                   undo={"op": "link", "statement_id": statement_id, "evidence_id": evidence_id,
                         "stance": row[1], "note": row[2] or ""})


def list_evidence(ws: Workspace, *, text: str = "") -> list[dict]:
    where, params = "", []
    if text.strip() and fts_query(text):
        clause, params = text_search.matches(ws.db, "evidence", "e", fts_query(text))
        where = f"WHERE {clause}"
    return list(ws.db.query(
        f"SELECT e.*, so.title AS source_title, so.url AS source_url, so.outlet AS source_outlet, "
        f"(SELECT count(*) FROM links l WHERE l.evidence_id = e.id) AS links, "
        f"(SELECT count(*) FROM attachments a WHERE a.evidence_id = e.id) AS files "
        f"FROM evidence e LEFT JOIN sources so ON so.id = e.source_id {where} "
        f"ORDER BY e.occurred_on DESC, e.created_at DESC", params))


def get_evidence(ws: Workspace, evidence_id: str) -> dict:
    row = records.get(ws.db, "evidence", evidence_id)
    row["attachments"] = list(ws.db.query(
        "SELECT * FROM attachments WHERE evidence_id = ? ORDER BY created_at", [evidence_id]))
    row["statements"] = list(ws.db.query(
        "SELECT l.stance, l.note, s.id, s.quote FROM links l JOIN statements s ON s.id = l.statement_id "
        "WHERE l.evidence_id = ?", [evidence_id]))
    return row
