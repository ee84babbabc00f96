"""Sources: the list the Sources view shows, pickers, and what still cites one."""

from __future__ import annotations

from typing import Any

from . import text_search
from .session import Session


def source_list(db: Session) -> list[dict[str, Any]]:
    """Every source, newest first, with its text's length (not the text) and how many
    statements cite it."""
    return list(db.query(
        "SELECT so.id, so.title, so.outlet, so.url, so.published_on, so.language, so.kind, "
        "so.file_sha256, so.file_name, so.version, length(so.full_text) AS text_length, "
        "(SELECT count(*) FROM statements s WHERE s.source_id = so.id) AS statements "
        "FROM sources so ORDER BY so.published_on DESC, so.title"))


def times_cited(db: Session, source_id: str) -> int:
    """How many statements and pieces of evidence refer to the source."""
    return db.execute("SELECT (SELECT count(*) FROM statements WHERE source_id = ?) + "
                      "(SELECT count(*) FROM evidence WHERE source_id = ?)",
                      [source_id, source_id]).fetchone()[0]


def source_choices(db: Session) -> list[tuple[str, str]]:
    """(title, id) of every source, newest first."""
    return [(row[0], row[1]) for row in db.execute(
        "SELECT title, id FROM sources ORDER BY published_on DESC, title")]


def source_with_file(db: Session, sha256: str) -> tuple[str, str | None] | None:
    """(id, full text) of the oldest source made from the file or text with this SHA-256."""
    row = db.execute("SELECT id, full_text FROM sources WHERE file_sha256 = ? "
                     "ORDER BY created_at LIMIT 1", [sha256]).fetchone()
    return (row[0], row[1]) if row else None


def sources_matching(db: Session, query: str, limit: int) -> list[dict[str, Any]]:
    """Sources whose text matches an FTS query (made by fts_query), with a snippet."""
    return text_search.sources(db, query, limit=limit)
