"""Changes made behind the app's back are caught: history, records, approvals, files."""

from __future__ import annotations

import os
import sqlite3
import uuid
import zlib
from pathlib import Path

import pytest

from factcheck_app.cli import main
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import history
from factcheck_app.storage.attachments import blob_path


def _problems(path: Path) -> list[str]:
    with Workspace.open(path, readonly=True) as ws:
        return [str(p) for p in check_workspace(ws)]


def _one(path: Path, sql: str, params: tuple = ()):
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


@pytest.fixture
def demo_path(demo_ws: Workspace) -> Path:
    """The demo workspace, closed, so plain sqlite3 can play the tamperer."""
    path = demo_ws.path
    demo_ws.close()
    assert _problems(path) == []
    return path


def _pending_statement(path: Path) -> str:
    return _one(path, "SELECT id FROM statements WHERE verdict = 'pending' "
                      "ORDER BY stated_sort, id LIMIT 1")[0]


# ---------------------------------------------------------------- append-only history
@pytest.mark.parametrize(("sql", "word"), [
    ("UPDATE history SET reason = 'rewritten' WHERE seq = 5", "UPDATE"),
    ("UPDATE history SET diff = '[]' WHERE seq = 5", "UPDATE"),
    ("UPDATE history SET user_name = 'someone else'", "UPDATE"),
    ("DELETE FROM history WHERE seq = 5", "DELETE"),
    ("DELETE FROM history", "DELETE"),
])
def test_history_refuses_update_and_delete(demo_path: Path, sql: str, word: str) -> None:
    before = _one(demo_path, "SELECT count(*), max(hash) FROM history")
    conn = sqlite3.connect(str(demo_path))
    with pytest.raises(sqlite3.IntegrityError) as refused:
        conn.execute(sql)
    conn.close()
    assert str(refused.value) == f"history is append-only: {word} refused"
    assert _one(demo_path, "SELECT count(*), max(hash) FROM history") == before
    assert _problems(demo_path) == []


def _text_change_set(path: Path, word: str) -> int:
    """The first change set stored as plain JSON text that mentions `word`."""
    return _one(path, "SELECT seq FROM history WHERE typeof(diff) = 'text' AND diff LIKE ? "
                      "ORDER BY seq LIMIT 1", (f"%{word}%",))[0]


def test_edited_history_row_is_a_broken_chain_naming_the_entry(demo_path: Path, plain_sql) -> None:
    seq = _text_change_set(demo_path, "in_review")
    plain_sql(demo_path, "DROP TRIGGER history_no_update",
              f"UPDATE history SET diff = replace(diff, 'in_review', 'approved') WHERE seq = {seq}")
    problems = _problems(demo_path)
    assert f"history #{seq}: history entry #{seq} was altered after it was written" in problems


def test_edited_compressed_change_set_is_caught(demo_path: Path, plain_sql) -> None:
    """A bulk change set is stored compressed; rewriting it still breaks the chain."""
    conn = sqlite3.connect(str(demo_path))
    seq, diff = next((seq, zlib.decompress(diff)) for seq, diff in conn.execute(
        "SELECT seq, diff FROM history WHERE typeof(diff) = 'blob' ORDER BY seq")
        if b'"draft"' in zlib.decompress(diff))
    conn.close()
    forged = zlib.compress(diff.replace(b'"draft"', b'"approved"'))
    plain_sql(demo_path, "DROP TRIGGER history_no_update",
              f"UPDATE history SET diff = ? WHERE seq = {seq}", params=(forged,))
    assert f"history #{seq}: history entry #{seq} was altered after it was written" in \
        _problems(demo_path)


def test_rehashed_history_row_breaks_the_link_to_the_next(demo_path: Path, plain_sql) -> None:
    """A careful forger who recomputes the edited entry's hash still breaks the chain."""
    seq = _text_change_set(demo_path, "in_review")
    conn = sqlite3.connect(str(demo_path))
    conn.execute("DROP TRIGGER history_no_update")
    row = conn.execute("SELECT seq, at, user_id, user_name, action, reason, diff, prev_hash "
                       "FROM history WHERE seq = ?", [seq]).fetchone()
    header = history.Header(row[0], row[1], row[2], "forger", row[4], row[5])
    conn.execute("UPDATE history SET user_name = ?, hash = ? WHERE seq = ?",
                 ["forger", history.change_set_hash(row[7], header, row[6]), seq])
    conn.commit()
    conn.close()
    assert (f"history #{seq + 1}: history entry #{seq + 1} does not follow the entry "
            "before it") in _problems(demo_path)


def test_history_index_refuses_edits_and_a_gap_in_it_is_caught(demo_path: Path,
                                                               plain_sql) -> None:
    """The History tab reads the index: hiding a change from it is refused, then caught."""
    seq, key = _one(demo_path, "SELECT seq, record_id FROM history_records "
                               "WHERE record_type = ? ORDER BY seq DESC LIMIT 1",
                    (history.TABLE_CODES["statements"],))
    record_id = str(uuid.UUID(bytes=key))  # the index keeps a UUID's 16 bytes
    conn = sqlite3.connect(str(demo_path))
    with pytest.raises(sqlite3.IntegrityError, match="the history index is append-only: "
                                                     "DELETE refused"):
        conn.execute("DELETE FROM history_records WHERE seq = ?", [seq])
    conn.close()
    plain_sql(demo_path, "DROP TRIGGER history_records_no_delete",
              f"DELETE FROM history_records WHERE seq = {seq} AND record_id = ?",
              params=(key,))
    assert _problems(demo_path) == [
        f"history #{seq}: the history index lacks this change of statements {record_id}"]


def test_deleted_history_row_is_reported_as_missing(demo_path: Path, plain_sql) -> None:
    plain_sql(demo_path, "DROP TRIGGER history_no_delete", "DELETE FROM history WHERE seq = 30")
    assert "history #31: history entry before #31 is missing" in _problems(demo_path)


# ---------------------------------------------------------------- records vs history
def test_plain_sqlite_verdict_change_is_caught(demo_path: Path, plain_sql, capsys) -> None:
    statement_id = _pending_statement(demo_path)
    plain_sql(demo_path, "UPDATE statements SET verdict = 'held' WHERE id = ?",
              params=(statement_id,))
    problems = _problems(demo_path)
    assert problems == [
        f"statements {statement_id}: field 'verdict' was changed outside Factcheck "
        "(history says \"pending\", file has \"held\")"]

    assert main(["check", str(demo_path)]) != 0
    out, err = capsys.readouterr()
    assert "ok" not in out
    assert statement_id in err
    assert "factcheck: 1 problem(s); first: statements " + statement_id in err


def test_row_inserted_behind_the_apps_back_is_caught(demo_path: Path, plain_sql) -> None:
    plain_sql(demo_path, "INSERT INTO comments (id, statement_id, body) "
                         "SELECT 'sneaky-comment', id, 'hi' FROM statements LIMIT 1")
    assert _problems(demo_path) == [
        "comments sneaky-comment: exists but was never recorded in the history"]


def test_statement_deleted_behind_the_apps_back_is_caught(demo_path: Path, plain_sql,
                                                         capsys) -> None:
    statement_id = _one(
        demo_path,
        "SELECT id FROM statements s WHERE NOT EXISTS (SELECT 1 FROM links l WHERE "
        "l.statement_id = s.id) AND NOT EXISTS (SELECT 1 FROM comments c WHERE "
        "c.statement_id = s.id) AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE "
        "v.statement_id = s.id) ORDER BY id LIMIT 1")[0]
    plain_sql(demo_path, "DELETE FROM statements WHERE id = ?", params=(statement_id,))
    assert _problems(demo_path) == [f"statements {statement_id}: was deleted outside Factcheck"]
    assert main(["check", str(demo_path)]) == 1
    assert statement_id in capsys.readouterr().err


def test_plain_sqlite_edit_of_an_approved_statements_link_is_caught_twice(
        demo_path: Path, plain_sql) -> None:
    """The link row no longer matches its history, and the approval no longer matches."""
    statement_id, link_id = _one(
        demo_path, "SELECT s.id, l.id FROM statements s JOIN links l ON l.statement_id = s.id "
                   "WHERE s.review_state = 'approved' ORDER BY s.id LIMIT 1")
    plain_sql(demo_path, "UPDATE links SET stance = 'supports' WHERE id = ?", params=(link_id,))
    problems = _problems(demo_path)
    assert any(p.startswith(f"links {link_id}: field 'stance' was changed outside") for p in problems)
    assert (f"statements {statement_id}: approved content differs from what the reviewer "
            "approved") in problems


# ---------------------------------------------------------------- attachment files
def _the_blob(path: Path) -> tuple[str, Path]:
    sha = _one(path, "SELECT sha256 FROM attachments LIMIT 1")[0]
    return sha, blob_path(path.with_name(path.name + ".files"), sha)


def test_blobs_are_stored_read_only(demo_path: Path) -> None:
    _, blob = _the_blob(demo_path)
    assert blob.stat().st_mode & 0o222 == 0


def test_tampered_attachment_is_caught_naming_the_file(demo_path: Path, capsys) -> None:
    sha, blob = _the_blob(demo_path)
    os.chmod(blob, 0o644)
    data = bytearray(blob.read_bytes())
    data[10] ^= 0x01
    blob.write_bytes(bytes(data))
    assert _problems(demo_path) == [
        f"attachment seed-article.txt ({sha[:12]}…): file content no longer matches its SHA-256"]
    assert main(["check", str(demo_path)]) == 1
    assert "seed-article.txt" in capsys.readouterr().err


def test_missing_attachment_is_caught_naming_the_file(demo_path: Path) -> None:
    sha, blob = _the_blob(demo_path)
    os.chmod(blob, 0o644)
    blob.unlink()
    assert _problems(demo_path) == [
        f"attachment seed-article.txt ({sha[:12]}…): file is missing"]
