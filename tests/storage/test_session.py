"""The storage session: a Store reads like its Database, and says which SQL it speaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from factcheck_app.services import speakers
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import speaker_rows, user_rows
from factcheck_app.storage.session import Session, dialect, executemany


class _ServerSession:
    dialect = "postgresql"


def test_each_session_names_its_dialect(ws: Workspace, tmp_path: Path) -> None:
    assert isinstance(ws.store, Session)
    assert dialect(ws.store) == "sqlite" and ws.store.engine == "sqlite"
    assert dialect(Database(tmp_path / "plain.db")) == "sqlite"
    assert dialect(_ServerSession()) == "postgresql"
    with pytest.raises(ValueError, match="oracle"):
        dialect(type("Odd", (), {"dialect": "oracle"})())


def test_the_store_reads_what_its_transactions_wrote(ws: Workspace) -> None:
    speakers.add_speaker(ws, name="Dmitry Peskov")
    assert [r["name"] for r in ws.store.query("SELECT name FROM speakers")] == ["Dmitry Peskov"]
    assert ws.store.execute("SELECT count(*) FROM speakers").fetchone()[0] == 1
    assert "statements" in ws.store.table_names()
    assert ws.store.label == "t.factcheck"


def test_executemany_runs_on_a_store_and_on_a_bare_database(ws: Workspace,
                                                            tmp_path: Path) -> None:
    plain = Database(tmp_path / "plain.db")
    plain["t"].create({"x": int})
    executemany(plain, "INSERT INTO t (x) VALUES (?)", [[1], [2]])
    assert plain.execute("SELECT sum(x) FROM t").fetchone()[0] == 3
    ws.store.execute("CREATE TEMP TABLE scratch (x INTEGER)")
    executemany(ws.store, "INSERT INTO scratch (x) VALUES (?)", [[4], [5]])
    assert ws.store.execute("SELECT sum(x) FROM scratch").fetchone()[0] == 9


def test_names_match_without_regard_to_case(ws: Workspace) -> None:
    """lower(a) = lower(?) finds what COLLATE NOCASE found: login and display names,
    speaker names and aliases, whatever their capitals."""
    assert user_rows.active_user_by_name(ws.store, "ANA")["name"] == "ana"
    shown = user_rows.active_user_by_name(ws.store, "ana")["display_name"]
    assert user_rows.active_user_by_name(ws.store, shown.upper())["name"] == "ana"
    assert user_rows.active_user_by_name(ws.store, "nobody") is None
    assert user_rows.login_name_taken(ws.store, "Rob")
    speakers.add_speaker(ws, name="Dmitry Peskov", aliases=["Peskov"])
    assert speaker_rows.speaker_named(ws.store, "dmitry PESKOV")["name"] == "Dmitry Peskov"
    assert speaker_rows.speaker_with_alias(ws.store, "PESKOV")["name"] == "Dmitry Peskov"
    assert speaker_rows.names_and_aliases(ws.store) == ["Dmitry Peskov", "Peskov"]
