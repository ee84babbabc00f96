"""Finding records by what a user types: an id, a unique id prefix, or a name."""

from __future__ import annotations

from ..domain.errors import InvalidInput, NotFound
from ..storage import lookups
from .workspace import Workspace

_TABLES = {"statement": "statements", "evidence": "evidence", "source": "sources",
           "speaker": "speakers"}


def resolve_id(ws: Workspace, kind: str, text: str) -> str:
    """Accept a full id or a unique prefix of at least 4 characters (as git does)."""
    table = _TABLES[kind]
    text = (text or "").strip().lower()
    if len(text) < 4:
        raise InvalidInput(f"{kind} id {text!r} is too short; give at least 4 characters")
    rows = lookups.ids_with_prefix(ws.store, table, text)
    if not rows:
        raise NotFound(f"no {kind} with id {text!r}")
    if len(rows) > 1 and rows[0] != text:
        raise InvalidInput(f"{kind} id {text!r} is ambiguous; give more characters")
    return rows[0]
