"""Speakers: one record per person or body, however the articles name them."""

from __future__ import annotations

import json
from typing import Any

from ..domain.errors import InvalidInput, NotFound, RuleViolation
from ..domain.ids import new_id
from ..domain.records import SPEAKER_KINDS, check_fields, choice
from ..storage import records
from ..storage.session import json_list
from . import queries
from .approval import touch_content
from .workspace import Changes, Workspace


def _aliases(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(";") if ";" in value else value.split(",")
    seen: dict[str, str] = {}
    for alias in value:
        alias = alias.strip()
        if alias:
            seen.setdefault(alias.lower(), alias)
    return list(seen.values())


def add_speaker(ws: Workspace, *, name: str, kind: str = "person", aliases: Any = None,
                title: str = "", affiliation: str = "", country: str = "",
                notes: str = "") -> Changes:
    ws.require_user()
    name = (name or "").strip()
    if not name:
        raise InvalidInput("a speaker needs a name")
    with ws.store.transaction() as db:
        if find_speaker(ws, name, exact=True):
            raise InvalidInput(f"a speaker named {name!r} already exists")
        speaker_id = new_id()
        records.insert(db, "speakers", {
            "id": speaker_id, "name": name, "kind": choice(kind, SPEAKER_KINDS, what="speaker kind"),
            "aliases": json.dumps([a for a in _aliases(aliases) if a.lower() != name.lower()]),
            "title": title.strip() or None, "affiliation": affiliation.strip() or None,
            "country": country.strip() or None, "notes": notes.strip() or None,
            "merged_into": None,
        }, actor=ws.actor)
    return Changes(tables=frozenset({"speakers"}), created=speaker_id, message=f"added speaker {name}")


def edit_speaker(ws: Workspace, *, speaker_id: str, expected_version: int | None = None,
                 **fields: Any) -> Changes:
    ws.require_user()
    allowed = {"name", "kind", "aliases", "title", "affiliation", "country", "notes"}
    check_fields(fields, allowed, what="speakers")
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "aliases":
            changes[key] = json.dumps(_aliases(value))
        elif key == "kind":
            changes[key] = choice(value, SPEAKER_KINDS, what="speaker kind")
        elif key == "name":
            if not (value or "").strip():
                raise InvalidInput("a speaker needs a name")
            same = find_speaker(ws, value, exact=True)
            if same and same["id"] != speaker_id:
                raise InvalidInput(f"a speaker named {value.strip()!r} already exists; "
                                   "merge the two records instead")
            changes[key] = value.strip()
        else:
            changes[key] = (value or "").strip() or None
    with ws.store.transaction() as db:
        old, _ = records.update(db, "speakers", speaker_id, changes, actor=ws.actor,
                                expected_version=expected_version)
    return Changes(tables=frozenset({"speakers", "statements"}), message=f"saved {old['name']}",
                   undo={"op": "edit_speaker", "speaker_id": speaker_id,
                         "fields": {k: json.loads(old[k] or "[]") if k == "aliases" else old[k]
                                    for k in changes}})


def merge_speakers(ws: Workspace, *, keep_id: str, merge_id: str) -> Changes:
    """Fold one speaker record into another: statements move, names become aliases."""
    ws.require_user()
    if keep_id == merge_id:
        raise RuleViolation("cannot merge a speaker into itself")
    with ws.store.transaction() as db:
        keep = records.get(db, "speakers", keep_id)
        gone = records.get(db, "speakers", merge_id)
        aliases = _aliases(json.loads(keep["aliases"] or "[]") + [gone["name"]]
                           + json.loads(gone["aliases"] or "[]"))
        aliases = [a for a in aliases if a.lower() != keep["name"].lower()]
        records.update(db, "speakers", keep_id, {"aliases": json.dumps(aliases)},
                       actor=ws.actor, action="merge", reason=f"merged {gone['name']}")
        moved = [row["id"] for row in db.query(
            "SELECT id FROM statements WHERE speaker_id = ?", [merge_id])]
        for statement_id in moved:
            records.update(db, "statements", statement_id, {"speaker_id": keep_id},
                           actor=ws.actor, action="merge",
                           reason=f"speaker {gone['name']} merged into {keep['name']}")
            # the speaker is approved content: an approved statement goes back to review
            touch_content(ws, statement_id)
        records.delete(db, "speakers", merge_id, actor=ws.actor,
                       reason=f"merged into {keep['name']}")
    return Changes(statements=frozenset(moved), tables=frozenset({"speakers", "statements"}),
                   message=f"merged {gone['name']} into {keep['name']}")


def find_speaker(ws: Workspace, name: str, *, exact: bool = False) -> dict | None:
    """Find a speaker by name or alias, case-insensitively."""
    wanted = (name or "").strip()
    if not wanted:
        return None
    rows = list(ws.db.query("SELECT * FROM speakers WHERE lower(name) = lower(?) OR id = ?",
                            [wanted, wanted]))
    if rows or exact:
        return rows[0] if rows else None
    for row in ws.db.query(
        f"SELECT s.* FROM speakers s, {json_list(ws.db, 's.aliases', 'a')} "
        "WHERE lower(a.value) = lower(?)", [wanted]):
        return row
    return None


def speaker_by_name(ws: Workspace, name: str) -> dict:
    found = find_speaker(ws, name)
    if not found:
        raise NotFound(f"no speaker named {name!r}; check the spelling, or add the speaker first")
    return found


def ensure_speaker(ws: Workspace, name: str) -> str:
    """The id of the speaker called `name`, creating the record when none matches."""
    found = find_speaker(ws, name)
    if found:
        return found["id"]
    return add_speaker(ws, name=name).created  # type: ignore[return-value]


def list_speakers(ws: Workspace) -> list[dict]:
    """Speakers with their number of statements and their track record: per verdict key,
    UNAPPROVED and 'checkable' as queries.track_records counts them (0 where none)."""
    counts = queries.statement_counts_by_speaker(ws)
    tracks = queries.track_records(ws)
    keys = (*ws.scale.keys, queries.UNAPPROVED, "checkable")
    rows = list(ws.db.query("SELECT * FROM speakers ORDER BY lower(name), name"))
    for row in rows:
        record = tracks.get(row["id"], {})
        row["statements"] = counts.get(row["id"], 0)
        row.update({key: record.get(key, 0) for key in keys})
    return rows


def speaker_names(ws: Workspace) -> list[str]:
    """Every name and alias, for completion in the speaker field."""
    return [row[0] for row in ws.db.execute(
        "SELECT name FROM (SELECT name FROM speakers UNION SELECT a.value FROM speakers s, "
        f"{json_list(ws.db, 's.aliases', 'a')}) n ORDER BY lower(name), name")]


def speaker_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(name, id) of every speaker, for filter menus: no counts, so it stays cheap."""
    return [(row[0], row[1]) for row in ws.db.execute(
        "SELECT name, id FROM speakers ORDER BY lower(name), name")]
