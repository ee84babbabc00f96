"""The team server keeps attachment bytes under their SHA-256: it checks the name against
the bytes, stamps who added them, and lets nobody change or remove them (but an admin's
purge of bytes nothing names)."""

from __future__ import annotations

import hashlib

import psycopg
import pytest

PHOTO = b"\xff\xd8 the bridge, still closed"
SHA = hashlib.sha256(PHOTO).hexdigest()


def _add(conn: psycopg.Connection, sha: str = SHA, data: bytes = PHOTO) -> None:
    with conn.transaction():
        conn.execute("INSERT INTO factcheck.files (sha256, data) VALUES (%s, %s)", [sha, data])


def _refused(conn: psycopg.Connection, sql: str, params=()) -> psycopg.Error:
    with pytest.raises(psycopg.Error) as error, conn.transaction():
        conn.execute(sql, params)
    return error.value


def test_the_server_stamps_who_added_the_bytes_and_their_size(team) -> None:
    with team.connect("ana") as ana:
        with ana.transaction():
            ana.execute("INSERT INTO factcheck.files (sha256, data, size, added_by) "
                        "VALUES (%s, %s, 1, 'rob')", [SHA, PHOTO])
        row = ana.execute("SELECT size, added_by, added_at, data FROM factcheck.files").fetchone()
    assert row[:2] == (len(PHOTO), "ana") and row[2].startswith("20") and row[3] == PHOTO


def test_bytes_that_do_not_hash_to_their_name_are_refused(team) -> None:
    with team.connect("ana") as ana:
        error = _refused(ana, "INSERT INTO factcheck.files (sha256, data) VALUES (%s, %s)",
                         [SHA, PHOTO + b" and a forged line"])
        assert error.sqlstate == "FCR01" and "does not have that SHA-256" in str(error)
        assert ana.execute("SELECT count(*) FROM factcheck.files").fetchone()[0] == 0


@pytest.mark.parametrize("who", ["ana", "boss"])
def test_nobody_changes_or_deletes_stored_bytes(team, who) -> None:
    with team.connect("ana") as ana:
        _add(ana)
    with team.connect(who) as conn:
        for sql in ("UPDATE factcheck.files SET data = 'x'::bytea",
                    "DELETE FROM factcheck.files", "TRUNCATE factcheck.files"):
            assert _refused(conn, sql).sqlstate in ("42501", "FCP01"), sql
        assert conn.execute("SELECT data FROM factcheck.files").fetchone()[0] == PHOTO


def test_an_admin_purges_only_bytes_that_nothing_names(team) -> None:
    kept = b"%PDF-1.4 still attached"
    with team.connect("ana") as ana:
        _add(ana)
        _add(ana, hashlib.sha256(kept).hexdigest(), kept)
        with ana.transaction():
            ana.execute("INSERT INTO factcheck.evidence (id, summary) VALUES ('e1', 'Memo')")
            ana.execute("INSERT INTO factcheck.attachments (id, evidence_id, sha256, file_name) "
                        "VALUES ('a1', 'e1', %s, 'memo.pdf')", [hashlib.sha256(kept).hexdigest()])
        error = _refused(ana, "SELECT factcheck.purge_unused_files()")
        assert "only an admin may purge" in str(error)
    with team.connect("boss") as boss:
        with boss.transaction():
            assert boss.execute("SELECT factcheck.purge_unused_files()").fetchone()[0] == 1
        assert [r[0] for r in boss.execute("SELECT data FROM factcheck.files")] == [kept]
