"""Full-text matches over evidence and sources on either engine: FTS5 tables on a file,
a `simple` tsvector on the team server (no stemming: quotes come in many languages)."""

from __future__ import annotations

from typing import Any

from .session import is_postgresql
from .statement_queries import ts_query

# The columns each FTS5 table indexes (storage/schema.py); the server searches the same.
FTS_COLUMNS = {"evidence": ("title", "summary", "excerpt"),
               "sources": ("title", "outlet", "full_text")}


def matches(db: Any, table: str, alias: str, query: str) -> tuple[str, list[Any]]:
    """A WHERE clause (and its params) keeping the rows of `table` AS `alias` that match
    `query` (as statement_queries.fts_query writes it)."""
    if is_postgresql(db):
        text = ", ".join(f"{alias}.{c}" for c in FTS_COLUMNS[table])
        return (f"to_tsvector('simple', concat_ws(' ', {text})) @@ to_tsquery('simple', ?)",
                [ts_query(query)])
    return f"{alias}.rowid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)", [query]


def sources(db: Any, query: str, *, limit: int) -> list[dict]:
    """Matching sources with a snippet of their text, the matches in [brackets]."""
    if is_postgresql(db):
        return list(db.query(
            "SELECT so.id, so.title, so.outlet, so.published_on, ts_headline('simple', "
            "coalesce(so.full_text, ''), to_tsquery('simple', ?), "
            "'StartSel=[, StopSel=], MaxWords=12, MinWords=4') AS snippet FROM sources so "
            f"WHERE {matches(db, 'sources', 'so', query)[0]} LIMIT ?",
            [ts_query(query), ts_query(query), limit]))
    return list(db.query(
        "SELECT so.id, so.title, so.outlet, so.published_on, "
        "snippet(sources_fts, 2, '[', ']', '…', 12) AS snippet "
        "FROM sources_fts JOIN sources so ON so.rowid = sources_fts.rowid "
        "WHERE sources_fts MATCH ? LIMIT ?", [query, limit]))
