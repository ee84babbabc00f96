"""Counts over the whole workspace: the sidebar's numbers, the dashboard, track records."""

from __future__ import annotations

from collections.abc import Iterator

from .session import Session

# Tables whose rows the sidebar counts.
_COUNTED = ("statements", "speakers", "sources", "evidence")


def row_count(db: Session, table: str) -> int:
    if table not in _COUNTED:
        raise ValueError(f"not a counted table: {table!r}")
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def pending_due_between(db: Session, low: str, high: str) -> int:
    """Unrated statements whose check-by date is in [low, high]."""
    return db.execute("SELECT count(*) FROM statements WHERE verdict = 'pending' "
                      "AND check_by >= ? AND check_by <= ?", [low, high]).fetchone()[0]


def pending_due_before(db: Session, cutoff: str) -> int:
    """Unrated statements whose check-by date is before `cutoff`."""
    return db.execute("SELECT count(*) FROM statements WHERE verdict = 'pending' "
                      "AND check_by < ?", [cutoff]).fetchone()[0]


def count_in_state(db: Session, review_state: str) -> int:
    return db.execute("SELECT count(*) FROM statements WHERE review_state = ?",
                      [review_state]).fetchone()[0]


def speaker_names(db: Session) -> dict[str, str]:
    """Speaker id -> name."""
    return dict(db.execute("SELECT id, name FROM speakers").fetchall())


def statement_counts_by_speaker(db: Session) -> dict[str, int]:
    return dict(db.execute("SELECT speaker_id, count(*) FROM statements "
                           "WHERE speaker_id IS NOT NULL GROUP BY speaker_id").fetchall())


def track_record_buckets(db: Session, *, today: str, pending: str, approved: str,
                         unapproved: str) -> Iterator[tuple[str, str, int]]:
    """(speaker id, bucket, count) of statements whose check-by date is before `today`:
    the bucket is `pending` when unrated, the verdict once approved, else `unapproved`.
    One pass over an index (migration m003), however many statements."""
    for row in db.execute(
            """SELECT speaker_id, CASE WHEN verdict IS NULL OR verdict = :pending THEN :pending
                      WHEN review_state = :approved THEN verdict ELSE :unapproved END AS bucket,
                      count(*)
               FROM statements WHERE speaker_id IS NOT NULL AND check_by < :today
               GROUP BY speaker_id, bucket""",
            {"pending": pending, "approved": approved, "unapproved": unapproved,
             "today": today}):
        yield row[0], row[1], row[2]
