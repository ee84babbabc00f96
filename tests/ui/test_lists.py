"""Speakers, sources and evidence views and their editor dialogs, on the demo workspace."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QDialog, QLabel  # noqa: E402

from factcheck_app.services import evidence, speakers  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.ui import evidence_view, speakers_view  # noqa: E402
from factcheck_app.ui.context import UiContext  # noqa: E402
from factcheck_app.ui.evidence_view import EvidenceView  # noqa: E402
from factcheck_app.ui.record_dialogs import EvidenceDialog, SourceDialog, SpeakerDialog  # noqa: E402
from factcheck_app.ui.runner import SyncRunner  # noqa: E402
from factcheck_app.ui.sources_view import COL_ARCHIVED, RowRole, SourcesView  # noqa: E402
from factcheck_app.ui.speakers_view import (COL_RECORD, SegmentsRole, SpeakersView,  # noqa: E402
                                            aliases_of)


@pytest.fixture
def ctx(demo_copy):
    path = demo_copy
    ws = Workspace.open(path, user="ana")
    runner = SyncRunner(path, "ana")
    context = UiContext(ws, runner)
    yield context
    runner.shutdown()
    ws.close()


def speaker_id(ctx, name: str) -> str:
    return speakers.find_speaker(ctx.ws, name)["id"]


def names(view: SpeakersView) -> set[str]:
    return {view.model.row_dict(r)["name"] for r in range(view.model.rowCount())}


def test_item_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    for view in (SpeakersView(ctx), SourcesView(ctx), EvidenceView(ctx)):
        qtbot.addWidget(view)
        qtmodeltester.check(view.model)
        view.model.set_rows([])
        qtmodeltester.check(view.model)


def test_speakers_view_lists_the_demo_speakers_with_track_records(ctx, qtbot):
    view = SpeakersView(ctx)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 5
    assert "Dmitri Peskov" in names(view)
    row = view.model.row_of(speaker_id(ctx, "Dmitri Peskov"))
    segments = view.model.index(row, COL_RECORD).data(SegmentsRole)
    assert {s.key: s.value for s in segments if s.value} == {"broken": 1}
    view.search.setText("kremlin")  # the title matches; filtering is client-side
    assert view.proxy.rowCount() == 1
    assert view.count.text() == "1 of 5 speakers"


def test_clicking_a_column_sorts_the_speakers_and_keeps_the_selection(ctx, qtbot):
    from factcheck_app.ui.speakers_view import COL_NAME, COL_STATEMENTS

    view = SpeakersView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()

    def shown(column: int) -> list[str]:
        table = view.table.model()
        return [table.index(r, column).data() for r in range(table.rowCount())]

    assert shown(COL_NAME) == sorted(shown(COL_NAME), key=str.lower)
    peskov = speaker_id(ctx, "Dmitri Peskov")
    view.select_ids([peskov])
    header = view.table.horizontalHeader()
    for _ in range(2):  # first ascending, then descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(COL_STATEMENTS) + 5, 5))
    counts = [int(n) for n in shown(COL_STATEMENTS)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert view.selected_ids() == [peskov]
    view.search.setText("peskov")
    assert shown(COL_NAME) == ["Dmitri Peskov"] and view.selected_ids() == [peskov]
    view.search.setText("")
    assert len(shown(COL_NAME)) == 5


def test_merging_two_speakers_keeps_one_with_the_other_as_alias(ctx, qtbot, monkeypatch):
    view = SpeakersView(ctx)
    qtbot.addWidget(view)
    keep, gone = speaker_id(ctx, "Anatoli Lappo"), speaker_id(ctx, "Belarusian State Border Committee")
    view.select_ids([keep, gone])
    assert view.merge_button.isEnabled()

    def choose_and_accept(dialog):
        dialog.choose(keep)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(speakers_view.MergeSpeakersDialog, "exec", choose_and_accept)
    view.merge_selected()
    assert view.model.rowCount() == 4
    kept = view.model.row_dict(view.model.row_of(keep))
    assert "Belarusian State Border Committee" in aliases_of(kept)
    assert "the Border Committee" in aliases_of(kept)
    assert int(kept["statements"]) == 3
    assert view.selected_ids() == [keep]


def test_new_speaker_dialog_validates_inline_then_adds_a_row(ctx, qtbot, monkeypatch):
    view = SpeakersView(ctx)
    qtbot.addWidget(view)
    seen = {}

    def fill_and_click_ok(dialog):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # empty name
        seen["empty"] = dialog.error.text()
        dialog.name.setText("Dmitri Peskov")  # taken: the use case refuses
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["taken"] = dialog.error.text()
        dialog.name.setText("Maria Zakharova")
        dialog.aliases.setText("Zakharova, Mariya Zakharova")
        dialog.title.setText("Foreign Ministry spokeswoman")
        dialog.country.setText("Russia")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SpeakerDialog, "exec", fill_and_click_ok)
    view.new_speaker()
    assert seen["empty"] == "A speaker needs a name."
    assert "already exists" in seen["taken"]
    assert view.model.rowCount() == 6
    created = view.selected_rows()[0]
    assert created["name"] == "Maria Zakharova"
    assert aliases_of(created) == ["Zakharova", "Mariya Zakharova"]


def test_editing_a_speaker_saves_only_what_changed(ctx, qtbot):
    row = next(r for r in speakers.list_speakers(ctx.ws) if r["name"] == "Vladimir Makei")
    dialog = SpeakerDialog(ctx, row)
    qtbot.addWidget(dialog)
    assert dialog.aliases.text() == "Makei, Uladzimir Makei"
    dialog.affiliation.setText("Ministry of Foreign Affairs")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = speakers.find_speaker(ctx.ws, "Vladimir Makei")
    assert saved["affiliation"] == "Ministry of Foreign Affairs"
    assert ctx.undo_stack.count() == 1


def test_speakers_and_sources_ask_to_show_statements(ctx, qtbot):
    view = SpeakersView(ctx)
    qtbot.addWidget(view)
    peskov = speaker_id(ctx, "Dmitri Peskov")
    view.select_ids([peskov])
    with qtbot.waitSignal(view.statements_requested) as signal:
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    assert signal.args == [peskov]
    sources = SourcesView(ctx)
    qtbot.addWidget(sources)
    sources.table.selectRow(0)
    with qtbot.waitSignal(sources.statements_requested) as signal:
        sources.show_statements()
    assert signal.args == [sources.selected_id()]


def test_sources_view_shows_the_archived_copy_and_its_hash(ctx, qtbot):
    view = SourcesView(ctx)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1
    index = view.model.index(0, COL_ARCHIVED)
    row = view.model.index(0, 0).data(RowRole)
    assert index.data() == f"seed-article.txt · {row['file_sha256'][:12]}…"
    assert row["file_sha256"] in index.data(Qt.ItemDataRole.ToolTipRole)
    view.table.selectRow(0)
    assert not view.open_button.isEnabled()  # the demo source has no URL


def test_new_source_dialog_archives_a_file(ctx, qtbot, tmp_path):
    archived = tmp_path / "transcript.txt"
    archived.write_text("Full transcript of the briefing.", encoding="utf-8")
    view = SourcesView(ctx)
    qtbot.addWidget(view)
    dialog = SourceDialog(ctx, None, view)
    dialog.saved.connect(view.select_id)
    dialog.title.setText("Briefing transcript")
    dialog.published.setText("2023-02")
    dialog.url.setText("ftp://example.org")
    dialog.accept()
    assert dialog.error.text().startswith("A URL must start with")
    dialog.url.setText("https://example.org/briefing")
    dialog.set_file(archived)
    dialog.accept()
    assert view.model.rowCount() == 2
    row = view.selected_row()
    assert row["published_on"] == "2023-02"
    assert row["file_sha256"] == hashlib.sha256(archived.read_bytes()).hexdigest()
    assert view.open_button.isEnabled()


def test_evidence_search_narrows_the_rows(ctx, qtbot):
    view = EvidenceView(ctx)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2
    view.search.setText("aircraft")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.model.row_dict(0)["title"].startswith("Russian aircraft")
    view.search.setText("")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)


def test_enter_right_after_typing_searches_evidence_at_once(ctx, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    view = EvidenceView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "aircraft")
    assert view._search_timer.isActive()  # the search still waits for a pause in typing
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    # no waiting: the results match the text, and the keyboard is on the first of them
    assert view.model.rowCount() == 1
    assert view.selected_row()["title"].startswith("Russian aircraft")
    assert view.table.hasFocus()


def test_dropping_files_on_the_view_attaches_them_with_their_hash(ctx, qtbot, tmp_path):
    photo = tmp_path / "airfield photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    view = EvidenceView(ctx)
    qtbot.addWidget(view)
    target = next(r for r in evidence.list_evidence(ctx.ws) if r["files"] == 0)
    view.select_id(target["id"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPointF(2, 2), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(drop)
    assert view.selected_id() == target["id"]
    assert view.selected_row()["files"] == 1
    shown = view.details.shown_attachments
    assert [(a["file_name"], a["sha256"]) for a in shown] == [("airfield photo.jpg", digest)]
    texts = [w.text() for w in view.details.findChildren(QLabel) if w.isVisibleTo(view.details)]
    assert digest in texts


def test_opening_an_attachment_opens_a_copy_under_its_name(ctx, qtbot, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(evidence_view.QDesktopServices, "openUrl", opened.append)
    view = EvidenceView(ctx)
    qtbot.addWidget(view)
    target = next(r for r in evidence.list_evidence(ctx.ws) if r["files"] == 1)
    view.select_id(target["id"])
    attachment = view.details.shown_attachments[0]
    with evidence.open_attachment(ctx.ws, attachment["id"]) as stored:
        original = stored.read()
    view.open_attachment(attachment)
    copy = Path(opened[0].toLocalFile())
    assert copy.name == attachment["file_name"]
    assert ctx.ws.store.files_dir not in copy.parents  # a copy, never the stored file
    assert copy.read_bytes() == original


def test_evidence_dialog_adds_evidence_with_dropped_files(ctx, qtbot, tmp_path):
    memo = tmp_path / "memo.pdf"
    memo.write_bytes(b"%PDF-1.4 memo")
    view = EvidenceView(ctx)
    qtbot.addWidget(view)
    dialog = EvidenceDialog(ctx, None, view)
    dialog.saved.connect(view.select_id)
    created = []
    dialog.created.connect(created.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(memo)), QUrl("https://example.org/not-a-file")])
    dialog.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert dialog.new_files() == [memo]
    dialog.occurred.setText("Feb 30 2022")
    dialog.accept()
    assert "not a date" in dialog.error.text()
    dialog.occurred.setText("2023-03")
    dialog.summary.setPlainText("A leaked memo orders the media holding's launch.")
    dialog.accept()
    assert view.model.rowCount() == 3
    assert [c.created for c in created] == [view.selected_id()]
    assert view.selected_row()["files"] == 1
    assert view.details.shown_attachments[0]["file_name"] == "memo.pdf"
