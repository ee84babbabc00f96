"""Nothing typed is lost silently: the marker, the Save / Discard / Cancel prompt, dialogs
that ask on Escape, and the warning before an edit withdraws an approval."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from factcheck_app.services import queries
from factcheck_app.ui.detail_pane import DetailPane
from factcheck_app.ui.dialogs import NewStatementDialog
from factcheck_app.ui.record_dialogs import SpeakerDialog
from factcheck_app.ui.statement_model import COL_QUOTE
from tests.ui.rows import row_of as _row


def _click_row(qtbot, window, quote_start: str) -> None:
    """Click the row the way a user does."""
    table = window.statements.table
    rect = table.visualRect(window.statements.model.index(_row(window, quote_start), COL_QUOTE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _stored(window, quote_start: str) -> dict:
    row = window.statements.model.row_dict(_row(window, quote_start))
    return queries.get_statement(window.ctx.ws, row["id"])


def _shown(window) -> str:
    return window.detail.dossier["quote"]


def _open(window, qtbot, quote_start: str) -> None:
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    _click_row(qtbot, window, quote_start)
    assert _shown(window).startswith(quote_start)


def test_an_edit_marks_its_tab_and_discarding_clears_it(window, qtbot):
    _open(window, qtbot, "You are doing")
    tab = window.detail.expectation_tab
    index = DetailPane.TABS.index("Check-by")
    assert window.detail.tabs.tabText(index) == "Check-by"
    assert not tab.save_button.isEnabled()
    tab.expectation.setPlainText("The convent keeps raising money")
    assert window.detail.tabs.tabText(index) == "Check-by" + DetailPane.MARK
    assert tab.save_button.isEnabled() and tab.unsaved.isVisibleTo(tab)
    qtbot.mouseClick(tab.discard_button, Qt.MouseButton.LeftButton)
    assert tab.expectation.toPlainText() == ""
    assert window.detail.tabs.tabText(index) == "Check-by"


def test_cancel_keeps_the_edits_and_the_row(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    window.detail.expectation_tab.expectation.setPlainText("The convent keeps raising money")
    seen = answer("Cancel")
    _click_row(qtbot, window, "Our destiny")
    assert "Save your changes to “You are doing" in seen[0]
    assert "Check-by" in seen[0]
    assert _shown(window).startswith("You are doing")
    assert window.detail.expectation_tab.expectation.toPlainText() == \
        "The convent keeps raising money"
    selected = window.statements.selected_ids()
    assert selected == [window.detail.statement_id]


def test_discard_moves_on_and_stores_nothing(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    window.detail.expectation_tab.expectation.setPlainText("The convent keeps raising money")
    answer("Discard changes")
    _click_row(qtbot, window, "Our destiny")
    assert _shown(window).startswith("Our destiny")
    assert not _stored(window, "You are doing")["expectation"]
    assert not window.detail.unsaved_tabs()


def test_save_stores_every_tab_then_moves_on(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    detail = window.detail
    detail.expectation_tab.expectation.setPlainText("The convent keeps raising money")
    detail.statement_tab.tags.setText("religion, money")
    verdict = detail.verdict_tab
    verdict.rationale.setPlainText("Too early to say")
    answer("Save")
    _click_row(qtbot, window, "Our destiny")
    qtbot.waitUntil(lambda: _shown(window).startswith("Our destiny"), timeout=10_000)
    stored = _stored(window, "You are doing")
    # three saves in a row, each against the version the one before left
    assert stored["expectation"] == "The convent keeps raising money"
    assert stored["tags"] == ["money", "religion"] or set(stored["tags"]) == {"money", "religion"}
    assert stored["verdict_rationale"] == "Too early to say"
    assert not detail.unsaved_tabs()


def test_an_edit_survives_saving_another_tab(window, qtbot):
    _open(window, qtbot, "You are doing")
    detail = window.detail
    detail.statement_tab.tags.setText("religion")
    detail.expectation_tab.expectation.setPlainText("The convent keeps raising money")
    detail.expectation_tab.submit()  # the pane reloads the statement after this save
    assert detail.dossier["expectation"] == "The convent keeps raising money"
    assert detail.statement_tab.tags.text() == "religion"
    assert detail.unsaved_tabs() == [detail.statement_tab]
    detail.statement_tab.submit()  # saved against the new version: no conflict
    assert detail.dossier["tags"] == ["religion"]
    assert not detail.unsaved_tabs()


def test_an_unposted_comment_counts_as_unsaved(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    window.detail.review_tab.comment.setPlainText("Ask the desk for the transcript")
    assert window.detail.tabs.tabText(DetailPane.TABS.index("Review")).endswith(DetailPane.MARK)
    answer("Save")
    _click_row(qtbot, window, "Our destiny")
    qtbot.waitUntil(lambda: _shown(window).startswith("Our destiny"), timeout=10_000)
    bodies = [c["body"] for c in _stored(window, "You are doing")["comments"]]
    assert "Ask the desk for the transcript" in bodies
    assert window.detail.review_tab.comment.toPlainText() == ""


def test_a_refused_save_stays_on_the_statement(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    window.detail.statement_tab.stated.setText("not a date")
    answer("Save")
    _click_row(qtbot, window, "Our destiny")
    assert _shown(window).startswith("You are doing")
    assert "not a date" in window.detail.statement_tab.error.text()
    assert window.detail.tabs.currentIndex() == DetailPane.TABS.index("Statement")
    assert window.statements.selected_ids() == [window.detail.statement_id]


def test_closing_the_window_asks(window, qtbot, answer):
    _open(window, qtbot, "You are doing")
    window.detail.expectation_tab.expectation.setPlainText("Unsaved")
    answer("Cancel")
    window.close()
    assert window.isVisible()
    answer("Save")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert _stored(window, "You are doing")["expectation"] == "Unsaved"


def test_escape_on_a_dialog_with_changes_asks(window, qtbot, answer):
    dialog = NewStatementDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Escape)  # nothing typed: just closes
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()

    dialog = NewStatementDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.quote.setFocus()
    qtbot.keyClicks(dialog.quote, "We will build it")
    seen = answer("Cancel")
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Escape)
    assert "new statement" in seen[0]
    assert dialog.isVisible() and dialog.quote.toPlainText() == "We will build it"
    answer("Discard changes")
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.statements.model.rowCount() == 12


def test_record_dialog_asks_too_and_save_keeps_it_open_when_refused(window, qtbot, answer):
    dialog = SpeakerDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.country.setText("Belarus")  # but no name: Save is refused
    answer("Save")
    qtbot.keyClick(dialog.country, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "needs a name" in dialog.error.text()
    answer("Discard changes")
    dialog.reject()  # the Cancel button
    assert not dialog.isVisible()


def test_an_edit_of_an_approved_statement_warns_first(window, qtbot, answer):
    _open(window, qtbot, "It is beyond any doubt")
    assert window.detail.dossier["review_state"] == "approved"
    tab = window.detail.verdict_tab
    tab.rationale.setPlainText("Softer wording")
    seen = answer("Cancel")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "withdraws" in seen[0] and "approval" in seen[0]
    stored = _stored(window, "It is beyond any doubt")
    assert stored["review_state"] == "approved"
    assert stored["verdict_rationale"] != "Softer wording"
    assert tab.rationale.toPlainText() == "Softer wording"  # as it was: still typed
    answer("Save and withdraw approval")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(window, "It is beyond any doubt")
    assert stored["review_state"] == "draft"
    assert stored["verdict_rationale"] == "Softer wording"


def test_linking_evidence_to_an_approved_statement_warns_first(window, qtbot, answer):
    _open(window, qtbot, "It is beyond any doubt")
    before = _stored(window, "It is beyond any doubt")
    other = queries.search_all(window.ctx.ws, "aircraft")["evidence"][0]
    answer("Cancel")
    window.detail.evidence_tab.link(other["id"], "context")
    after = _stored(window, "It is beyond any doubt")
    assert after["review_state"] == "approved"
    assert len(after["evidence"]) == len(before["evidence"])


def test_the_leave_prompt_says_an_approval_would_be_withdrawn(window, qtbot, answer):
    _open(window, qtbot, "It is beyond any doubt")
    window.detail.expectation_tab.expectation.setPlainText("Changed")
    seen = answer("Cancel")
    _click_row(qtbot, window, "Our destiny")
    assert "withdraws" in seen[0]
    assert _stored(window, "It is beyond any doubt")["review_state"] == "approved"
