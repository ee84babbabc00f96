"""The dashboard's numbers and charts, and the statement timeline."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402

import pytest  # noqa: E402

from factcheck_app.services import queries, statements  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.ui.context import UiContext  # noqa: E402
from factcheck_app.ui.dashboard import DashboardView  # noqa: E402
from factcheck_app.ui.runner import SyncRunner  # noqa: E402
from factcheck_app.ui.timeline import CHECK_BY, EVIDENCE, STATED, TODAY, VERDICT, TimelineWidget  # noqa: E402


def open_context(path):
    ws = Workspace.open(path, user="ana")
    runner = SyncRunner(path, "ana")
    return UiContext(ws, runner)


@pytest.fixture
def ctx(demo_copy):
    path = demo_copy
    context = open_context(path)
    yield context
    context.runner.shutdown()
    context.ws.close()


def statement(ctx, quote_start: str) -> dict:
    row = next(r for r in queries.list_statements(ctx.ws) if r["quote"].startswith(quote_start))
    return queries.get_statement(ctx.ws, row["id"])


def test_cards_match_the_dashboard_query(ctx, qtbot):
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    data = queries.dashboard(ctx.ws)
    assert view.cards["overdue"].value() == data["overdue"] == 2
    assert view.cards["due_this_week"].value() == data["due_this_week"]
    assert view.cards["in_review"].value() == data["in_review"]
    assert view.cards["statements"].value() == 12
    assert sum(s.value for s in view.mix.segments()) == 12
    rows = view.records.rows()
    assert [name for name, _, _ in rows] == [r["name"] for r in data["track_records"]]
    assert view.grab().width() > 0


def test_cards_follow_changes_broadcast_by_the_context(ctx, qtbot):
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    overdue = next(r for r in queries.list_statements(ctx.ws) if r["state"] == "overdue")
    before = {s.key: s.value for s in view.mix.segments()}
    ctx.perform(lambda ws: statements.set_verdict(ws, statement_id=overdue["id"], verdict="broken",
                                                  rationale="It did not happen."))
    assert view.cards["overdue"].value() == 1
    mix = {s.key: s.value for s in view.mix.segments()}
    # The verdict awaits a second analyst: it shows apart, not as a published "broken".
    assert mix["broken"] == before["broken"] == 2
    assert mix["unapproved"] == before["unapproved"] + 1
    assert [s.label for s in view.mix.segments() if s.key == "unapproved"] == \
        ["Rated, not yet approved"]


def test_clicking_a_card_asks_for_its_statements(ctx, qtbot):
    from PySide6.QtCore import Qt

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    with qtbot.waitSignal(view.filter_requested) as signal:
        qtbot.mouseClick(view.cards["overdue"], Qt.MouseButton.LeftButton)
    assert signal.args == ["overdue"]


def test_an_empty_workspace_shows_empty_states(tmp_path, qtbot):
    Workspace.create(tmp_path / "e.factcheck", admin="maya").close()
    ws = Workspace.open(tmp_path / "e.factcheck", user="maya")
    context = UiContext(ws, SyncRunner(ws.path, "maya"))
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    assert all(card.value() == 0 for card in view.cards.values())
    assert view.mix_stack.currentWidget() is view.mix_empty
    assert view.records_stack.currentWidget() is view.records_empty
    view.mix.set_segments([], "statements")  # painting an empty chart must not divide by zero
    view.mix_stack.setCurrentWidget(view.mix)
    view.grab()
    context.runner.shutdown()
    ws.close()


def test_timeline_places_the_evidence_and_paints(ctx, qtbot):
    dossier = statement(ctx, "It is beyond any doubt")
    widget = TimelineWidget(ctx.ws.scale)
    qtbot.addWidget(widget)
    widget.set_statement(dossier, ctx.ws.today())
    kinds = {m.kind: m for m in widget.markers()}
    assert kinds[EVIDENCE].day == date(2022, 2, 24)
    assert "contradicts" in kinds[EVIDENCE].when
    assert kinds[CHECK_BY].day == date(2022, 2, 20)
    assert kinds[STATED].day == date(2022, 2, 1) and kinds[STATED].end == date(2022, 2, 28)
    assert kinds[VERDICT].title == "Rated broken"
    assert kinds[TODAY].day == ctx.ws.today()
    widget.resize(900, widget.heightForWidth(900))
    widget.show()
    assert not widget.grab().isNull()
    placed = widget.plan(900)
    for i, a in enumerate(placed):  # labels never overlap within a lane
        for b in placed[i + 1:]:
            if (a.above, a.depth) == (b.above, b.depth):
                assert a.left + a.width <= b.left or b.left + b.width <= a.left


def test_timeline_handles_fuzzy_and_missing_dates(ctx, qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_statement(statement(ctx, "You know how important"), date(2026, 1, 1))
    stated = widget.markers()[0]
    assert (stated.kind, stated.day, stated.when) == (STATED, date(2020, 9, 1), "September 2020")
    assert widget.notes() == ["No check-by date"]
    widget.set_statement({"stated_on": "2023", "check_by_phrase": "soon",
                          "evidence": [{"title": "Undated", "occurred_on": None}]})
    assert [m.kind for m in widget.markers()] == [STATED, TODAY]
    assert widget.markers()[0].end == date(2023, 12, 31)
    assert len(widget.notes()) == 2
    widget.resize(600, 200)
    widget.show()
    widget.grab()
    widget.set_statement(None)
    assert widget.markers() == []
    widget.grab()


def test_track_records_count_approved_verdicts_and_show_drafts_apart(ctx, qtbot):
    from factcheck_app.services import review
    from factcheck_app.ui.speakers_view import SegmentsRole, SpeakersView
    from factcheck_app.ui.speakers_view import COL_RECORD as SPEAKER_RECORD
    from factcheck_app.ui.track_records import UNAPPROVED_LABEL

    view, speakers = DashboardView(ctx), SpeakersView(ctx)
    qtbot.addWidget(view)
    qtbot.addWidget(speakers)
    overdue = next(r for r in queries.list_statements(ctx.ws) if r["state"] == "overdue")

    def chart() -> dict[str, int]:
        _, segments, _ = next(r for r in view.records.rows() if r[0] == overdue["speaker_name"])
        return {s.key: s.value for s in segments}

    def table() -> dict[str, int]:
        index = speakers.model.index(speakers.model.row_of(overdue["speaker_id"]), SPEAKER_RECORD)
        return {s.key: s.value for s in index.data(SegmentsRole)}

    before = chart()
    assert table() == before
    ctx.perform(lambda ws: statements.set_verdict(
        ws, statement_id=overdue["id"], verdict="unverifiable", rationale="No records kept."))
    drafted = chart()
    assert drafted["unapproved"] == before["unapproved"] + 1
    assert drafted["pending"] == before["pending"] - 1
    assert drafted["unverifiable"] == before["unverifiable"]  # a draft is not an outcome
    assert table() == drafted
    assert UNAPPROVED_LABEL in [s.label for s in view.records._legend]
    captions = [w.text() for w in view.findChildren(type(view.as_of))]
    assert any(c.startswith("By speaker. Approved verdicts") for c in captions)

    ctx.perform(lambda ws: review.submit(ws, statement_id=overdue["id"]))
    with Workspace.open(ctx.ws.path, user="rob") as reviewer:
        review.approve(reviewer, statement_id=overdue["id"])
    view.refresh()
    speakers.refresh()
    approved = chart()
    assert approved["unverifiable"] == before["unverifiable"] + 1
    assert approved["unapproved"] == before["unapproved"]
    assert table() == approved
