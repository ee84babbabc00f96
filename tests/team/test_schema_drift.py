"""The two schemas stay one: every table and column of a workspace file exists on a team
server and the other way round, but for the differences listed here, each with its reason.
A column added to one side only (a migration written for one engine) fails here, named."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg

from factcheck_app.services.workspace import Workspace

# Tables only a workspace file has (a name ending in * covers the names it begins).
SQLITE_ONLY = {
    "_sqlite_migrations": "sqlite-utils' record of applied migrations (the server's is "
                          "schema_migrations)",
    "sqlite_sequence": "SQLite's own bookkeeping",
    "history": "a file's history, chained and signed by the app (the server writes "
               "change_sets itself)",
    "history_records": "the file history's index by record (change_sets name the records "
                       "in their JSON)",
    "signatures": "each change set's Ed25519 signature (the server vouches for who acted)",
    "user_keys": "sealed private keys, which never leave the user's file",
    "workspace_identity": "the id the file's signatures name",
    "statements_fts*": "FTS5 search and its shadow tables (the server: statements.search)",
    "evidence_fts*": "FTS5 search of evidence (the server: a tsvector computed in the "
                     "query, storage/text_search.py)",
    "sources_fts*": "FTS5 search of sources (the server: the same, computed in the query)",
    "speakers_fts*": "FTS5 search of speakers' names (the server needs no index table)",
}
# Tables only a team server has.
SERVER_ONLY = {
    "team_meta": "facts about the team workspace (role prefix, an imported solo history)",
    "schema_migrations": "the server schema's applied files (team/migrate.py)",
    "pending_changes": "row changes staged until the transaction's change set is sealed",
    "change_sets": "the server's own history",
    "chain_head": "the head of the server's history chain",
    "imported_history": "a pushed solo workspace's history, kept as it was",
    "files": "attachment bytes (a file keeps them in its sibling folder)",
    "imported_keys": "a pushed solo workspace's public keys, as its history gave them",
    "imported_signatures": "a pushed solo workspace's change-set signatures",
    "imported_approvals": "a pushed solo workspace's approvals, as their approvers signed them",
}
# Columns only one side has, in a table both have.
COLUMNS_ONE_SIDE = {
    ("statements", "search"): "the server's tsvector for full-text search (FTS5 on a file)",
}


def sqlite_columns(path: Path) -> dict[str, set[str]]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: {r[1] for r in db.execute(f"PRAGMA table_info('{t}')")} for t in tables}


def server_columns(conn: psycopg.Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table, column in conn.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = 'factcheck' AND t.table_type = 'BASE TABLE'"):
        found.setdefault(table, set()).add(column)
    return found


def _listed(table: str, allowed: dict[str, str]) -> bool:
    return table in allowed or any(name.endswith("*") and table.startswith(name[:-1])
                                   for name in allowed)


def drift(solo: dict[str, set[str]], team: dict[str, set[str]]) -> list[str]:
    """One line per table or column on one side only that the lists above do not explain."""
    problems = [f"table {t} exists in a workspace file but not on a team server"
                for t in sorted(set(solo) - set(team)) if not _listed(t, SQLITE_ONLY)]
    problems += [f"table {t} exists on a team server but not in a workspace file"
                 for t in sorted(set(team) - set(solo)) if not _listed(t, SERVER_ONLY)]
    for table in sorted(set(solo) & set(team)):
        for column in sorted(solo[table] ^ team[table]):
            if (table, column) in COLUMNS_ONE_SIDE:
                continue
            side = ("in a workspace file but not on a team server" if column in solo[table]
                    else "on a team server but not in a workspace file")
            problems.append(f"column {table}.{column} exists {side}")
    return problems


def _fresh_file(tmp_path: Path) -> Path:
    Workspace.create(tmp_path / "fresh.factcheck", admin="admin").close()
    return tmp_path / "fresh.factcheck"


def test_the_file_and_server_schemas_have_the_same_tables_and_columns(team, tmp_path) -> None:
    with team.connect() as conn:
        team_schema = server_columns(conn)
    solo_schema = sqlite_columns(_fresh_file(tmp_path))
    assert "statements" in solo_schema and "statements" in team_schema  # both really read
    assert drift(solo_schema, team_schema) == []


def test_every_allowed_difference_still_exists(team, tmp_path) -> None:
    """An entry left in the lists after its difference went away hides the next one."""
    with team.connect() as conn:
        team_schema = server_columns(conn)
    solo_schema = sqlite_columns(_fresh_file(tmp_path))
    for name in SQLITE_ONLY:
        assert any(_listed(t, {name: ""}) for t in solo_schema), name
        assert not any(_listed(t, {name: ""}) for t in team_schema), name
    assert set(SERVER_ONLY) <= set(team_schema) and not set(SERVER_ONLY) & set(solo_schema)
    for table, column in COLUMNS_ONE_SIDE:
        assert (column in solo_schema[table]) != (column in team_schema[table]), (table, column)


def test_a_column_added_to_one_side_only_is_named(team, tmp_path) -> None:
    path = _fresh_file(tmp_path)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE evidence ADD COLUMN credibility TEXT")
    with team.connect() as conn:
        with conn.transaction():
            conn.execute("ALTER TABLE factcheck.links ADD COLUMN weight integer")
            conn.execute("CREATE TABLE factcheck.tags_cloud (tag text)")
        team_schema = server_columns(conn)
    assert drift(sqlite_columns(path), team_schema) == [
        "table tags_cloud exists on a team server but not in a workspace file",
        "column evidence.credibility exists in a workspace file but not on a team server",
        "column links.weight exists on a team server but not in a workspace file",
    ]
