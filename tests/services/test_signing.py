"""Signed sign-in and history: a passphrase unlocks each user's key, every write is signed,
and `check` catches forged, re-chained and truncated histories."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from factcheck_app.domain import signatures as sig
from factcheck_app.domain.errors import InvalidInput, PermissionDenied
from factcheck_app.services import review, statements, users
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import backup as backups
from factcheck_app.storage import history, records, schema, signing
from factcheck_app.storage.connection import APPLICATION_ID, write_transaction
from factcheck_app.storage.changeset import UPDATE, RecordChange
from factcheck_app.storage.history import SYSTEM
from tests.history_helpers import history_count


def _add(ws: Workspace, quote: str = "We will open the bridge this year") -> str:
    return statements.add_statement(ws, quote=quote, speaker="Aleksandr Lukashenko",
                                    stated_on="2023-01-10", kind="promise").created


def _problems(path: Path, kind: str | None = None) -> list[str]:
    with Workspace.open(path, readonly=True, backup_on_open=False) as ws:
        return [str(p) for p in check_workspace(ws) if kind is None or p.kind == kind]


def _sql(path: Path, *statements_: str, params: tuple = ()) -> None:
    """Write behind the app's back, triggers dropped as an attacker would."""
    conn = sqlite3.connect(str(path))
    for table in ("history", "history_records", "signatures"):
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
    for sql in statements_:
        conn.execute(sql, params if "?" in sql else ())
    conn.commit()
    conn.close()


def _rechain(path: Path) -> None:
    """Recompute every hash of the history: valid SHA-256 throughout, as a forger would."""
    conn = sqlite3.connect(str(path))
    conn.execute("DROP TRIGGER IF EXISTS history_no_update")
    prev = history.GENESIS
    for row in conn.execute("SELECT seq, at, user_id, user_name, action, reason, diff "
                            "FROM history ORDER BY seq").fetchall():
        digest = history.change_set_hash(prev, history.Header(*row[:6]), row[6])
        conn.execute("UPDATE history SET prev_hash = ?, hash = ? WHERE seq = ?",
                     [prev, digest, row[0]])
        prev = digest
    conn.commit()
    conn.close()


def _rewrite_diff(path: Path, seq: int, old: str, new: str) -> None:
    """Replace text inside one change set's diff, stored the way the app stores it."""
    conn = sqlite3.connect(str(path))
    conn.execute("DROP TRIGGER IF EXISTS history_no_update")
    stored = conn.execute("SELECT diff FROM history WHERE seq = ?", [seq]).fetchone()[0]
    text = history.unpack(stored)
    assert old in text
    conn.execute("UPDATE history SET diff = ? WHERE seq = ?",
                 [history.pack(text.replace(old, new)), seq])
    conn.commit()
    conn.close()


def _seq_of(ws: Workspace, table: str, record_id: str, field: str) -> int:
    return history.last_change_of(ws.store.db, table, record_id, [field]).seq


# -- sign-in ---------------------------------------------------------------------------
def test_wrong_passphrase_is_refused_and_the_signed_in_user_stays(ws: Workspace) -> None:
    ws.sign_in("ana")
    with pytest.raises(PermissionDenied, match="wrong passphrase for Rob Kessler"):
        ws.sign_in("rob", "not rob's passphrase")
    assert ws.user.name == "ana"
    sid = _add(ws)
    assert history.record_change_sets(ws.store.db, "statements", sid)[-1][0].user_name == "ana"
    assert sid
    with pytest.raises(PermissionDenied, match="you are Ana Petrova"):
        users.add_user(ws, name="eve", role="admin")  # still ana, who is no admin


def test_no_passphrase_at_all_is_refused(ws: Workspace, monkeypatch) -> None:
    monkeypatch.delenv("FACTCHECK_PASSPHRASE")
    with pytest.raises(PermissionDenied, match="Rob Kessler signs in with a passphrase"):
        ws.sign_in("rob")
    assert ws.user.name == "admin"


@pytest.mark.solo_only(reason="signing keys live in the workspace file; a team's logins are the server's")
def test_naming_a_user_without_unlocking_their_key_writes_nothing(ws: Workspace) -> None:
    """Code that sets the user without signing in cannot write as them: the commit
    needs their signature."""
    before = history_count(ws)
    ws.store.signer = None
    ws.user = ws.find_user("rob")
    with pytest.raises(PermissionDenied, match="sign in with your passphrase"):
        _add(ws)
    assert history_count(ws) == before
    assert ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0


@pytest.mark.solo_only(reason="a read-only workspace file")
def test_a_read_only_workspace_needs_no_passphrase(ws: Workspace, monkeypatch) -> None:
    path = ws.path
    ws.close()
    monkeypatch.delenv("FACTCHECK_PASSPHRASE")
    with Workspace.open(path, user="rob", readonly=True) as reader:
        assert reader.user.name == "rob" and reader.store.signer is None


def test_real_keys_are_sealed_at_the_strong_cost(tmp_path: Path, monkeypatch) -> None:
    # a key made under the suite's cheap cost (stored with the key) ...
    ws = Workspace.create(tmp_path / "k.factcheck", admin="admin")
    assert signing.load_key(ws.store.db, ws.user.id).cost == sig.TEST_ONLY
    users.add_user(ws, name="rob", role="reviewer")
    # ... while outside the tests every new key gets the strong cost,
    monkeypatch.delenv("FACTCHECK_INSECURE_TEST_KEYS")
    users.add_user(ws, name="ana", role="analyst")
    assert signing.load_key(ws.store.db, ws.find_user("ana").id).cost == sig.STRONG
    assert sig.STRONG.ops >= 3 and sig.STRONG.mem >= 64 * 1024 * 1024
    # and a cheap key is resealed at the strong cost when it is next unlocked
    rob = ws.sign_in("rob")
    assert signing.load_key(ws.store.db, rob.id).cost == sig.STRONG
    ws.sign_in("rob")  # the same passphrase still opens it
    ws.close()


def test_a_short_passphrase_is_refused(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        users.add_user(ws, name="zed", role="analyst", passphrase="short")
    assert "zed" not in [u.name for u in ws.users()]


@pytest.mark.solo_only(reason="signing keys live in the workspace file; a team's logins are the server's")
def test_admin_issues_a_new_key_and_old_signatures_still_verify(ws: Workspace) -> None:
    ws.sign_in("ana")
    sid = _add(ws)
    review.submit(ws, statement_id=sid)
    ws.sign_in("rob")
    statements.set_verdict(ws, statement_id=sid, verdict="unverifiable", rationale="no data")
    ws.sign_in("admin")
    users.issue_passphrase(ws, name="rob", passphrase="rob's brand new one")
    with pytest.raises(PermissionDenied, match="wrong passphrase"):
        ws.sign_in("rob")  # the old passphrase opened the old key, which is gone
    ws.sign_in("rob", "rob's brand new one")
    users.change_passphrase(ws, old="rob's brand new one", new="only rob knows this")
    with pytest.raises(PermissionDenied, match="wrong passphrase"):
        ws.sign_in("rob", "rob's brand new one")
    ws.sign_in("rob", "only rob knows this")
    statements.set_verdict(ws, statement_id=sid, verdict="unverifiable", rationale="still none")
    assert check_workspace(ws) == []
    issued = history.last_change_of(ws.store.db, "users", ws.find_user("rob").id, ["public_key"])
    assert (issued.user_name, issued.reason) == ("admin", "new key issued by Ada Admin")


def test_only_an_admin_issues_passphrases(ws: Workspace) -> None:
    ws.sign_in("ana")
    with pytest.raises(PermissionDenied, match="only an admin"):
        users.issue_passphrase(ws, name="rob", passphrase="i am rob now")
    ws.sign_in("rob")  # rob's own passphrase still works


@pytest.mark.solo_only(reason="sign-up makes a key in the file; a team's logins are made by an admin")
def test_sign_up_is_signed_with_the_new_users_own_key(ws: Workspace) -> None:
    path = ws.path
    ws.close()
    with Workspace.open(path) as fresh:
        users.register(fresh, name="zoe", passphrase="zoe's passphrase")
        assert fresh.user.name == "zoe"
        _add(fresh)
        signers = {row[0] for row in fresh.store.db.execute(
            "SELECT u.name FROM signatures s JOIN users u ON u.id = s.user_id")}
        assert "zoe" in signers
        assert check_workspace(fresh) == []


# -- a clean history, and tampered ones ------------------------------------------------
def test_every_change_is_signed_and_checks_clean(demo_ws: Workspace) -> None:
    assert check_workspace(demo_ws) == []
    signers = {row[0] for row in demo_ws.store.db.execute(
        "SELECT DISTINCT u.name FROM signatures s JOIN users u ON u.id = s.user_id")}
    assert signers == {"maya", "ana", "rob"}
    approved = demo_ws.store.db.execute("SELECT count(*) FROM statements WHERE review_state = "
                                  "'approved' AND approved_signature IS NOT NULL").fetchone()[0]
    assert approved == 3


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_a_forged_and_rechained_entry_is_caught_by_its_signature(ws: Workspace) -> None:
    ws.sign_in("ana")
    sid = _add(ws, "We will open the bridge")
    ws.sign_in("rob")
    statements.set_verdict(ws, statement_id=sid, verdict="unverifiable", rationale="none yet")
    path = ws.path
    created = _seq_of(ws, "statements", sid, "quote")
    ws.close()
    assert _problems(path) == []
    # rewrite the quote in the table and in its history entry, then redo every hash
    _sql(path, "UPDATE statements SET quote = 'We never promised a bridge' WHERE id = ?",
         params=(sid,))
    _rewrite_diff(path, created, "We will open the bridge", "We never promised a bridge")
    _rechain(path)
    assert not _problems(path, "history")  # the SHA-256 chain alone is fooled
    found = _problems(path, "signature")
    assert found and "by Ana Petrova does not match the history" in found[0]


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_a_history_rebuilt_in_someone_elses_name_is_caught(ws: Workspace) -> None:
    ws.sign_in("ana")
    _add(ws)
    path = ws.path
    ws.close()
    rob = sqlite3.connect(str(path)).execute("SELECT id FROM users WHERE name='rob'").fetchone()
    _sql(path, "UPDATE history SET user_id = ?, user_name = 'rob' WHERE user_name = 'ana'",
         params=rob)
    _rechain(path)
    found = _problems(path, "signature")
    assert found and "names Rob Kessler but was signed by Ana Petrova" in found[0]


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_an_entry_added_behind_the_apps_back_is_unsigned(ws: Workspace) -> None:
    path = ws.path
    seq, digest = history.head(ws.store.db)
    ws.close()
    conn = sqlite3.connect(str(path))
    with conn:
        history.append(Database(conn), history.Header(seq + 1, history.now(), None, "system",
                                                      "setting", None),
                       [RecordChange("settings", "title", UPDATE,
                                     {"value": ['"Factcheck workspace"', '"Mine now"']})],
                       digest)
    conn.close()
    found = _problems(path, "signature")
    assert found == [f"history #{seq + 1}: history entry #{seq + 1} is not signed: it was "
                     "added outside Factcheck"]


@pytest.mark.solo_only(reason="edits the workspace file behind the app's back; the team server refuses such writes (tests/team)")
def test_deleting_the_last_entries_is_caught(ws: Workspace, data_dir: Path) -> None:
    ws.sign_in("ana")
    _add(ws, "First")
    kept = signing.signed_head(ws.store.db)[0]
    last = _add(ws, "Second")
    path = ws.path
    ws.close()
    # drop the newest change with its history and signature: a valid, shorter history
    _sql(path, "DELETE FROM statement_tags WHERE statement_id = ?",
         params=(last,))
    _sql(path, "DELETE FROM statements WHERE id = ?", params=(last,))
    _sql(path, f"DELETE FROM history WHERE seq > {kept}",
         f"DELETE FROM history_records WHERE seq > {kept}",
         f"DELETE FROM signatures WHERE seq > {kept}")
    found = _problems(path)
    assert len(found) == 1 and "the last entries were deleted" in found[0]
    assert f"ends at signed entry #{kept}" in found[0]
    # it is the copy of the head kept outside the file that catches it
    for anchor in (data_dir / "signed-heads").glob("*.json"):
        anchor.unlink()
    assert _problems(path) == []


@pytest.mark.solo_only(reason="copies the workspace file")
def test_an_older_copy_put_back_is_caught(ws: Workspace, tmp_path: Path) -> None:
    ws.sign_in("ana")
    _add(ws, "First")
    path = ws.path
    backups.backup_to(ws.store.db.conn, tmp_path / "old.factcheck")  # a consistent copy, WAL and all
    _add(ws, "Second")
    ws.close()
    shutil.copy(tmp_path / "old.factcheck", path)
    found = _problems(path, "signature")
    assert found and "the last entries were deleted (or an older copy replaced the file)" in found[0]


def test_a_forged_approval_signature_is_caught(demo_ws: Workspace) -> None:
    path = demo_ws.path
    sid, signature = demo_ws.store.db.execute(
        "SELECT id, approved_signature FROM statements WHERE approved_signature IS NOT NULL"
    ).fetchone()
    approved = _seq_of(demo_ws, "statements", sid, "approved_signature")
    demo_ws.close()
    forged = ("0" if signature[0] != "0" else "1") + signature[1:]
    _sql(path, "UPDATE statements SET approved_signature = ? WHERE id = ?", params=(forged, sid))
    _rewrite_diff(path, approved, signature, forged)
    _rechain(path)
    found = _problems(path, "signature")
    assert found and "does not match the history" in found[0]
    assert any(f"statements {sid}: the approval is not signed" in p for p in found)


# -- a workspace from before signing ---------------------------------------------------
def _old_workspace(path: Path) -> None:
    """A workspace as Factcheck wrote it before keys: the schema before m005_signing,
    users without keys."""
    db = Database(str(path))
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old = Migrations(schema.MIGRATION_SET)
    for name in schema.KNOWN_MIGRATIONS[:schema.KNOWN_MIGRATIONS.index("m005_signing")]:
        old(name=name)(getattr(schema, name))
    old.apply(db)
    with write_transaction(db):
        for name, role in (("maya", "admin"), ("rob", "reviewer")):
            records.insert(db, "users", {"id": f"id-{name}", "name": name, "display_name": name,
                                         "role": role, "active": 1}, actor=SYSTEM)
    db.close()


def test_an_old_workspace_lets_only_its_first_admin_claim_a_key(tmp_path: Path) -> None:
    path = tmp_path / "old.factcheck"
    _old_workspace(path)
    with Workspace.open(path, backup_on_open=False) as ws:
        with pytest.raises(PermissionDenied, match="rob has no passphrase yet: an admin sets"):
            ws.sign_in("rob")
        ws.sign_in("maya", "maya's first passphrase")  # nobody has a key: the admin claims
        with pytest.raises(PermissionDenied, match="rob has no passphrase yet"):
            ws.sign_in("rob")  # and after that nobody else can claim one
        users.issue_passphrase(ws, name="rob", passphrase="rob's first passphrase")
        ws.sign_in("rob", "rob's first passphrase")
        _add(ws)
        assert check_workspace(ws) == []
        # the entries from before signing are named as such, and stay covered
        assert signing.identity(ws.store.db).unsigned_before > 0
