"""`statement|evidence delete|retract`: taking a record back, on the same services as the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cli_commands import COMMANDS, _open  # the same opening as every command
from .services import removal, review, statements
from .services.lookup import resolve_id
from .services.workspace import Changes, Workspace

Run = Callable[[Workspace, str, Any], Changes]

REMOVALS: dict[str, tuple[str, Run]] = {
    "statement delete": ("statement", lambda ws, record_id, args: statements.delete_statement(
        ws, statement_id=record_id)),
    "statement retract": ("statement", lambda ws, record_id, args: review.retract(
        ws, statement_id=record_id, reason=args.reason)),
    "evidence delete": ("evidence", lambda ws, record_id, args: removal.delete_evidence(
        ws, evidence_id=record_id)),
    "evidence retract": ("evidence", lambda ws, record_id, args: removal.retract_evidence(
        ws, evidence_id=record_id, reason=args.reason)),
}


def _command(kind: str, run: Run) -> Callable[[Any], None]:
    def handler(args) -> None:
        with _open(args) as ws:
            print(run(ws, resolve_id(ws, kind, args.id), args).message)
    return handler


for _name, (_kind, _run) in REMOVALS.items():
    COMMANDS[_name] = _command(_kind, _run)
