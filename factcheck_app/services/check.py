"""Verify a workspace end to end: SQLite, history chain, records vs history, files, approvals."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..domain import records as rec
from ..domain.workflow import APPROVED
from ..storage import integrity, records
from ..storage.integrity import Problem
from .workspace import Workspace


def check_workspace(ws: Workspace) -> list[Problem]:
    """All problems found, most fundamental first; an empty list means all is well."""
    problems: list[Problem] = []
    for step in (
        lambda: integrity.sqlite_integrity(ws.db),
        lambda: integrity.history_chain(ws.db),
        lambda: integrity.records_match_history(ws.db),
        lambda: integrity.attachment_files(ws.db, ws.store.files_dir),
        lambda: _approvals(ws),
    ):
        try:
            problems.extend(step())
        except sqlite3.DatabaseError as error:  # damaged pages: the later steps cannot run
            problems.append(Problem("sqlite", "database", f"the file is damaged: {error}"))
            break
    return problems


def _approvals(ws: Workspace) -> Iterator[Problem]:
    """An approved statement must still hold exactly the content that was approved."""
    for statement in ws.db.query("SELECT * FROM statements WHERE review_state = ?", [APPROVED]):
        links = records.approval_links(ws.db, statement["id"])
        if rec.content_hash(statement, links) != statement["approved_hash"]:
            yield Problem("record", f"statements {statement['id']}",
                          "approved content differs from what the reviewer approved")
