"""The History tab: one line per change, newest first, in words, names and local times."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from factcheck_app.services import history_text, queries, review, statements
from factcheck_app.services.workspace import Workspace
from factcheck_app.ui.detail_review import HistoryTab


@pytest.fixture
def tokyo_time(monkeypatch: pytest.MonkeyPatch):
    """Run in UTC+9 (a POSIX zone, no tz database needed), then restore the zone."""
    monkeypatch.setenv("TZ", "JST-9")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _texts(tab: HistoryTab) -> list[tuple[str, str]]:
    return [(tab.table.item(r, 0).text(), tab.table.item(r, 1).text())
            for r in range(tab.table.rowCount())]


def test_history_tab_reads_as_sentences_with_names_and_local_times(
        ws: Workspace, qtbot, tokyo_time) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="We will build the bridge",
                                            stated_on="2023-01-10").created
    statements.edit_statement(ws, statement_id=statement_id,
                              quote="We will build the bridge this year")
    review.assign(ws, statement_id=statement_id, user="rob")
    review.submit(ws, statement_id=statement_id)
    tab = HistoryTab(SimpleNamespace(ws=ws))
    qtbot.addWidget(tab)
    dossier = queries.get_statement(ws, statement_id)
    tab.load(dossier)

    rows = _texts(tab)
    assert [what for _, what in rows] == [
        "Ana Petrova moved it from Draft to In review (Send to review).",
        "Ana Petrova set the assignee to Rob Kessler.",
        "Ana Petrova changed the quote from “We will build the bridge” to "
        "“We will build the bridge this year”.",
        "Ana Petrova recorded the statement “We will build the bridge”.",
    ]
    assert tab.count.text() == "4 changes, newest first"
    # shown in a narrow pane, a long sentence wraps onto more lines than a short one
    tab.resize(480, 600)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.table.rowHeight(2) > tab.table.rowHeight(1)
    # the time is shown in this computer's zone (UTC+9 here), not as stored (UTC)
    stored = max(h["at"] for h in dossier["history"])
    local = datetime.fromisoformat(stored) + timedelta(hours=9)
    assert rows[0][0] == f"{local.day} {local:%b %Y, %H:%M}"


def test_a_long_history_opens_whole_and_newest_first(ws: Workspace, qtbot) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="Version 0", stated_on="2023-01-10").created
    for i in range(1, 61):
        statements.edit_statement(ws, statement_id=statement_id, quote=f"Version {i}")
    tab = HistoryTab(SimpleNamespace(ws=ws))
    qtbot.addWidget(tab)
    tab.load(queries.get_statement(ws, statement_id))
    rows = _texts(tab)
    assert len(rows) == 61
    assert rows[0][1] == "Ana Petrova changed the quote from “Version 59” to “Version 60”."
    assert rows[-1][1] == "Ana Petrova recorded the statement “Version 0”."
    lines = history_text.statement_lines(ws, statement_id)
    assert [line.seq for line in lines] == sorted((line.seq for line in lines), reverse=True)


def test_an_approval_reads_as_who_approved_without_its_signature_bytes(demo_ws: Workspace,
                                                                      qtbot) -> None:
    statement_id = next(s["id"] for s in queries.list_statements(demo_ws)
                        if s["review_state"] == "approved")
    lines = [line.sentence for line in history_text.statement_lines(demo_ws, statement_id)]
    approval = next(text for text in lines if "to Approved" in text)
    assert "set the approver to" in approval and "signature" not in approval
