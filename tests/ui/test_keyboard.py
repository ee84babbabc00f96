"""Keyboard first: Tab, Ctrl+S / Ctrl+Enter, shortcuts that land in the form, a focus ring
one can see, and a search box that leads to its results."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from factcheck_app.ui.detail_pane import DetailPane
from factcheck_app.ui.dialogs import NewStatementDialog
from tests.ui.rows import select_row as _select
from factcheck_app.ui.theme import ACCENT

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def shown(window, qtbot):
    window.resize(1280, 720)
    window.show()
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_tab_leaves_a_multi_line_field_instead_of_typing_a_tab(shown, qtbot):
    _select(shown, "You are doing")
    shown.detail.show_tab("Statement")
    quote = shown.detail.statement_tab.quote
    assert quote.hasFocus()  # the shortcut-free way in: show_tab puts focus in the form
    before = quote.toPlainText()
    qtbot.keyClick(quote, Qt.Key.Key_Tab)
    assert quote.toPlainText() == before and "\t" not in quote.toPlainText()
    assert QApplication.focusWidget() is shown.detail.statement_tab.original


def test_ctrl_s_saves_the_tab_and_ctrl_enter_too(shown, qtbot):
    _select(shown, "You are doing")
    shown.detail.show_tab("Check-by")
    tab = shown.detail.expectation_tab
    qtbot.keyClicks(tab.expectation, "The convent keeps raising money")
    qtbot.keyClick(tab.expectation, Qt.Key.Key_S, CTRL)
    assert shown.detail.dossier["expectation"] == "The convent keeps raising money"
    assert not tab.is_dirty()
    qtbot.keyClicks(tab.expectation, " for the roof")
    qtbot.keyClick(tab.expectation, Qt.Key.Key_Return, CTRL)
    assert shown.detail.dossier["expectation"].endswith("for the roof")
    assert "\n" not in shown.detail.dossier["expectation"]


def test_ctrl_enter_records_a_new_statement(window, qtbot):
    dialog = NewStatementDialog(window.ctx, window)  # a child of the window, closed with it
    dialog.show()
    dialog.activateWindow()  # as exec() makes it: the dialog, not the window, has the keys
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.quote, "We will open the bridge")
    qtbot.keyClick(dialog.quote, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "the president")
    dialog.stated.setText("2023-03-15")
    qtbot.keyClick(dialog.stated, Qt.Key.Key_Return, CTRL)
    assert dialog.created_id and dialog.speaker.text() == "the president"
    assert dialog.quote.toPlainText() == "We will open the bridge"


def test_shortcuts_that_switch_tabs_put_focus_in_the_form(shown, qtbot):
    _select(shown, "You are doing")
    qtbot.keyClick(shown.statements.table, Qt.Key.Key_R, CTRL)  # Edit verdict
    assert shown.detail.tabs.currentIndex() == DetailPane.TABS.index("Verdict")
    assert QApplication.focusWidget() is shown.detail.verdict_tab.verdict
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_6, CTRL)  # Evidence view
    assert QApplication.focusWidget() is shown.view("evidence").table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is shown.statements.table


def test_down_or_enter_from_search_reach_the_results_and_escape_clears(shown, qtbot):
    search = shown.statements.search
    qtbot.keyClick(shown.statements.table, Qt.Key.Key_F, CTRL)
    assert search.hasFocus()
    qtbot.keyClicks(search, "soldier")
    qtbot.keyClick(search, Qt.Key.Key_Down)  # runs the search at once, then goes down
    assert shown.statements.table.hasFocus()
    assert shown.statements.model.rowCount() == 2
    assert len(shown.statements.selected_ids()) == 1
    assert "soldier" in shown.detail.dossier["quote"].lower()
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    qtbot.waitUntil(lambda: shown.statements.model.rowCount() == 12, timeout=10_000)
    qtbot.keyClicks(search, "bridges")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown.statements.table.hasFocus()
    speakers = shown.view("speakers")  # the other lists' searches do the same
    shown.show_view("speakers")
    speakers.search.setFocus()
    qtbot.keyClick(speakers.search, Qt.Key.Key_Down)
    assert speakers.table.hasFocus() and speakers.table.selectionModel().hasSelection()


def _accent_pixels(widget) -> int:
    image = widget.grab().toImage()
    accent = QColor(ACCENT)
    return sum(1 for x in range(image.width())
               if QColor(image.pixel(x, image.height() // 2)) == accent
               or QColor(image.pixel(x, 1)) == accent)


def test_the_focused_field_and_button_wear_a_ring(shown, qtbot):
    _select(shown, "You are doing")
    shown.detail.show_tab("Statement")
    tab = shown.detail.statement_tab
    for widget in (tab.speaker, tab.stated):
        assert _accent_pixels(widget) == 0 or not widget.hasFocus()
    tab.tags.setText("x")  # enables Save
    for widget in (tab.speaker, tab.save_button):
        plain = _accent_pixels(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        assert _accent_pixels(widget) > plain + 20, widget
