"""The window fits a 1280×720 laptop screen with every control in reach."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

from factcheck_app.ui.detail_pane import DetailPane
from tests.ui.rows import select_row as _select

LONG_PHRASE = ("in the coming months as soon as it becomes possible to do so, once the partners "
               "have agreed among themselves on what exactly should be done and by whom")


def _on_screen(widget, window) -> bool:
    """Is the whole widget inside the window, and not scrolled out of its scroll area?"""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(rect):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() == "qt_scrollarea_viewport":
            view = QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
            return view.contains(rect)
        parent = parent.parentWidget()
    return True


def test_minimum_size_fits_1280_by_720_on_every_tab(window, qtbot):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    _select(window, "Our destiny")  # the longest quote, with evidence and a check-by date
    window.detail.expectation_tab.check_by.setText(LONG_PHRASE)
    for name in DetailPane.TABS:
        window.detail.tabs.setCurrentIndex(DetailPane.TABS.index(name))
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, (name, hint)
    assert window.width() == 1280


def test_a_long_check_by_warning_leaves_save_in_reach(window, qtbot):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    _select(window, "Our destiny")
    window.detail.show_tab("Check-by")
    tab = window.detail.expectation_tab
    tab.check_by.setText(LONG_PHRASE)
    qtbot.waitUntil(lambda: tab.save_button.isVisible(), timeout=5000)
    assert "not understood" in tab.check_by.result.text()
    assert _on_screen(tab.save_button, window)
    assert _on_screen(tab.check_by.result, window)  # wrapped, not cut at the right edge
    # and every tab's name is shown: no scroll arrows on the tab bar
    bar = window.detail.tabs.tabBar()
    assert all(bar.tabRect(i).right() <= bar.width() for i in range(bar.count()))


def test_the_header_keeps_its_height_between_statements(window, qtbot):
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    heights = set()
    tab_tops = set()
    for quote in ("Our destiny", "It is beyond any doubt", "a conspiracy theory"):
        _select(window, quote)
        qtbot.wait(10)
        heights.add(window.detail.quote.height())
        tab_tops.add(window.detail.tabs.mapTo(window, QPoint(0, 0)).y())
    assert len(heights) == 1 and len(tab_tops) == 1
    _select(window, "Our destiny")
    lines = window.detail.quote.shown_lines()
    assert len(lines) == 3 and lines[-1].endswith("…")  # cut, and it says so
    assert "first half" in window.detail.quote.toolTip()  # the whole quote on hover


def _table_and_columns(window):
    from factcheck_app.ui.statement_model import COL_CHECK_BY, COL_QUOTE  # noqa: PLC0415
    return window.statements.table, COL_QUOTE, COL_CHECK_BY


def test_the_quote_stays_readable_beside_the_detail_pane_at_1280(window, qtbot):
    from factcheck_app.ui.statement_model import COL_SPEAKER  # noqa: PLC0415
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    table, quote, check_by = _table_and_columns(window)
    # it used to be about 60 px ("Our de…") with the other columns at fixed widths
    qtbot.waitUntil(lambda: table.columnWidth(quote) >= table.viewport().width() // 4)
    # the short columns gave way without cutting a check-by date badge
    assert table.columnWidth(check_by) >= 86
    narrow_speaker = table.columnWidth(COL_SPEAKER)
    window.resize(1920, 1080)  # room again: the speaker's name grows back to nearly whole
    qtbot.waitUntil(lambda: table.columnWidth(COL_SPEAKER) >= narrow_speaker + 20)
    assert table.columnWidth(quote) > table.viewport().width() // 3


def test_a_hidden_column_gives_its_room_to_the_quote(window, qtbot):
    from factcheck_app.ui.statement_model import COL_REVIEW  # noqa: PLC0415
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    table, quote, _ = _table_and_columns(window)
    before = table.columnWidth(quote)
    window.statements._show_column(COL_REVIEW, False)
    qtbot.waitUntil(lambda: table.columnWidth(quote) > before + 40)
