"""Verify a workspace end to end: SQLite, history chain and its signatures, records vs
history, files, approvals and their signatures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ..storage import anchors, integrity, signing
from ..storage.integrity import Problem
from .workspace import Workspace


def check_workspace(ws: Workspace) -> list[Problem]:
    """All problems found, most fundamental first; an empty list means all is well."""
    problems: list[Problem] = []
    if ws.store.engine == "postgresql":  # the server enforces the rest; its chain is checked here
        return [*integrity.server_history_chain(ws.store), *integrity.attachment_files(ws.store)]
    # SQLite's own check reads the whole file in a thread beside the steps below; its
    # problems still come first.
    sqlite_check = integrity.SqliteCheck(ws.store)
    for step in (
        lambda: integrity.foreign_keys(ws.store),
        lambda: integrity.history_chain(ws.store),
        lambda: _signatures(ws),
        lambda: integrity.records_match_history(ws.store),
        lambda: integrity.attachment_files(ws.store),
        lambda: integrity.approvals(ws.store),
    ):
        try:
            problems.extend(step())
        except sqlite3.DatabaseError as error:  # damaged pages: the later steps cannot run
            problems.append(_damaged(error))
            break
    try:
        problems[:0] = sqlite_check.problems()
    except sqlite3.DatabaseError as error:
        problems.insert(0, _damaged(error))
    problems = list(dict.fromkeys(problems))  # a damaged file is told once, not per step
    if not problems and signing.is_signed(ws.store):
        anchors.remember(ws.store)  # a clean file: its head is the one to hold it to from now on
    return problems


def _damaged(error: sqlite3.DatabaseError) -> Problem:
    return Problem("sqlite", "database", f"the file is damaged: {error}")


def _signatures(ws: Workspace) -> Iterator[Problem]:
    """Every entry signed by the user it names; the end as far as this computer saw it."""
    if not signing.is_signed(ws.store):  # opened read-only before its upgrade: nothing signed
        return
    problem = signing.verify(ws.store)
    if problem:
        yield Problem("signature", f"history #{problem.seq}", problem.message)
    behind = anchors.problem(ws.store)
    if behind:
        yield Problem("signature", "history end", behind)
