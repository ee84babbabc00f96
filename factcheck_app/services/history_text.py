"""A record's history as sentences: who changed what, when (local time), names not ids."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..domain import workflow as wf
from .queries import record_history, record_names
from .workspace import Workspace

# Bookkeeping the reader does not need to see (the sentence names the person anyway).
HIDDEN = frozenset({"id", "stated_sort", "created_at", "created_by", "approved_hash",
                    "approved_signature", "public_key",
                    "last_editor_id", "source_start", "source_end", "stated_precision"})
ID_FIELDS = frozenset({"speaker_id", "source_id", "assignee_id", "approved_by", "user_id",
                       "merged_into"})
DATE_FIELDS = frozenset({"stated_on", "check_by", "occurred_on", "published_on"})
FIELD_LABELS = {"speaker_id": "speaker", "source_id": "source", "assignee_id": "assignee",
                "approved_by": "approver", "approved_at": "approval time",
                "review_state": "review state", "verdict_rationale": "rationale",
                "verdict_confidence": "confidence", "check_by_phrase": "check-by phrase",
                "check_by": "check-by date", "stated_on": "date stated",
                "original_text": "original text", "original_language": "original language"}
_WHAT = {"statements": "the statement", "links": "an evidence link",
         "verdicts": "a verdict", "comments": "a comment"}
MAX_VALUE = 120


@dataclass(frozen=True)
class HistoryLine:
    """One change set as the History tab shows it."""

    seq: int
    when: str  # local date and time
    who: str  # display name
    did: str  # what they did: "changed the quote from “a” to “b”."

    @property
    def sentence(self) -> str:
        return f"{self.who} {self.did}"


def statement_lines(ws: Workspace, statement_id: str, *,
                    rows: list[dict[str, Any]] | None = None) -> list[HistoryLine]:
    """The statement's change sets, newest first; `rows` (its dossier's history) saves
    reading them again."""
    if rows is None:
        rows = record_history(ws, "statements", statement_id)
    return lines(ws, rows, table="statements")


def lines(ws: Workspace, rows: Iterable[dict[str, Any]], *, table: str) -> list[HistoryLine]:
    rows = [r for r in rows if r["field"] not in HIDDEN]
    ids: set[str] = {r["user_id"] for r in rows if r["user_id"]}
    for r in rows:
        if r["field"] in ID_FIELDS:
            ids.update(v for v in (r["old"], r["new"]) if isinstance(v, str))
    names = record_names(ws, ids)
    phrase = _Phrasing(ws, names)
    by_seq: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        by_seq.setdefault(r["seq"], []).append(r)
    out = []
    for seq in sorted(by_seq, reverse=True):
        group = by_seq[seq]
        first = group[0]
        who = names.get(first["user_id"]) or first["user_name"] or "someone"
        out.append(HistoryLine(seq, local_time(first["at"]), who,
                               phrase.sentence(group, _WHAT.get(table, "the record"))))
    return out


def local_time(at: str | None) -> str:
    """'3 Dec 2026, 14:05' in this computer's time zone, from a stored UTC time."""
    if not at:
        return ""
    # time.localtime is several times faster than datetime.astimezone(), which counts
    # when a long history is shown; both follow the zone's daylight saving rules.
    local = time.localtime(datetime.fromisoformat(at).timestamp())
    return f"{local.tm_mday} {time.strftime('%b %Y, %H:%M', local)}"


class _Phrasing:
    def __init__(self, ws: Workspace, names: dict[str, str]) -> None:
        self.ws = ws
        self.names = names

    def sentence(self, group: list[dict[str, Any]], what: str) -> str:
        first = group[0]
        if first["op"] == "d":
            text = f"deleted {what}"
        elif first["op"] == "c":
            quote = next((r["new"] for r in group if r["field"] == "quote"), None)
            text = f"recorded {what}" + (f" {self.value('quote', quote)}" if quote else "")
        else:
            text = _join([self.change(r) for r in group])
        reasons = list(dict.fromkeys(r["reason"] for r in group if r["reason"]))
        if reasons:
            text += f" ({'; '.join(reasons)})"
        return text + "."

    def change(self, row: dict[str, Any]) -> str:
        field, old, new = row["field"], row["old"], row["new"]
        label = FIELD_LABELS.get(field, field.replace("_", " "))
        if field == "review_state":
            return f"moved it from {self.value(field, old)} to {self.value(field, new)}"
        if field == "verdict":
            return f"rated it {self.value(field, new)} (was {self.value(field, old)})"
        if old in (None, "", "[]"):
            return f"set the {label} to {self.value(field, new)}"
        if new in (None, "", "[]"):
            return f"cleared the {label} (was {self.value(field, old)})"
        return f"changed the {label} from {self.value(field, old)} to {self.value(field, new)}"

    def value(self, field: str, value: Any) -> str:
        if value is None or value == "":
            return "nothing"
        if field in ID_FIELDS:
            return self.names.get(value, "someone no longer in the workspace")
        if field == "review_state":
            return wf.STATE_LABELS.get(value, value)
        if field == "verdict":
            return self.ws.scale.level(value).label if value in self.ws.scale.keys else value
        if field == "approved_at":
            return local_time(value)
        if field == "verdict_confidence" and isinstance(value, (int, float)):
            return f"{value:.0%}"
        if field in DATE_FIELDS:
            try:
                day = date.fromisoformat(value)
            except (TypeError, ValueError):
                pass
            else:
                return f"{day.day} {day:%b %Y}"
        if field == "tags":
            try:
                return ", ".join(json.loads(value)) or "nothing"
            except (TypeError, ValueError):
                pass
        text = " ".join(str(value).split())
        if len(text) > MAX_VALUE:
            text = text[:MAX_VALUE - 1] + "…"
        return f"“{text}”"


def _join(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
