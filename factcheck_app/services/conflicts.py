"""Refusing an edit that would replace a change its user never saw (compare-and-set)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.errors import StaleEdit
from ..storage import history, records

# Stored columns as the user knows them (derived columns name what they derive from).
_LABELS = {"stated_on": "date stated", "stated_precision": "date stated",
           "stated_sort": "date stated", "check_by": "check-by", "check_by_phrase": "check-by",
           "speaker_id": "speaker", "source_id": "source", "source_start": "source",
           "source_end": "source", "assignee_id": "assignee", "verdict_rationale": "rationale",
           "verdict_confidence": "confidence", "original_text": "original text",
           "original_language": "original language"}


def refuse_unseen_changes(db, current: Mapping[str, Any], seen: Mapping[str, Any] | None,
                          changes: Mapping[str, Any], *, table: str = "statements") -> None:
    """Raise StaleEdit when a field `changes` would write moved since the caller read `seen`.

    Runs inside the write transaction, so nobody can slip a change in between this
    check and the write. A field someone else already set to the same new value is
    no conflict; changes to other fields are not either (they are kept).
    """
    if seen is None or seen.get("version") == current.get("version"):
        return
    moved = [k for k, v in changes.items()
             if current.get(k) != seen.get(k) and current.get(k) != v]
    if not moved:
        return
    labels = list(dict.fromkeys(_LABELS.get(k, k.replace("_", " ")) for k in moved))
    last = history.last_change_of(db, table, current["id"], moved)
    user = records.find(db, "users", last.user_id) if last and last.user_id else None
    who = (user and (user["display_name"] or user["name"])) or (last and last.user_name) \
        or "someone"
    when = (last.at if last else "")[:16].replace("T", " ")
    raise StaleEdit(
        f"not saved: the {' and '.join(labels)} of this {table.rstrip('s')} was changed by "
        f"{who}{f' at {when} UTC' if when else ''} after you read it; look at their change "
        f"(factcheck {table.rstrip('s')} show), then edit again")
