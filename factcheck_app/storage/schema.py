"""The workspace schema, one migration per version, each in its own transaction."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from . import history_v1
from ..domain.ids import new_id

MIGRATION_SET = "factcheck"
migrations = Migrations(MIGRATION_SET)

# Bookkeeping columns every tracked record carries: an optimistic-lock version
# and who last touched it (to tell a user whose change they would overwrite).
_TRACKED = {
    "version": int,
    "created_at": str,
    "created_by": str,
    "updated_at": str,
    "updated_by": str,
}


def _create(db: Database, name: str, columns: dict, **kwargs) -> None:
    db[name].create({**columns, **_TRACKED}, pk="id", not_null={"id"}, **kwargs)


@migrations()
def m001_initial(db: Database) -> None:
    _create(db, "users", {"id": str, "name": str, "display_name": str, "role": str, "active": int})
    db["users"].create_index(["name"], unique=True)
    _create(db, "settings", {"id": str, "value": str})
    _create(
        db,
        "speakers",
        {
            "id": str,
            "name": str,
            "aliases": str,  # JSON list
            "kind": str,
            "title": str,
            "affiliation": str,
            "country": str,
            "notes": str,
            "merged_into": str,
        },
    )
    db["speakers"].create_index(["name"])
    _create(
        db,
        "sources",
        {
            "id": str,
            "title": str,
            "outlet": str,
            "url": str,
            "published_on": str,
            "language": str,
            "kind": str,
            "full_text": str,
            "file_sha256": str,
            "file_name": str,
        },
    )
    _create(
        db,
        "statements",
        {
            "id": str,
            "quote": str,
            "original_text": str,
            "original_language": str,
            "speaker_id": str,
            "stated_on": str,
            "stated_precision": str,
            "stated_sort": str,  # first day the stated date can mean; for sorting
            "source_id": str,
            "source_start": int,
            "source_end": int,
            "location": str,
            "kind": str,
            "tags": str,  # JSON list; mirrored into statement_tags by triggers
            "expectation": str,
            "check_by": str,
            "check_by_phrase": str,
            "verdict": str,
            "verdict_rationale": str,
            "verdict_confidence": float,
            "review_state": str,
            "assignee_id": str,
            "last_editor_id": str,
            "approved_hash": str,
            "approved_by": str,
            "approved_at": str,
        },
        foreign_keys=[
            ("speaker_id", "speakers", "id"),
            ("source_id", "sources", "id"),
        ],
    )
    for columns in (
        ["speaker_id", "stated_sort"],
        ["stated_sort"],
        ["check_by"],
        ["verdict", "check_by"],
        ["review_state"],
        ["assignee_id"],
        ["kind"],
        ["source_id"],
        ["updated_at"],
    ):
        db["statements"].create_index(columns)
    db["statement_tags"].create(
        {"statement_id": str, "tag": str},
        pk=("statement_id", "tag"),
        foreign_keys=[("statement_id", "statements", "id")],
    )
    db["statement_tags"].create_index(["tag"])
    _create(
        db,
        "evidence",
        {
            "id": str,
            "occurred_on": str,
            "title": str,
            "summary": str,
            "excerpt": str,
            "source_id": str,
            "url": str,
        },
        foreign_keys=[("source_id", "sources", "id")],
    )
    _create(
        db,
        "links",
        {"id": str, "statement_id": str, "evidence_id": str, "stance": str, "note": str},
        foreign_keys=[("statement_id", "statements", "id"), ("evidence_id", "evidence", "id")],
    )
    db["links"].create_index(["statement_id", "evidence_id"], unique=True)
    db["links"].create_index(["evidence_id"])
    _create(
        db,
        "attachments",
        {
            "id": str,
            "evidence_id": str,
            "source_id": str,
            "sha256": str,
            "file_name": str,
            "size": int,
            "media_type": str,
        },
        foreign_keys=[("evidence_id", "evidence", "id"), ("source_id", "sources", "id")],
    )
    db["attachments"].create_index(["evidence_id"])
    db["attachments"].create_index(["sha256"])
    _create(
        db,
        "verdicts",
        {
            "id": str,
            "statement_id": str,
            "verdict": str,
            "rationale": str,
            "confidence": float,
        },
        foreign_keys=[("statement_id", "statements", "id")],
    )
    db["verdicts"].create_index(["statement_id"])
    _create(
        db,
        "comments",
        {"id": str, "statement_id": str, "user_id": str, "body": str},
        foreign_keys=[("statement_id", "statements", "id"), ("user_id", "users", "id")],
    )
    db["comments"].create_index(["statement_id"])

    db.execute(
        """
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            user_id TEXT,
            user_name TEXT,
            action TEXT NOT NULL,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            field TEXT,
            old_value TEXT,
            new_value TEXT,
            reason TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_history_record ON history (record_type, record_id)")
    # The history is append-only, enforced below the application.
    db.execute(
        "CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
        "BEGIN SELECT RAISE(ABORT, 'history is append-only: UPDATE refused'); END"
    )
    db.execute(
        "CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
        "BEGIN SELECT RAISE(ABORT, 'history is append-only: DELETE refused'); END"
    )
    # statement_tags mirrors statements.tags so tag filters use an index.
    db.execute(
        """
        CREATE TRIGGER statements_tags_insert AFTER INSERT ON statements BEGIN
            INSERT OR IGNORE INTO statement_tags (statement_id, tag)
            SELECT new.id, value FROM json_each(COALESCE(new.tags, '[]'));
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER statements_tags_update AFTER UPDATE OF tags ON statements BEGIN
            DELETE FROM statement_tags WHERE statement_id = new.id;
            INSERT OR IGNORE INTO statement_tags (statement_id, tag)
            SELECT new.id, value FROM json_each(COALESCE(new.tags, '[]'));
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER statements_tags_delete AFTER DELETE ON statements BEGIN
            DELETE FROM statement_tags WHERE statement_id = old.id;
        END
        """
    )
    db["statements"].enable_fts(
        ["quote", "original_text", "expectation", "check_by_phrase"],
        create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["evidence"].enable_fts(
        ["title", "summary", "excerpt"], create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["sources"].enable_fts(
        ["title", "outlet", "full_text"], create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )
    db["speakers"].enable_fts(
        ["name", "aliases", "title", "affiliation"], create_triggers=True,
        tokenize="unicode61 remove_diacritics 2",
    )


@migrations()
def m002_change_sets(db: Database) -> None:
    """One history row per use case (a change set) instead of one per field."""
    history_v1.migrate(db)


@migrations()
def m003_track_record_index(db: Database) -> None:
    # Speakers' statement counts and track records (the speakers list, the dashboard)
    # read this index alone instead of every statement row.
    db["statements"].create_index(["speaker_id", "check_by", "verdict", "review_state"],
                                  index_name="idx_statements_track_record", if_not_exists=True)


@migrations()
def m004_retracted_evidence(db: Database) -> None:
    """Evidence withdrawn after it was cited is kept, marked with when and why."""
    db["evidence"].add_column("retracted_at", str)
    db["evidence"].add_column("retracted_reason", str)


@migrations()
def m005_signing(db: Database) -> None:
    """Keys and signatures (see storage/signing.py). A workspace upgraded from before
    signing keeps its old entries as unsigned, and says up to where."""
    db["users"].add_column("public_key", str)  # tracked: every key a user had is in history
    db["statements"].add_column("approved_signature", str)
    db.execute("CREATE TABLE user_keys (user_id TEXT PRIMARY KEY REFERENCES users(id), "
               "public_key TEXT NOT NULL, sealed BLOB NOT NULL, salt BLOB NOT NULL, "
               "kdf TEXT NOT NULL, ops INTEGER NOT NULL, mem INTEGER NOT NULL)")
    db.execute("CREATE TABLE workspace_identity (id TEXT NOT NULL, "
               "unsigned_before INTEGER NOT NULL)")
    last = db.execute("SELECT max(seq) FROM history").fetchone()[0] or 0
    db.execute("INSERT INTO workspace_identity VALUES (?, ?)", [new_id(), last])
    db.execute("CREATE TABLE signatures (seq INTEGER PRIMARY KEY, user_id TEXT NOT NULL, "
               "public_key TEXT NOT NULL, signature TEXT NOT NULL)")
    for table in ("signatures", "workspace_identity"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END")


# Names in the order they were written; a workspace that has applied a name not
# in this list was written by a newer Factcheck.
KNOWN_MIGRATIONS = ("m001_initial", "m002_change_sets", "m003_track_record_index",
                    "m004_retracted_evidence", "m005_signing")
