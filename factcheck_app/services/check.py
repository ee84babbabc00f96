"""Verify a workspace end to end: SQLite, history chain and its signatures, records vs
history, files, approvals and their signatures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..domain import records as rec
from ..domain import signatures as sig
from ..domain.workflow import APPROVED
from ..storage import anchors, integrity, records, signing
from ..storage.integrity import Problem
from .workspace import Workspace


def check_workspace(ws: Workspace) -> list[Problem]:
    """All problems found, most fundamental first; an empty list means all is well."""
    problems: list[Problem] = []
    if ws.store.engine == "postgresql":  # the server enforces the rest; its chain is checked here
        return integrity.server_history_chain(ws.db)
    for step in (
        lambda: integrity.sqlite_integrity(ws.db),
        lambda: integrity.history_chain(ws.db),
        lambda: _signatures(ws),
        lambda: integrity.records_match_history(ws.db),
        lambda: integrity.attachment_files(ws.db, ws.store.files_dir),
        lambda: _approvals(ws),
    ):
        try:
            problems.extend(step())
        except sqlite3.DatabaseError as error:  # damaged pages: the later steps cannot run
            problems.append(Problem("sqlite", "database", f"the file is damaged: {error}"))
            break
    if not problems and signing.is_signed(ws.db):
        anchors.remember(ws.db)  # a clean file: its head is the one to hold it to from now on
    return problems


def _signatures(ws: Workspace) -> Iterator[Problem]:
    """Every entry signed by the user it names; the end as far as this computer saw it."""
    if not signing.is_signed(ws.db):  # opened read-only before its upgrade: nothing signed
        return
    problem = signing.verify(ws.db)
    if problem:
        yield Problem("signature", f"history #{problem.seq}", problem.message)
    behind = anchors.problem(ws.db)
    if behind:
        yield Problem("signature", "history end", behind)


def _approvals(ws: Workspace) -> Iterator[Problem]:
    """An approved statement must still hold exactly the content that was approved."""
    for statement in ws.db.query("SELECT * FROM statements WHERE review_state = ?", [APPROVED]):
        links = records.approval_links(ws.db, statement["id"])
        if rec.content_hash(statement, links) != statement["approved_hash"]:
            yield Problem("record", f"statements {statement['id']}",
                          "approved content differs from what the reviewer approved")
        elif signing.is_signed(ws.db) and not approval_signed(ws, statement):
            yield Problem("signature", f"statements {statement['id']}",
                          "the approval is not signed by the approver's key")


def approval_signed(ws: Workspace, statement: dict) -> bool:
    """The approver's signature over (statement, content hash, approver, time) holds
    with a key the history gave the approver; approvals from before signing pass."""
    if not statement["approved_signature"] and signing.approved_before_signing(
            ws.db, statement["id"]):
        return True
    message = sig.approval_message(signing.identity(ws.db).workspace_id, statement["id"],
                                   statement["approved_hash"] or "",
                                   statement["approved_by"] or "", statement["approved_at"] or "")
    keys = signing.public_keys(ws.db).get(statement["approved_by"], [])
    return any(sig.verify(key, message, statement["approved_signature"]) for _, key in keys)
