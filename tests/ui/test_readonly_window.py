"""The window on a read-only workspace: it opens, says so, and turns editing off."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from factcheck_app.services import queries

from .rows import select_row

WHY = "This workspace is open read-only: the file is marked read-only"


@pytest.fixture
def readonly_window(app_controller, sample_path, qtbot):
    """The window on the sample workspace, its file marked read-only, signed in as ana."""
    sample_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        before = sample_path.read_bytes()
        assert app_controller.open(sample_path, "ana")
        yield app_controller.window
        assert sample_path.read_bytes() == before  # nothing in the test wrote to it
    finally:
        sample_path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def turned_off(control) -> bool:
    """Disabled, and saying why on hover."""
    return not control.isEnabled() and control.toolTip() == WHY


def drop_accepted(widget, path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDragEnterEvent(QPointF(10, 10).toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()
    if not widget.acceptDrops():  # Qt sends it no drag at all
        return False
    widget.dragEnterEvent(event)
    return event.isAccepted()


def test_a_read_only_workspace_opens_read_only(readonly_window, sample_path):
    window = readonly_window
    assert "[read-only]" in window.windowTitle()
    assert window.readonly_banner.isVisibleTo(window)
    assert "Read-only:" in window.readonly_banner.text()
    assert "the file is marked read-only" in window.readonly_banner.text()
    assert window.statements.model.rowCount() == 12  # reading works
    statement_id = window.statements.model.row_dict(0)["id"]
    menu = window.statements.removal.statement_menu(statement_id)
    assert all(turned_off(a) for a in menu.actions() if a.text())
    window.statements.select_id(statement_id)
    window.detail.show_statement(statement_id)
    window.detail.review_tab.act("submit")  # an edit that slips through is refused clearly
    assert "open read-only" in window.detail.review_tab.error.text()
    assert queries.get_statement(window.ctx.ws, statement_id)["review_state"] == \
        window.statements.model.row_dict(0)["review_state"]


def test_menus_and_undo_are_off_with_the_reason(readonly_window, tmp_path):
    window = readonly_window
    actions = {a.text().replace("&", ""): a for menu in window.menuBar().actions()
               for a in menu.menu().actions()}
    for name in ("Import article…", "Import data (CSV, JSON, ClaimReview)…", "Save changes",
                 "New statement…", "Send to review", "Approve", "Request changes…", "Reopen",
                 "Link evidence…", "Undo", "Redo"):
        assert not actions[name].isEnabled(), name
        assert actions[name].toolTip() == WHY, name
    for name in ("Export / Report…", "Open workspace…", "Find", "Backup copy…"):
        assert actions[name].isEnabled(), name  # reading stays
    article = tmp_path / "article.txt"
    article.write_text("“We will win,” said the mayor.")
    assert not drop_accepted(window, article)  # an article dropped would be imported
    assert drop_accepted(window, tmp_path / "other.factcheck")  # opening another is fine


def test_the_detail_pane_shows_but_takes_no_edits(readonly_window, tmp_path, qtbot):
    window = readonly_window
    select_row(window, "Not a single soldier")  # approved, rated, with evidence
    detail = window.detail
    for tab in (detail.statement_tab, detail.expectation_tab, detail.verdict_tab):
        assert turned_off(tab.save_button)
        for box in [*tab.findChildren(QLineEdit), *tab.findChildren(QPlainTextEdit)]:
            assert box.isReadOnly()
        for combo in tab.findChildren(QComboBox):
            assert turned_off(combo)
    quote = detail.statement_tab.quote
    assert quote.toPlainText().startswith("Not a single soldier")  # the values show
    qtbot.keyClicks(quote, "typed")
    assert not detail.unsaved_tabs() and "typed" not in quote.toPlainText()

    evidence = detail.evidence_tab
    assert evidence.table.rowCount() >= 1
    for button in (evidence.link_button, evidence.add_button, evidence.unlink_button):
        assert turned_off(button)
    assert evidence.open_file.isEnabled()  # opening a copy only reads
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not much of a photo")
    assert not drop_accepted(evidence, photo)

    review = detail.review_tab
    shown = [b for b in review.buttons.values() if not b.isHidden()]
    assert shown and all(turned_off(b) for b in shown)
    assert review.comment.isReadOnly() and turned_off(review.post)
    assert turned_off(review.assignee)


def test_speakers_sources_and_evidence_lists_take_no_edits(readonly_window, tmp_path, qtbot):
    window = readonly_window
    speakers = window.view("speakers")
    speakers.select_ids([speakers.model.row_dict(0)["id"], speakers.model.row_dict(1)["id"]])
    assert turned_off(speakers.new_button) and turned_off(speakers.merge_button)
    speakers.select_ids([speakers.model.row_dict(0)["id"]])
    assert turned_off(speakers.edit_button)
    assert speakers.show_button.isEnabled()
    speakers.edit_selected()  # a double-click: no dialog, the reason instead
    assert speakers.refusal.text() == WHY + "."

    sources = window.view("sources")
    sources.table.selectRow(0)
    assert turned_off(sources.new_button) and turned_off(sources.edit_button)
    assert sources.show_button.isEnabled()

    evidence = window.view("evidence")
    evidence.table.selectRow(0)
    for button in (evidence.new_button, evidence.edit_button, evidence.attach_button):
        assert turned_off(button)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not much of a photo")
    assert not drop_accepted(evidence, photo)


def test_a_writable_workspace_keeps_the_same_controls_on(window):
    select_row(window, "Not a single soldier")
    detail = window.detail
    assert not detail.statement_tab.quote.isReadOnly()
    assert detail.evidence_tab.link_button.isEnabled() and detail.evidence_tab.acceptDrops()
    assert detail.review_tab.post.isEnabled() and detail.review_tab.assignee.isEnabled()
    speakers = window.view("speakers")
    speakers.select_ids([speakers.model.row_dict(0)["id"]])
    assert speakers.new_button.isEnabled() and speakers.edit_button.isEnabled()
    assert window.import_action.isEnabled()
