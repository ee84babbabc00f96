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


def test_dialog_proposes_kind_stated_date_and_check_by(window, qtbot):
    from factcheck_app.ui.import_dialog import COL_CHECK, COL_DATE, COL_KIND
    from factcheck_app.services import queries

    dialog = ImportArticleDialog(window.ctx, path=resource("samples", "seed-article.txt"),
                                 parent=window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, COL_QUOTE).text()[:20]: r for r in range(dialog.table.rowCount())}
    media = rows["Our destiny is to ma"]
    assert dialog.table.item(media, COL_CHECK).text() == "this year, preferably in its first half"
    assert dialog.table.cellWidget(media, COL_KIND).currentData() == "promise"
    peskov = rows["It is beyond any dou"]
    assert dialog.table.item(peskov, COL_DATE).text() == "2022-02"
    right = rows["You are doing the ri"]
    assert dialog.table.cellWidget(right, COL_KIND).currentData() == "opinion"
    assert dialog.table.item(right, COL_USE).checkState() == Qt.CheckState.Unchecked
    for r in range(dialog.table.rowCount()):
        dialog.table.item(r, COL_USE).setCheckState(
            Qt.CheckState.Checked if r in (media, rows["Not a single soldier"])
            else Qt.CheckState.Unchecked)
    before = window.ctx.ws.store.db.execute("SELECT count(*) FROM sources").fetchone()[0]
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    new = window.ctx.ws.store.db.execute(
        "SELECT id FROM statements ORDER BY created_at DESC LIMIT 2").fetchall()
    got = {queries.get_statement(window.ctx.ws, i)["quote"][:12]:
           queries.get_statement(window.ctx.ws, i) for (i,) in new}
    assert got["Our destiny "]["check_by"] == "2023-06-30"
    assert got["Not a single"]["check_by"] == "2022-02-20"
    assert got["Not a single"]["stated_on"] == "2022-02"
    after = window.ctx.ws.store.db.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert after == before          # the sample already holds this very file as a source


def test_opinions_are_proposed_unticked_with_a_note(window, qtbot):
    from factcheck_app.ui.import_dialog import COL_KIND

    text = ('Published 2024-05-02\n\n"We will open ten new clinics by the end of June," '
            'Mayor Anna Lee said on Monday. "Don\'t listen to the doom-mongers," she added.')
    dialog = ImportArticleDialog(window.ctx, text=text, parent=window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, COL_USE).checkState() == Qt.CheckState.Checked
    assert dialog.table.cellWidget(1, COL_KIND).currentData() == "opinion"
    assert dialog.table.item(1, COL_USE).checkState() == Qt.CheckState.Unchecked
    assert dialog.table.item(1, COL_DUP).text() == "opinion: not checkable"


def test_a_publication_date_typed_for_a_pasted_body_dates_its_quotes(window, qtbot):
    from factcheck_app.ui.import_dialog import COL_CHECK, COL_DATE

    text = ('"We will reopen the bridge by the end of June," Mayor Ana Ruiz said on Monday.'
            '\n\n"Fares will rise," she added.')
    dialog = ImportArticleDialog(window.ctx, text=text, parent=window)
    qtbot.addWidget(dialog)
    assert "no publication date found" in dialog.details.text()
    assert dialog.table.item(0, COL_DATE).text() == ""
    dialog.table.item(1, COL_USE).setCheckState(Qt.CheckState.Unchecked)   # the analyst's tick
    dialog.published.setText("2024-05-02")
    dialog.published.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.table.item(0, COL_DATE).text() == "2024-04-29")
    assert dialog.table.item(0, COL_CHECK).data(Qt.ItemDataRole.UserRole) == "2024-06-30"
    assert dialog.table.item(1, COL_USE).checkState() == Qt.CheckState.Unchecked   # kept
    assert "published 2024-05-02" in dialog.details.text()


def test_a_typed_publication_date_that_is_no_date_is_refused_and_changes_nothing(window, qtbot):
    from factcheck_app.ui.import_dialog import COL_DATE

    text = '"We will reopen the bridge by June," Mayor Ana Ruiz said on Monday.'
    dialog = ImportArticleDialog(window.ctx, text=text, parent=window)
    qtbot.addWidget(dialog)
    dialog.published.setText("2024-02-31")
    dialog.published.editingFinished.emit()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "'2024-02-31' is not a date" in dialog.error.text()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, COL_DATE).text() == ""
