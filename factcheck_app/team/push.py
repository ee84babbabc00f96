"""`team push`: copy a solo workspace into a new team workspace, keeping every id, who
created what, the approvals that still hold, the attachment bytes, the solo history
itself and what the solo workspace signed (team/schema/007_solo_signatures.sql)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb
from sqlite_utils import Database

from ..domain.errors import InvalidInput, RuleViolation
from ..domain.records import content_hash
from ..storage import attachments, history, signing
from ..storage.records import approval_links
from ..storage.store import Store
from .connection import translate
from .migrate import SCHEMA

# Parents before children, so every foreign key finds its row.
TABLES = ("speakers", "sources", "statements", "evidence", "links", "attachments", "verdicts",
          "comments")
# Columns that hold a users.id: remapped when a solo user is already on the team.
USER_COLUMNS = {"created_by", "updated_by", "assignee_id", "last_editor_id", "approved_by",
                "user_id"}


@dataclass
class PushResult:
    counts: dict[str, int] = field(default_factory=dict)
    history_entries: int = 0
    history_sha256: str = ""
    approvals_kept: int = 0
    approvals_withdrawn: list[str] = field(default_factory=list)
    files: int = 0  # attachment files (distinct contents) copied to the server
    signatures: int = 0  # solo change-set signatures kept


def solo_history(db: Database) -> Iterator[dict[str, Any]]:
    """The solo history's change sets, read through storage/history.py, as JSON-ready
    entries: header, and each record change with its fields."""
    for header, changes in history.change_sets(db):
        yield {**asdict(header),
               "changes": [{"table": c.table, "id": c.record_id, "op": c.op,
                            "fields": c.fields} for c in changes]}


def push(solo_path: Path | str, conn: psycopg.Connection) -> PushResult:
    """Copy everything in one transaction: all of it lands, or nothing does."""
    store = Store(solo_path, readonly=True)
    try:
        problem = history.verify_chain(store.db)
        if problem:
            raise RuleViolation(f"{Path(solo_path).name}: {problem.message}; "
                                "run `factcheck check` on it first")
        try:
            with conn.transaction():
                return _copy(store, conn, Path(solo_path).name)
        except psycopg.Error as error:
            raise translate(error) from error
    finally:
        store.close()


def _copy(store: Store, conn: psycopg.Connection, name: str) -> PushResult:
    db = store.db
    conn.execute("SELECT set_config('factcheck.import', 'on', true), "
                 "set_config('factcheck.reason', %s, true)", [f"pushed from {name}"])
    if conn.execute("SELECT factcheck.fc_role()").fetchone()[0] != "admin":
        raise RuleViolation("only an admin of the team workspace may push into it")
    if conn.execute("SELECT count(*) FROM factcheck.statements").fetchone()[0]:
        raise InvalidInput("the team workspace already holds statements; push into a new one")
    result = PushResult()
    blobs = _blobs(store, name)  # refused before anything is written
    solo_approvals = _solo_approvals(db)
    remap = _users(db, conn, result)
    _settings(db, conn)
    approved = []
    for table in TABLES:
        rows = [_remapped(row, remap) for row in db[table].rows]
        if table == "statements":
            approved = _check_approvals(db, rows, result)
        _insert(conn, table, rows)
        result.counts[table] = len(rows)
    result.approvals_kept = conn.execute("SELECT factcheck.rebind_imported_approvals(%s)",
                                         [approved]).fetchone()[0]
    result.files = _send_files(conn, blobs)
    result.signatures = _signatures(db, conn, solo_approvals, set(approved))
    entries = list(solo_history(db))
    result.history_entries = len(entries)
    # the verified chain's last hash: the solo file's own proof, kept beside the archive
    solo_head = history.head(db)[1].hex()
    result.history_sha256 = conn.execute("SELECT factcheck.import_solo_history(%s, %s)",
                                         [Jsonb(entries), solo_head]).fetchone()[0]
    return result


def _blobs(store: Store, name: str) -> list[tuple[str, Path]]:
    """Every stored file the solo records name, checked to be there and small enough."""
    hashes = {r["sha256"] for r in store.db.query("SELECT sha256 FROM attachments")} | \
        {r["sha256"] for r in store.db.query(
            "SELECT file_sha256 AS sha256 FROM sources WHERE file_sha256 IS NOT NULL")}
    blobs = []
    for sha in sorted(hashes):
        path = attachments.blob_path(store.files_dir, sha)
        if not path.is_file():
            raise InvalidInput(f"{name}: the stored file {sha[:12]}… is missing from its "
                               "attachments folder; run `factcheck check` on it first")
        attachments.fits_the_server(f"{name}: the stored file {sha[:12]}…", path.stat().st_size)
        blobs.append((sha, path))
    return blobs


def _send_files(conn: psycopg.Connection, blobs: list[tuple[str, Path]]) -> int:
    from ..storage import pg_files  # noqa: PLC0415 - storage's PostgreSQL side imports team
    from ..storage.pg_store import PgSession  # noqa: PLC0415

    conn.execute("SELECT set_config('search_path', %s, true)", [f"{SCHEMA}, pg_catalog"])
    session = PgSession(conn)
    for sha, path in blobs:
        pg_files.upload(session, sha, path=path)
    return len(blobs)


def _solo_approvals(db: Database) -> list[dict[str, Any]]:
    """Each approval as the solo approver signed it: solo ids, the solo content hash."""
    names = {u["id"]: u["display_name"] or u["name"] for u in db["users"].rows}
    return [{"statement_id": r["id"], "content_hash": r["approved_hash"],
             "approver_id": r["approved_by"], "approver_name": names.get(r["approved_by"]),
             "approved_at": r["approved_at"], "signature": r.get("approved_signature")}
            for r in db.query("SELECT * FROM statements WHERE review_state = 'approved'")]


def _signatures(db: Database, conn: psycopg.Connection, approvals: list[dict[str, Any]],
                kept: set[str]) -> int:
    """Keep what the solo workspace signed, so team/solo_proof.py can check it later."""
    if not signing.is_signed(db):  # a file from before signing: nothing was signed
        return 0
    ident = signing.identity(db)
    keys = [{"user_id": user_id, "since_seq": since, "public_key": key}
            for user_id, held in signing.public_keys(db).items() for since, key in held]
    signed = [{"seq": seq, "head_hash": signing.hash_at(db, seq), "user_id": user_id,
               "public_key": key, "signature": signature}
              for seq, user_id, key, signature in db.execute(
                  "SELECT seq, user_id, public_key, signature FROM signatures ORDER BY seq")]
    conn.execute("SELECT factcheck.import_solo_signatures(%s, %s, %s, %s)", [
        Jsonb({"workspace_id": ident.workspace_id, "unsigned_before": ident.unsigned_before}),
        Jsonb(keys), Jsonb(signed),
        Jsonb([{**a, "kept": a["statement_id"] in kept} for a in approvals])])
    return len(signed)


def _users(db: Database, conn: psycopg.Connection, result: PushResult) -> dict[str, str]:
    """Solo users already on the team (same name) become that user; the others arrive
    inactive until an admin gives them a login (team add-user NAME)."""
    on_team = dict(conn.execute("SELECT lower(name), id FROM factcheck.users").fetchall())
    remap, newcomers = {}, []
    for user in db["users"].rows:
        match = on_team.get(user["name"].lower())
        if match:
            remap[user["id"]] = match
        else:
            newcomers.append({**user, "active": 0})
    _insert(conn, "users", [_remapped(u, remap) for u in newcomers])
    result.counts["users"] = len(newcomers)
    return remap


def _settings(db: Database, conn: psycopg.Connection) -> None:
    """The solo workspace's settings replace the new workspace's defaults."""
    rows = list(db["settings"].rows)
    conn.execute("DELETE FROM factcheck.settings WHERE id = ANY(%s)", [[r["id"] for r in rows]])
    _insert(conn, "settings", rows)


def _check_approvals(db: Database, rows: list[dict], result: PushResult) -> list[str]:
    """Keep an approval only where it still covers the content (as `factcheck check`
    would find); the others arrive as drafts."""
    kept = []
    for row in rows:
        if row.get("review_state") != "approved":
            continue
        if content_hash(row, approval_links(db, row["id"])) == row.get("approved_hash"):
            kept.append(row["id"])
        else:
            row.update(review_state="draft", approved_hash=None, approved_by=None,
                       approved_at=None)
            if "approved_signature" in row:
                row["approved_signature"] = None
            result.approvals_withdrawn.append(row["id"])
    return kept


def _remapped(row: dict[str, Any], remap: dict[str, str]) -> dict[str, Any]:
    return {k: remap.get(v, v) if k in USER_COLUMNS and v else v for k, v in row.items()}


def _insert(conn: psycopg.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    server = {r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
        "AND table_name = %s AND is_generated = 'NEVER'", [SCHEMA, table])}
    unknown = sorted(set(rows[0]) - server)
    if unknown:
        raise InvalidInput(f"the team workspace has no column {table}.{unknown[0]}; "
                           "update the team workspace's schema first")
    columns = list(rows[0])
    statement = sql.SQL("INSERT INTO {}.{} ({}) VALUES ({})").format(
        sql.Identifier(SCHEMA), sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder() * len(columns)))
    with conn.cursor() as cursor:
        cursor.executemany(statement, [[_value(row[c]) for c in columns] for row in rows])


def _value(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (dict, list)) else value
