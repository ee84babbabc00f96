"""Opening workspace files: migrations, identity checks, backups and restore."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from factcheck_app.domain.errors import WorkspaceInvalid, WorkspaceTooNew
from factcheck_app.services import statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import backup as backups
from factcheck_app.storage import schema
from factcheck_app.storage import store as store_module
from factcheck_app.storage.connection import backups_dir_for


def _schema_sql(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def _migration_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall()
    finally:
        conn.close()


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def _add_statement(ws: Workspace, quote: str = "We will build it") -> str:
    ws.sign_in("ana")
    return statements.add_statement(ws, quote=quote, stated_on="2023-01-10").created


# ---------------------------------------------------------------- migrations
def test_reopening_applies_no_migration_twice(ws: Workspace) -> None:
    path = ws.path
    _add_statement(ws)
    ws.close()
    expected_rows = [("factcheck", name) for name in schema.KNOWN_MIGRATIONS]
    assert _migration_rows(path) == expected_rows
    before = _schema_sql(path)
    history_before = _count(path, "SELECT count(*) FROM history")
    for _ in range(2):
        Workspace.open(path, user="ana").close()
    assert _migration_rows(path) == expected_rows
    assert _schema_sql(path) == before
    assert _count(path, "SELECT count(*) FROM history") == history_before
    assert not [p for p in backups.list_backups(path) if "-before-" in p.name]


def test_unknown_migration_is_refused_as_too_new(ws: Workspace, plain_sql) -> None:
    path = ws.path
    ws.close()
    plain_sql(path, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('factcheck', 'm099_from_the_future', '2030-01-01')")
    for readonly in (False, True):
        with pytest.raises(WorkspaceTooNew) as refused:
            Workspace.open(path, readonly=readonly)
        message = str(refused.value)
        assert "t.factcheck was written by a newer version of Factcheck" in message
        assert "m099_from_the_future" in message
        assert "update Factcheck to open it" in message
    # refusing did not touch the schema bookkeeping
    assert ("factcheck", "m099_from_the_future") in _migration_rows(path)


def test_a_plain_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "accounts.db"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO accounts (name) VALUES ('someone')")
    conn.commit()
    conn.close()
    content = other.read_bytes()
    for readonly in (False, True):
        with pytest.raises(WorkspaceInvalid, match="accounts.db is an SQLite file but not a "
                                                  "Factcheck workspace"):
            Workspace.open(other, readonly=readonly)
    # refusing a file must not convert it (e.g. to WAL mode) or add tables to it
    assert other.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.db"]


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.factcheck"
    text.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(WorkspaceInvalid, match="is not a Factcheck workspace"):
        Workspace.open(text)
    assert text.read_text().startswith("these are my notes")


def test_missing_file_is_not_created_on_open(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceInvalid, match="no workspace at"):
        Workspace.open(tmp_path / "typo.factcheck")
    assert list(tmp_path.iterdir()) == []


def test_creating_over_an_existing_workspace_is_refused(ws: Workspace) -> None:
    with pytest.raises(WorkspaceInvalid, match="already exists; open it instead"):
        Workspace.create(ws.path, admin="mallory")
    assert [u.name for u in ws.users()] == ["admin", "ana", "rita", "rob"]


def _future_migrations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend this Factcheck knows one more migration than the file has applied."""
    future = Migrations(schema.MIGRATION_SET)
    for name in schema.KNOWN_MIGRATIONS:
        future(name=name)(getattr(schema, name))

    @future()
    def m999_speaker_colour(db) -> None:
        db.execute("ALTER TABLE speakers ADD COLUMN colour TEXT")

    monkeypatch.setattr(store_module, "migrations", future)
    monkeypatch.setattr(store_module, "KNOWN_MIGRATIONS",
                        (*schema.KNOWN_MIGRATIONS, "m999_speaker_colour"))


def test_backup_is_taken_before_migrating_an_existing_workspace(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ws.path
    statement_id = _add_statement(ws)
    ws.close()
    _future_migrations(monkeypatch)

    Workspace.open(path, user="ana", backup_on_open=False).close()

    made = [p for p in backups.list_backups(path) if p.name.endswith("-before-m999_speaker_colour.factcheck")]
    assert len(made) == 1
    # the backup holds the workspace as it was: old schema, same data
    known = [("factcheck", name) for name in schema.KNOWN_MIGRATIONS]
    assert _migration_rows(made[0]) == known
    conn = sqlite3.connect(str(made[0]))
    columns = [row[1] for row in conn.execute("PRAGMA table_info(speakers)")]
    assert conn.execute("SELECT quote FROM statements WHERE id = ?", [statement_id]).fetchone() == (
        "We will build it",)
    conn.close()
    assert "colour" not in columns
    # the workspace itself is migrated, once
    assert _migration_rows(path) == [*known, ("factcheck", "m999_speaker_colour")]
    Workspace.open(path, backup_on_open=False).close()
    assert len([p for p in backups.list_backups(path) if "-before-" in p.name]) == 1


def test_a_new_workspace_needs_no_backup_before_its_migrations(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _future_migrations(monkeypatch)
    path = tmp_path / "new.factcheck"
    Workspace.create(path, admin="admin").close()
    assert backups.list_backups(path) == []
    assert len(_migration_rows(path)) == len(schema.KNOWN_MIGRATIONS) + 1


# ---------------------------------------------------------------- backups
def test_opening_for_writing_takes_one_backup_per_interval(ws: Workspace) -> None:
    path = ws.path
    ws.close()
    assert backups.list_backups(path) == []
    Workspace.open(path).close()
    Workspace.open(path).close()
    Workspace.open(path, readonly=True).close()
    made = backups.list_backups(path)
    assert len(made) == 1 and made[0].name.endswith("-auto.factcheck")
    assert made[0].parent == backups_dir_for(path)


def _age_backups(path: Path, seconds: float) -> None:
    for made in backups.list_backups(path):
        stamp = made.stat().st_mtime - seconds
        os.utime(made, (stamp, stamp))


def test_a_large_workspace_is_backed_up_off_the_opening_thread_and_seldom(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the size budget, opening starts the copy on a thread of its own and returns;
    the copy is complete once the workspace is closed, and is not repeated each interval."""
    path = ws.path
    statement_id = _add_statement(ws)
    ws.close()
    monkeypatch.setattr(backups, "SMALL_FILE_BYTES", 0)  # every file counts as large
    opened = Workspace.open(path, user="ana")
    copying = opened.store.background_backup
    assert copying is not None and copying.name == "factcheck-backup"
    opened.close()
    assert not copying.is_alive()
    [made] = backups.list_backups(path)
    conn = sqlite3.connect(str(made))
    assert conn.execute("SELECT quote FROM statements WHERE id = ?",
                        [statement_id]).fetchone() == ("We will build it",)
    conn.close()
    # an hour later, with a change since: a small file would be copied again, a large not yet
    with Workspace.open(path, user="ana", backup_on_open=False) as later:
        _add_statement(later, "A later statement")
    _age_backups(path, 60 * 60)
    with Workspace.open(path) as again:
        assert again.store.background_backup is None
    assert len(backups.list_backups(path)) == 1
    _age_backups(path, backups.LARGE_INTERVAL_S)
    Workspace.open(path).close()
    assert len(backups.list_backups(path)) == 2


def test_rolling_backup_keeps_the_last_five_automatic_ones(ws: Workspace) -> None:
    manual = backups.rolling_backup(ws.store.db.conn, ws.path, force=True, label="manual")
    made = [backups.rolling_backup(ws.store.db.conn, ws.path, force=True) for _ in range(7)]
    assert backups.rolling_backup(ws.store.db.conn, ws.path) is None  # too soon, not forced
    kept = backups.list_backups(ws.path)
    autos = [p for p in kept if p.name.endswith("-auto.factcheck")]
    assert autos == made[-5:]
    assert manual in kept  # a backup the user asked for is never pruned
    assert len(kept) == 6
    for old in made[:2]:
        assert not old.exists()


def test_restore_brings_back_the_old_content(ws: Workspace, tmp_path: Path) -> None:
    path = ws.path
    kept = _add_statement(ws, "Kept statement")
    snapshot = backups.backup_to(ws.store.db.conn, tmp_path / "snapshot.factcheck")
    later = _add_statement(ws, "Added after the backup")
    ws.close()

    backups.restore(snapshot, path)

    with Workspace.open(path, user="ana", backup_on_open=False) as restored:
        ids = {row[0] for row in restored.store.db.execute("SELECT id FROM statements")}
        assert ids == {kept}
        assert check_workspace(restored) == []
    # the state restore replaced was backed up first
    before = [p for p in backups.list_backups(path) if p.name.endswith("-before-restore.factcheck")]
    assert len(before) == 1
    conn = sqlite3.connect(str(before[0]))
    assert {row[0] for row in conn.execute("SELECT id FROM statements")} == {kept, later}
    conn.close()


def test_restore_refuses_a_file_that_is_not_a_workspace(ws: Workspace, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.factcheck"
    bogus.write_bytes(b"definitely not sqlite" * 100)
    path = ws.path
    ws.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceInvalid, match="is not a Factcheck workspace"):
        backups.restore(bogus, path)
    assert path.read_bytes() == before


def test_readonly_open_works_for_paths_with_uri_characters(tmp_path: Path) -> None:
    """'#', '?' and '%' are legal in file names but special in SQLite URIs."""
    folder = tmp_path / "Q&A #2 ?draft 100%"
    folder.mkdir()
    path = folder / "team #1 ?.factcheck"
    Workspace.create(path, admin="admin").close()
    with Workspace.open(path, readonly=True) as ws:
        assert [u.name for u in ws.users()] == ["admin"]
        assert check_workspace(ws) == []
    snapshot = tmp_path / "snap #1.factcheck"
    with Workspace.open(path, readonly=True) as ws:
        backups.backup_to(ws.store.db.conn, snapshot)
    backups.restore(snapshot, path)
    # nothing was created beside the workspace under a truncated name
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(path.name)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name, snapshot.name]


def test_two_copies_to_the_same_name_at_once_both_succeed(ws: Workspace) -> None:
    """Two processes opening a workspace in the same microsecond pick the same backup
    name; neither copy may fail (it used to: one replaced the other's partial file)."""
    import threading

    _add_statement(ws)
    target = backups_dir_for(ws.path) / "same-name-auto.factcheck"
    errors: list[BaseException] = []

    def copy_repeatedly() -> None:
        conn = sqlite3.connect(str(ws.path))
        try:
            for _ in range(15):
                backups.backup_to(conn, target)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=copy_repeatedly) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _count(target, "SELECT count(*) FROM statements") == 1
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no partial left
