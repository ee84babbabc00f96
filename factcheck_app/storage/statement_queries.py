"""Statement listing in SQL: filters, search, sort and paging on indexed columns.

The table view never loads all rows: it asks for a count, then pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlite_utils import Database

from ..domain.filters import StatementFilter
from ..domain.states import overdue_cutoff
from ..domain.verdicts import PENDING, UNAPPROVED
from ..domain.workflow import APPROVED
from .session import Session, is_postgresql, sqlite_database

# Above this many full-text matches, ranking costs more than it helps: order by date.
RANK_LIMIT = 2_000

_SORT_SQL = {
    "stated": "s.stated_sort",
    "check_by": "s.check_by",
    "speaker": "lower(sp.name)",
    "verdict": "s.verdict",
    "review_state": "s.review_state",
    "kind": "s.kind",
    "quote": "lower(s.quote)",
    "updated": "s.updated_at",
}

LIST_COLUMNS = """
    s.id, s.quote, s.speaker_id, sp.name AS speaker_name, s.stated_on, s.stated_precision,
    s.kind, s.tags, s.check_by, s.check_by_phrase, s.verdict, s.review_state,
    s.assignee_id, s.source_id, s.version, s.updated_at, s.expectation
"""


def fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must match,
    the last one as a prefix (search as you type); quotes keep phrases."""
    if text.count('"') % 2:  # an opening mark not yet closed: its words still count
        head, _, tail = text.rpartition('"')
        text = head + " " + tail
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"?', " ", text)
    words = re.findall(r"\w+", rest, flags=re.UNICODE)
    parts = ['"' + p.replace('"', "") + '"' for p in phrases if p.strip()]
    for i, word in enumerate(words):
        token = '"' + word + '"'
        if i == len(words) - 1 and not text.rstrip().endswith('"') and len(word) >= 2:
            token += "*"
        parts.append(token)
    return " ".join(parts)


def _where(f: StatementFilter, today: date) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []

    def any_of(column: str, values: tuple[str, ...]) -> None:
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)

    any_of("s.speaker_id", f.speaker_ids)
    any_of("s.verdict", f.verdicts)
    any_of("s.review_state", f.review_states)
    any_of("s.kind", f.kinds)
    any_of("s.id", f.ids)
    if f.source_id:
        clauses.append("s.source_id = ?")
        params.append(f.source_id)
    for tag in f.tags:
        clauses.append("s.id IN (SELECT statement_id FROM statement_tags WHERE tag = ?)")
        params.append(tag)
    for column, low, high in (
        ("s.stated_sort", f.stated_from, f.stated_to),
        ("s.check_by", f.check_by_from, f.check_by_to),
    ):
        if low:
            clauses.append(f"{column} >= ?")
            params.append(low)
        if high:
            clauses.append(f"{column} <= ?")
            params.append(high)
    if f.due:
        cutoff = overdue_cutoff(today).isoformat()
        clauses.append("s.verdict = ?")
        params.append(PENDING)
        if f.due == "overdue":
            clauses.append("s.check_by < ?")
            params.append(cutoff)
        elif f.due == "due":
            clauses.append("s.check_by >= ? AND s.check_by <= ?")
            params.extend([cutoff, today.isoformat()])
        else:
            clauses.append("s.check_by <= ?")
            params.append(today.isoformat())
    if f.queue_for:
        # Waiting for me: in review and assigned to me (or to nobody, and I did not
        # write it); sent back to me: changes requested on what I last edited.
        clauses.append(
            "((s.review_state = 'in_review' AND (s.assignee_id = ? OR "
            "(s.assignee_id IS NULL AND COALESCE(s.last_editor_id, '') != ?))) "
            "OR (s.review_state = 'changes_requested' AND (s.last_editor_id = ? "
            "OR s.assignee_id = ?)))"
        )
        params.extend([f.queue_for] * 4)
    return clauses, params


def _text_clause(db: Database, text: str) -> tuple[str | None, list[Any], str | None]:
    """Match statements by their own text, or by their speaker's names.

    Returns (clause, params, rank_query) where rank_query is set only when bm25
    ordering is cheap enough: frequent terms are counted first and then ordered
    by date instead of ranked.
    """
    query = fts_query(text)
    if not query:
        return None, [], None
    if is_postgresql(db):
        return _server_text_clause(db, query)
    count, speaker_ids = _text_facts(db, query)
    clause = "s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)"
    params: list[Any] = [query]
    if speaker_ids:
        clause = f"({clause} OR s.speaker_id IN ({', '.join('?' * len(speaker_ids))}))"
        params.extend(speaker_ids)
    return clause, params, query if 0 < count <= RANK_LIMIT else None


def ts_query(query: str) -> str:
    """The same search as `fts_query` wrote it, for to_tsquery: every word must match,
    a phrase as words in a row, a trailing `*` as a prefix."""
    parts = []
    for phrase, star in re.findall(r'"([^"]*)"(\*?)', query):
        words = re.findall(r"\w+", phrase, flags=re.UNICODE)
        if words:
            parts.append(" <-> ".join(f"'{w.lower()}'" for w in words) + (":*" if star else ""))
    return " & ".join(f"({p})" for p in parts)


def _server_text_clause(db: object, query: str) -> tuple[str | None, list[Any], str | None]:
    """The team server's tsvector column (GIN-indexed) and the speakers' names."""
    tsquery = ts_query(query)
    if not tsquery:
        return None, [], None
    words = [w.lower() for w in re.findall(r"\w+", query, flags=re.UNICODE)]
    clause = ("(s.search @@ to_tsquery('simple', ?) OR s.speaker_id IN (SELECT sp2.id FROM "
              "speakers sp2 WHERE to_tsvector('simple', coalesce(sp2.name, '') || ' ' || "
              "coalesce(sp2.aliases, '')) @@ to_tsquery('simple', ?)))")
    return clause, [tsquery, tsquery], tsquery if words else None


def _text_facts(db: Database, query: str) -> tuple[int, list[str]]:
    """How many statements match, and which speakers' names match.

    The table asks for a count and then a page with the same search; both need
    these, so they are kept until the workspace changes: PRAGMA data_version moves
    when another connection commits, total_changes when this one writes.
    """
    version = (db.execute("PRAGMA data_version").fetchone()[0], sqlite_database(db).conn.total_changes)
    cache: dict[str, tuple[tuple[int, int], int, list[str]]] = sqlite_database(db).__dict__.setdefault("_factcheck_text_facts", {})
    cached = cache.get(query)
    if cached and cached[0] == version:
        return cached[1], cached[2]
    count = db.execute(
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?", [query]
    ).fetchone()[0]
    # Speakers are few: resolve the matching ones first, then "fts OR speaker_id IN
    # (...)" lets SQLite use the FTS rowids and the speaker index together; a UNION
    # of the two sets or a join inside the OR would scan or sort every statement.
    speaker_ids = [row[0] for row in db.execute(
        "SELECT sp.id FROM speakers sp JOIN speakers_fts ON speakers_fts.rowid = sp.rowid "
        "WHERE speakers_fts MATCH ? LIMIT 500", [query])]
    if len(cache) > 64:
        cache.clear()
    cache[query] = (version, count, speaker_ids)
    return count, speaker_ids


def _from_where(
    db: Database, f: StatementFilter, today: date, *, join_speakers: bool = False,
    also: tuple[str, list[Any]] | None = None,
) -> tuple[str, list[Any], str | None]:
    """FROM and WHERE for the filter, with `also` (a clause and its params) ANDed in."""
    clauses, params = _where(f, today)
    if also:
        clauses.append(also[0])
        params.extend(also[1])
    rank = None
    if f.text.strip():
        clause, text_params, rank = _text_clause(db, f.text)
        if clause:
            clauses.append(clause)
            params.extend(text_params)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # Joining speakers costs a random lookup per matching row (ids are UUIDs): only
    # when sorting by speaker name; otherwise names are added to the page's rows alone.
    join = "LEFT JOIN speakers sp ON sp.id = s.speaker_id" if join_speakers else ""
    return f"FROM statements s {join} {where}", params, rank


def count(db: Database, f: StatementFilter, today: date) -> int:
    sql, params, _ = _from_where(db, f, today)
    return db.execute(f"SELECT count(*) {sql}", params).fetchone()[0]


def page(db: Database, f: StatementFilter, today: date, *, offset: int, limit: int) -> list[dict]:
    """One page of rows: first the page's rowids in order, then their columns."""
    sql, params, rank_query = _from_where(db, f, today, join_speakers=f.sort == "speaker")
    order, order_params = _order(f, rank_query, db)
    # SQLite finds rows fastest by rowid; PostgreSQL has none, and its ids are indexed.
    key = "s.id" if is_postgresql(db) else "s.rowid"
    rowids = [row[0] for row in db.execute(
        f"SELECT {key} {sql} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, *order_params, limit, offset])]
    if not rowids:
        return []
    rows = {row.pop("rowid_"): row for row in db.query(
        f"SELECT {key} AS rowid_, {LIST_COLUMNS} FROM statements s "
        f"LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        f"WHERE {key} IN ({', '.join('?' * len(rowids))})", rowids)}
    return [rows[rowid] for rowid in rowids if rowid in rows]


def ids(db: Database, f: StatementFilter, today: date) -> list[str]:
    sql, params, rank_query = _from_where(db, f, today, join_speakers=f.sort == "speaker")
    order, order_params = _order(f, rank_query, db)
    return [row[0] for row in db.execute(f"SELECT s.id {sql} ORDER BY {order}",
                                         [*params, *order_params])]


def _order(f: StatementFilter, rank_query: str | None, db: object = None
           ) -> tuple[str, list[Any]]:
    """ORDER BY clause; "relevance" ranks with bm25 only when the hits are few."""
    direction = "DESC" if f.descending else "ASC"
    if f.sort == "relevance" and rank_query and is_postgresql(db):
        return "ts_rank(s.search, to_tsquery('simple', ?)) DESC, s.stated_sort DESC", \
            [rank_query]
    if f.sort == "relevance" and rank_query:
        return (
            "(SELECT rank FROM statements_fts WHERE statements_fts MATCH ? "
            "AND statements_fts.rowid = s.rowid), s.stated_sort DESC",
            [rank_query],
        )
    column = _SORT_SQL.get(f.sort, "s.stated_sort")
    return f"{column} {direction}, s.id {direction}", []


# The day a statement's current verdict was given: the last verdict entry with that
# verdict, else when it was approved or last changed (as the report's views compute it).
RESOLVED_ON_SQL = """CASE WHEN s.verdict IS NOT NULL AND s.verdict != 'pending' THEN COALESCE(
    (SELECT substr(max(v.created_at), 1, 10) FROM verdicts v
     WHERE v.statement_id = s.id AND v.verdict = s.verdict),
    NULLIF(substr(COALESCE(s.approved_at, s.updated_at, ''), 1, 10), '')) END"""


def made_or_resolved(db: Database, f: StatementFilter, today: date, *, low: str | None,
                     high: str | None) -> tuple[list[str], set[str]]:
    """Ids of the statements matching `f` that were made between `low` and `high` (either
    may be open) or whose current verdict was given then, in date order; and the set of
    those made then. One query: a period report reads only its own statements."""
    made, made_params = _between("s.stated_sort", low, high)
    resolved, resolved_params = _between(f"({RESOLVED_ON_SQL})", low, high)
    # Before the exact (correlated) test, a cheap one: a verdict entry written in the
    # period, or approved or changed in it; so only a few statements run the exact one.
    entry, entry_params = _between("created_at", low, high and high + "\uffff")
    changed, changed_params = _between("substr(COALESCE(s.approved_at, s.updated_at), 1, 10)",
                                       low, high)
    maybe = (f"s.verdict != '{PENDING}' AND (s.id IN (SELECT statement_id FROM verdicts "
             f"WHERE {entry}) OR {changed})")
    sql, params, _ = _from_where(db, f, today, also=(
        f"({made} OR ({maybe} AND {resolved}))",
        [*made_params, *entry_params, *changed_params, *resolved_params]))
    rows = db.execute(f"SELECT s.id, {made} AS made {sql} ORDER BY s.stated_sort, s.id",
                      [*made_params, *params]).fetchall()
    return [row[0] for row in rows], {row[0] for row in rows if row[1]}


def _between(expression: str, low: str | None, high: str | None) -> tuple[str, list[Any]]:
    """`expression` within [low, high], evaluated once; NULL never matches an end that
    is given, and with both ends open everything matches."""
    if not low and not high:
        return "1 = 1", []
    return f"{expression} BETWEEN ? AND ?", [low or "", high or "\uffff"]


def verdict_mix(db: Database) -> dict[str, int]:
    """How many statements count under each outcome (domain.verdicts.outcome): the
    verdict once approved, UNAPPROVED when rated but not approved, PENDING when unrated."""
    rows = db.query(
        """SELECT CASE WHEN verdict IS NULL OR verdict = :pending THEN :pending
                       WHEN review_state = :approved THEN verdict ELSE :unapproved END AS bucket,
                  count(*) AS n
           FROM statements GROUP BY bucket""",
        {"pending": PENDING, "approved": APPROVED, "unapproved": UNAPPROVED})
    return {row["bucket"]: row["n"] for row in rows}


def in_review_state(db: Session, review_state: str) -> Iterator[dict[str, Any]]:
    """Every statement row in this review state (the check re-hashes the approved ones)."""
    yield from db.query("SELECT * FROM statements WHERE review_state = ?", [review_state])
