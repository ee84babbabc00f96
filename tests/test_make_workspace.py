"""The benchmark workspace generator: realistic, valid for `check`, searchable, reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.make_workspace import FREQUENT_TERM, RARE_TERMS, main, make_workspace
from factcheck_app.domain import records as rec
from factcheck_app.domain.filters import StatementFilter
from factcheck_app.services.check import check_workspace
from factcheck_app.services.queries import count_statements
from factcheck_app.services.workspace import Workspace

N = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "bench.factcheck"
    assert make_workspace(path, N, seed=7) == path
    return path


@pytest.fixture
def ws(generated: Path):
    workspace = Workspace.open(generated, backup_on_open=False)
    try:
        yield workspace
    finally:
        workspace.close()


def count(ws: Workspace, sql: str) -> int:
    return ws.store.db.execute(sql).fetchone()[0]


def test_counts(ws: Workspace) -> None:
    assert count(ws, "SELECT count(*) FROM statements") == N
    for table in ("speakers", "sources", "evidence", "links", "verdicts", "comments"):
        assert count(ws, f"SELECT count(*) FROM {table}") > 0, table
    roles = {row[0] for row in ws.store.db.execute("SELECT role FROM users")}
    assert {"admin", "analyst", "reviewer"} <= roles
    kinds = {row[0] for row in ws.store.db.execute("SELECT DISTINCT kind FROM speakers")}
    assert kinds == {"person", "body"}


def test_check_finds_no_problems(ws: Workspace) -> None:
    assert check_workspace(ws) == []


def test_mixes_are_realistic(ws: Workspace) -> None:
    verdicts = dict(ws.store.db.execute("SELECT verdict, count(*) FROM statements GROUP BY 1"))
    assert verdicts["pending"] > N / 2
    assert {"held", "broken", "partly_held", "unverifiable"} <= set(verdicts)
    states = dict(ws.store.db.execute("SELECT review_state, count(*) FROM statements GROUP BY 1"))
    assert set(states) == {"draft", "in_review", "changes_requested", "approved"}
    precisions = {row[0] for row in
                  ws.store.db.execute("SELECT DISTINCT stated_precision FROM statements")}
    assert precisions == {"day", "month", "year"}
    years = ws.store.db.execute("SELECT min(stated_sort), max(stated_sort) FROM statements").fetchone()
    assert "2015" <= years[0] and years[1] < "2027"
    assert count(ws, "SELECT count(*) FROM statements WHERE check_by_phrase IS NOT NULL") > 0
    assert count(ws, "SELECT count(DISTINCT tag) FROM statement_tags") > 10


def test_approvals_obey_the_rules(ws: Workspace) -> None:
    approved = list(ws.store.db.query("SELECT * FROM statements WHERE review_state = 'approved'"))
    assert approved
    for statement in approved:
        links = list(ws.store.db.query(
            "SELECT l.evidence_id, l.stance, l.note, e.occurred_on, e.title, e.summary, "
            "e.excerpt, e.url, e.source_id FROM links l JOIN evidence e ON e.id = l.evidence_id "
            "WHERE l.statement_id = ?", [statement["id"]]))
        assert statement["approved_hash"] == rec.content_hash(statement, links)
        assert statement["approved_by"] != statement["last_editor_id"]  # four eyes
        needed = {"held": "supports", "broken": "contradicts"}.get(statement["verdict"])
        if needed:
            assert needed in {link["stance"] for link in links}


def test_quotes_found_in_their_sources_at_the_recorded_offsets(ws: Workspace) -> None:
    rows = list(ws.store.db.query(
        "SELECT s.quote, s.source_start, s.source_end, so.full_text FROM statements s "
        "JOIN sources so ON so.id = s.source_id WHERE s.source_start IS NOT NULL"))
    assert rows
    for row in rows:
        assert row["full_text"][row["source_start"]:row["source_end"]] == row["quote"]


def test_search_has_frequent_and_rare_terms(ws: Workspace) -> None:
    frequent = count_statements(ws, StatementFilter(text=FREQUENT_TERM))
    assert 0.2 * N <= frequent <= 0.45 * N
    for term in RARE_TERMS[:5]:
        assert 1 <= count_statements(ws, StatementFilter(text=term)) <= 6, term


def test_same_seed_same_records(generated: Path, tmp_path: Path) -> None:
    again = make_workspace(tmp_path / "again.factcheck", N, seed=7)
    sql = ("SELECT id, quote, stated_on, verdict, review_state, approved_hash "
           "FROM statements ORDER BY id")
    with Workspace.open(generated, backup_on_open=False) as first, \
            Workspace.open(again, backup_on_open=False) as second:
        assert list(first.store.db.execute(sql)) == list(second.store.db.execute(sql))


def test_cli_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cli.factcheck"
    assert main([str(path), "-n", "20", "-q"]) == 0
    assert "20 statements" in capsys.readouterr().out
    assert main([str(path), "-n", "20", "-q"]) == 2
    assert main([str(path), "-n", "30", "-q", "--force"]) == 0
    with Workspace.open(path, backup_on_open=False) as ws:
        assert count(ws, "SELECT count(*) FROM statements") == 30
        tags = json.loads(ws.store.db.execute("SELECT tags FROM statements LIMIT 1").fetchone()[0])
        assert isinstance(tags, list)
