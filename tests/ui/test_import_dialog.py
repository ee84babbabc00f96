"""Importing an article through the window: highlighted quotes, tick, accept, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from factcheck_app.resources import resource
from factcheck_app.ui.import_dialog import COL_DUP, COL_QUOTE, COL_SPEAKER, COL_USE, ImportArticleDialog


def test_import_article_dialog_creates_ticked_statements(window, qtbot):
    before = window.statements.model.rowCount()
    dialog = ImportArticleDialog(window.ctx, path=resource("samples", "articles",
                                                           "thehill-omar-threat-plea.html"),
                                 parent=window)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    assert rows == 7
    assert len(dialog.text.extraSelections()) == 7
    assert "Omar" in dialog.summary.text()
    speakers = {dialog.table.item(r, COL_SPEAKER).text() for r in range(rows)}
    assert speakers - {""}
    dialog.table.item(0, COL_USE).setCheckState(Qt.CheckState.Unchecked)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    window.statements.model.reload()
    assert window.statements.model.rowCount() == before + rows - 1
    window.ctx.undo_stack.undo()
    window.statements.model.reload()
    assert window.statements.model.rowCount() == before


def test_duplicates_are_unticked_and_flagged(window, qtbot):
    dialog = ImportArticleDialog(window.ctx, path=resource("samples", "seed-article.txt"),
                                 parent=window)
    qtbot.addWidget(dialog)
    flagged = [r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, COL_DUP).text() == "possible duplicate"]
    assert flagged
    for r in flagged:
        assert dialog.table.item(r, COL_USE).checkState() == Qt.CheckState.Unchecked
    assert any("Not a single soldier" in dialog.table.item(r, COL_QUOTE).text() for r in flagged)


def test_import_data_through_the_window_with_progress(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "rows.csv"
    path.write_text("quote,speaker,stated_on\nWe will open ten clinics,Mayor Lee,2024-02-01\n",
                    encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    before = window.statements.model.rowCount()
    window.import_data()
    assert window.statements.model.rowCount() == before + 1
