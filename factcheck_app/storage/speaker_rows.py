"""Speakers: found by name or alias, listed by name, and the statements they made."""

from __future__ import annotations

from typing import Any

from .session import Session, json_list


def _aliases(db: Session) -> str:
    """Aliases are a JSON list in one column, spread into rows `a.value` on either engine."""
    return json_list(db, "s.aliases", "a")


def speaker_named(db: Session, wanted: str) -> dict[str, Any] | None:
    """The speaker whose name is `wanted` (case-insensitive), or whose id it is."""
    rows = list(db.query("SELECT * FROM speakers WHERE lower(name) = lower(?) OR id = ?",
                         [wanted, wanted]))
    return rows[0] if rows else None


def speaker_with_alias(db: Session, wanted: str) -> dict[str, Any] | None:
    """The first speaker one of whose aliases is `wanted` (case-insensitive)."""
    for row in db.query(f"SELECT s.* FROM speakers s, {_aliases(db)} "
                        "WHERE lower(a.value) = lower(?)", [wanted]):
        return row
    return None


def speakers_by_name(db: Session) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM speakers ORDER BY lower(name), name"))


def names_and_aliases(db: Session) -> list[str]:
    """Every speaker name and alias, once each, in alphabetical order."""
    return [row[0] for row in db.execute(
        f"SELECT name FROM (SELECT name FROM speakers UNION SELECT a.value FROM speakers s, "
        f"{_aliases(db)}) n ORDER BY lower(name), name")]


def names_with_aliases(db: Session) -> list[tuple[str, str | None]]:
    """(name, aliases as JSON text) of every speaker, for matching quotes to speakers."""
    return [(row[0], row[1]) for row in db.execute("SELECT name, aliases FROM speakers")]


def speaker_choices(db: Session) -> list[tuple[str, str]]:
    """(name, id) of every speaker by name: no counts, so it stays cheap."""
    return [(row[0], row[1]) for row in db.execute(
        "SELECT name, id FROM speakers ORDER BY lower(name), name")]


def statement_ids_of_speaker(db: Session, speaker_id: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT id FROM statements WHERE speaker_id = ?", [speaker_id]).fetchall()]
