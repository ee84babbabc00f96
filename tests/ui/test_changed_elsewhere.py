"""News of someone else's change (Changes.by_others, as live updates broadcast it) refreshes
the detail pane, but never under the user's unsaved edits: a bar says so instead."""

from __future__ import annotations

from PySide6.QtCore import Qt

from factcheck_app.services import queries, statements
from factcheck_app.services.workspace import Changes, Workspace
from tests.ui.rows import select_row


def _edit_elsewhere(path, statement_id: str, **fields) -> Changes:
    """Another user's window: its own connection to the same workspace."""
    with Workspace.open(path, user="rob") as rob:
        changes = statements.edit_statement(rob, statement_id=statement_id, **fields)
    # what the team server's notification says, as the listener turns it into Changes
    return Changes(statements=changes.statements, tables=changes.tables, by_others=True)


def _open(window, qtbot, quote_start: str) -> str:
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return select_row(window, quote_start)


def test_an_untouched_pane_shows_the_other_users_change(window, sample_path, qtbot):
    sid = _open(window, qtbot, "You are doing")
    news = _edit_elsewhere(sample_path, sid, expectation="The convent raises the money")
    window.ctx.broadcast(news)
    assert window.detail.expectation_tab.expectation.toPlainText() == \
        "The convent raises the money"
    assert not window.detail.elsewhere_bar.isVisible()


def test_unsaved_edits_are_kept_and_the_bar_offers_reload(window, sample_path, qtbot):
    sid = _open(window, qtbot, "You are doing")
    window.detail.show_tab("Check-by")
    tab = window.detail.expectation_tab
    tab.expectation.setPlainText("My own words, not saved yet")
    window.ctx.broadcast(_edit_elsewhere(sample_path, sid,
                                         expectation="The convent raises the money"))
    bar = window.detail.elsewhere_bar
    assert bar.isVisible() and "Changed by another user" in bar.text.text()
    assert tab.expectation.toPlainText() == "My own words, not saved yet"

    # Keep editing: the bar goes, the edits stay, and saving them is refused, not
    # written over the other user's change.
    qtbot.mouseClick(bar.keep_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.error.isVisible(), "the save went through"
    assert "changed" in tab.error.text().lower()
    assert tab.expectation.toPlainText() == "My own words, not saved yet"
    with Workspace.open(sample_path) as check:
        assert queries.get_statement(check, sid)["expectation"] == "The convent raises the money"

    # Reload: their version, the edits dropped.
    window.ctx.broadcast(_edit_elsewhere(sample_path, sid, expectation="Raised in full"))
    assert bar.isVisible()
    qtbot.mouseClick(bar.reload_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert tab.expectation.toPlainText() == "Raised in full"
    assert not window.detail.unsaved_tabs()


def test_news_that_does_not_touch_the_open_statement_leaves_the_edits_alone(
        window, sample_path, qtbot):
    sid = _open(window, qtbot, "You are doing")
    other = window.statements.model.row_dict(0 if window.statements.model.row_dict(0)["id"]
                                             != sid else 1)["id"]
    tab = window.detail.expectation_tab
    tab.expectation.setPlainText("My own words, not saved yet")
    window.ctx.broadcast(_edit_elsewhere(sample_path, other, expectation="Elsewhere"))
    assert not window.detail.elsewhere_bar.isVisible()
    assert tab.expectation.toPlainText() == "My own words, not saved yet"
