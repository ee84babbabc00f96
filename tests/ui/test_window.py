"""The analyst's whole flow, driven through real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from factcheck_app.domain.filters import StatementFilter
from factcheck_app.services import queries
from factcheck_app.services.workspace import Workspace
from factcheck_app.ui.dialogs import NewStatementDialog
from factcheck_app.ui.statement_model import COL_QUOTE, COL_SPEAKER, StatementTableModel
from tests.ui.rows import select_row as _select


def _rows(window) -> list[str]:
    model = window.statements.model
    return [model.index(r, COL_QUOTE).data() for r in range(model.rowCount())]


def test_window_shows_sample_workspace(window):
    assert "sample.factcheck" in window.windowTitle()
    assert "Ana Petrova" in window.windowTitle()
    assert window.statements.model.rowCount() == 12
    assert window.sidebar.item(0).text().endswith("12")
    assert "Ana Petrova" in window.user_label.text()


def test_create_statement_from_form_resolves_check_by(window, qtbot):
    dialog = NewStatementDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.quote.setPlainText("The new bridge will open before the end of the year")
    dialog.speaker.setText("the president")  # an alias of Lukashenko
    dialog.stated.setText("2023-03-15")
    dialog.kind.setCurrentIndex(dialog.kind.findData("promise"))
    dialog.expectation.setPlainText("The bridge opens to traffic")
    dialog.check_by.setText("within six months")
    assert "15 September 2023" in dialog.check_by.result.text()
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    window.statements.model.reload()
    assert any(q.startswith("The new bridge") for q in _rows(window))
    s = queries.get_statement(window.ctx.ws, dialog.created_id)
    assert s["check_by"] == "2023-09-15"
    assert s["speaker"]["name"] == "Aleksandr Lukashenko"


def test_vague_check_by_is_flagged(window):
    dialog = NewStatementDialog(window.ctx, window)
    dialog.stated.setText("2023-01-10")
    dialog.check_by.setText("in the coming months")
    assert "vague" in dialog.check_by.result.text().lower()


def test_refused_action_shows_message_and_changes_nothing(window):
    dialog = NewStatementDialog(window.ctx, window)
    dialog.quote.setPlainText("Something")
    dialog.stated.setText("not a date")
    dialog.submit()
    assert dialog.error.isVisible() or dialog.error.text()
    assert "not a date" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert window.statements.model.rowCount() == 12


def test_link_rate_submit_refuse_then_approve_as_other_user(window, app_controller, sample_path):
    statement_id = _select(window, "Our destiny")
    detail = window.detail
    assert detail.dossier["id"] == statement_id
    aircraft = [e for e in queries.search_all(window.ctx.ws, "aircraft")["evidence"]][0]
    detail.evidence_tab.link(aircraft["id"], "contradicts", "No holding launched by June")
    assert detail.evidence_tab.table.rowCount() == 1
    verdict = detail.verdict_tab
    verdict.verdict.setCurrentIndex(verdict.verdict.findData("broken"))
    verdict.rationale.setPlainText("No joint media holding was launched in 2023.")
    verdict.submit()
    assert detail.verdict_badge.text() == "Broken"
    review = detail.review_tab
    review.act("submit")
    assert detail.review_badge.text() == "In review"
    # ana is an analyst: approving is refused, and the window says why.
    assert not review.buttons["approve"].isEnabled()
    review.act("approve")
    assert "reviewer" in review.error.text()
    assert detail.review_badge.text() == "In review"

    # rob, a reviewer who did not edit it, approves.
    assert app_controller.open(sample_path, "rob")
    rob_window = app_controller.window
    rob_window.show_view("queue")
    _select(rob_window, "Our destiny")
    msgs = []
    rob_window.ctx.refused.connect(msgs.append)
    rob_window.ctx.failed.connect(lambda a, b: msgs.append(a))
    rob_window.detail.review_tab.act("approve")
    assert msgs == []
    assert rob_window.detail.review_tab.error.text() == ""
    assert queries.get_statement(rob_window.ctx.ws, statement_id)["review_state"] == "approved"
    # approved, it left rob's review queue, and the detail pane with it
    assert rob_window.detail.statement_id != statement_id


def test_four_eyes_refusal_is_visible(window, app_controller, sample_path):
    assert app_controller.open(sample_path, "rob")
    win = app_controller.window
    _select(win, "We support")
    tab = win.detail.verdict_tab
    tab.rationale.setPlainText("Edited by the reviewer himself")
    tab.submit()
    review = win.detail.review_tab
    assert not review.buttons["approve"].isEnabled()
    assert "four-eyes" in review.why.text()
    review.act("approve")
    assert "another reviewer" in review.error.text()


def test_undo_and_redo_an_edit(window):
    _select(window, "You are doing")
    tab = window.detail.expectation_tab
    tab.expectation.setPlainText("The convent keeps raising money")
    tab.submit()
    assert window.detail.dossier["expectation"] == "The convent keeps raising money"
    window.ctx.undo_stack.undo()
    assert window.detail.dossier["expectation"] in (None, "")
    window.ctx.undo_stack.redo()
    assert window.detail.dossier["expectation"] == "The convent keeps raising money"


def test_search_narrows_the_table(window, qtbot):
    window.statements.search.setText("soldier")
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 2, timeout=10_000)
    assert all("soldier" in q.lower() for q in _rows(window))
    window.statements.search.setText("")
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 12, timeout=10_000)


def test_filter_by_speaker(window, qtbot):
    box = window.statements.speaker_box
    box.setCurrentIndex(box.findText("Vladimir Makei"))
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 1, timeout=10_000)
    assert window.statements.model.index(0, COL_SPEAKER).data() == "Vladimir Makei"


def test_views_switch_and_due_view_counts(window):
    window.show_view("due")
    due = queries.count_statements(window.ctx.ws, StatementFilter(due="due_or_overdue"))
    assert window.statements.model.rowCount() == due > 0
    for key in ("speakers", "sources", "evidence", "dashboard"):
        window.show_view(key)
        assert window.center.currentWidget().isVisibleTo(window)


def test_statement_model_passes_qt_model_tester(qtmodeltester, sample_path):
    with Workspace.open(sample_path, user="ana") as ws:
        model = StatementTableModel(lambda f: queries.count_statements(ws, f),
                                    lambda f, o, n: queries.statement_page(ws, f, offset=o, limit=n),
                                    ws.scale)
        model.reload()
        qtmodeltester.check(model)
        model.sort(COL_QUOTE, Qt.SortOrder.AscendingOrder)
        qtmodeltester.check(model)


def test_the_detail_pane_follows_the_list(window, qtbot):
    _select(window, "You are doing")
    window.statements.search.setText("soldier")
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 2, timeout=10_000)
    # the statement shown left the list: the pane shows the first one that is in it
    assert "soldier" in window.detail.dossier["quote"].lower()
    assert window.statements.selected_ids() == [window.detail.statement_id]
    window.statements.search.setText("zzzz-nothing")
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 0, timeout=10_000)
    assert window.detail.dossier is None
    assert window.detail.stack.currentWidget() is window.detail.empty


def test_unsaved_edits_of_a_statement_filtered_away_are_asked_about(window, qtbot, answer):
    _select(window, "You are doing")
    window.detail.expectation_tab.expectation.setPlainText("The convent keeps raising money")
    seen = answer("Save")
    window.statements.search.setText("soldier")
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "Cancel" not in seen[0]  # it is gone from the list: save or discard, not stay
    qtbot.waitUntil(lambda: "soldier" in window.detail.dossier["quote"].lower(), timeout=10_000)
    window.statements.search.setText("")
    qtbot.waitUntil(lambda: window.statements.model.rowCount() == 12, timeout=10_000)
    _select(window, "You are doing")
    assert window.detail.dossier["expectation"] == "The convent keeps raising money"
