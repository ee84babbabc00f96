"""`restore` refuses what is not a workspace it can read; `check` reports a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import CLI, _add, cli, snapshot  # noqa: F401 - the fixture


def _flush(path: str) -> None:
    """Fold the WAL into the main file, as a copy made with the workspace closed has it."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _foreign(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    return path


def _newer(cli: CLI, tmp_path: Path) -> Path:
    path = tmp_path / "newer.factcheck"
    assert cli.ok("backup", cli.w, "-o", path).startswith("backup written")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "SELECT migration_set, 'm999_from_the_future', applied_at "
                     "FROM _sqlite_migrations LIMIT 1")
    return path


def _empty_marked(tmp_path: Path) -> Path:
    path = tmp_path / "empty.factcheck"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1178815281")  # FCK1, but no tables at all
        conn.execute("CREATE TABLE notes (x)")
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda cli, tmp: _foreign(tmp), "is an SQLite file but not a Factcheck workspace"),
    (_newer, "was written by a newer version of Factcheck"),
    (lambda cli, tmp: _empty_marked(tmp), "is not a Factcheck workspace (it has no history"),
    (lambda cli, tmp: (tmp / "notes.txt", (tmp / "notes.txt").write_text("hello " * 500))[0],
     "not a Factcheck workspace"),
])
def test_restore_refuses_a_file_it_must_not_restore(cli: CLI, tmp_path: Path, make,  # noqa: F811
                                                    message: str) -> None:
    _add(cli)
    backup = make(cli, tmp_path)
    before = snapshot(cli.w)
    code, out, err = cli("restore", cli.w, backup)
    assert (code, out) == (2, "")
    assert message in err and "unexpected" not in err
    assert snapshot(cli.w) == before
    assert cli.ok("check", cli.w).strip().endswith("verified)")


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_check_on_a_truncated_file_reports_damage(cli: CLI, tmp_path: Path, keep: float) -> None:  # noqa: F811
    for n in range(30):
        _add(cli, f"Promise number {n} about the bridge")
    _flush(cli.w)
    whole = Path(cli.w).read_bytes()
    cut = tmp_path / "cut.factcheck"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    code, out, err = cli("check", cut)
    assert code == 1 and out == ""
    assert "damaged" in err and "unexpected" not in err


def test_check_on_a_file_with_overwritten_pages_reports_damage(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    for n in range(30):
        _add(cli, f"Promise number {n} about the bridge")
    _flush(cli.w)
    data = bytearray(Path(cli.w).read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # spoil every third page
        data[start:start + page] = b"\xa5" * page
    spoiled = tmp_path / "spoiled.factcheck"
    spoiled.write_bytes(bytes(data))
    code, out, err = cli("check", spoiled)
    assert code == 1 and out == ""
    assert ("damaged" in err or "malformed" in err) and "unexpected" not in err
