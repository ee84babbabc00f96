"""The export dialog's Preview: the report's first pages, drawn off the GUI thread, no file
written; and an export through the same dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import subprocess  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QDate, QObject, Qt, QTimer, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from factcheck_app.domain.filters import StatementFilter  # noqa: E402
from factcheck_app.services.demo import build_demo  # noqa: E402
from factcheck_app.ui.export_dialog import (  # noqa: E402
    SCOPE_PERIOD, SCOPE_SPEAKER, ExportDialog, export_in_own_connection,
)

QUOTE = "Not a single soldier or piece of equipment will remain in Belarus"
SPEAKERS = ["Vladimir Makei", "Aleksandr Lukashenko", "Dmitri Peskov"]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "d.factcheck"
    build_demo(path).close()
    return path


def _files(*folders: Path) -> set[Path]:
    """Every file in the folders, but SQLite's -wal/-shm beside a workspace opened to read."""
    return {p for folder in folders for p in folder.rglob("*")
            if not p.name.endswith(("-wal", "-shm"))}


def _dialog(qtbot, demo_path: Path, out: Path, **options) -> ExportDialog:
    """The dialog as the window opens it (run_export only; Preview comes with it)."""
    dialog = ExportDialog(None, run_export=export_in_own_connection(demo_path, "ana"),
                          speakers=SPEAKERS, selection_ids=[],
                          current_filter=StatementFilter(), default_folder=out,
                          **{"confirm": False, **options})
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog: ExportDialog, kind: str, fmt: str = "pdf") -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.scope.button(SCOPE_PERIOD).setChecked(True)
    dialog.date_from.setDate(QDate(2020, 1, 1))
    dialog.date_to.setDate(QDate.currentDate())
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def _ink(image: QImage) -> int:
    """How many pixels of the page are not white."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, line = rgb.width() * 3, rgb.bytesPerLine()
    data = bytes(rgb.constBits())
    return sum(1 for y in range(0, rgb.height(), 2) for x in range(0, width, 3)
               if data[y * line + x: y * line + x + 3] != b"\xff\xff\xff")


def _preview(qtbot, dialog: ExportDialog) -> list[QImage]:
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.preview_pane.images) >= 1, timeout=20_000)
    return dialog.preview_pane.images


@pytest.mark.parametrize("kind", ["dossier", "period"])
def test_preview_shows_the_first_pages_and_writes_nothing(qtbot, demo_path, tmp_path, kind):
    out = tmp_path / "out"
    out.mkdir()
    before = _files(out, demo_path.parent)
    dialog = _dialog(qtbot, demo_path, out)
    _choose(dialog, kind)
    assert dialog.preview_pane.isHidden()
    images = _preview(qtbot, dialog)
    pane = dialog.preview_pane
    assert pane.isVisible()
    assert not pane.job.running  # drawn on the worker thread, which has ended
    assert 1 <= len(images) <= pane.preview.page_count
    first = images[0]
    assert first.width() >= 800 and first.height() > first.width()  # an upright page
    assert _ink(first) > 1000  # not a blank sheet
    assert all(_ink(image) > 100 for image in images)
    assert ("Statement dossiers" if kind == "dossier" else "2020") in pane.title.text()
    assert "pages" in pane.info.text() and "A4" in pane.info.text()
    assert _files(out, demo_path.parent) == before  # the preview wrote no file
    assert dialog.result_path is None and dialog.isVisible()  # and did not export


def test_changed_choices_dim_the_preview_until_it_is_updated(qtbot, demo_path, tmp_path):
    dialog = _dialog(qtbot, demo_path, tmp_path)
    _choose(dialog, "period")
    _preview(qtbot, dialog)
    pane = dialog.preview_pane
    assert pane.stale_row.isHidden()
    dialog.format.setCurrentIndex(dialog.format.findData("html"))  # same report: still fresh
    assert pane.stale_row.isHidden() and "web page" in pane.info.text()
    dialog.include_drafts.setChecked(True)
    assert not pane.stale_row.isHidden()
    assert all(sheet.dimmed for sheet in pane.desk.sheets)
    with qtbot.waitSignal(dialog.previewed, timeout=20_000) as shown:
        pane.refresh_requested.emit()  # "Update preview"
    assert pane.stale_row.isHidden()
    assert not any(sheet.dimmed for sheet in pane.desk.sheets)
    assert shown.args[0].page_count == pane.preview.page_count


def test_data_only_has_nothing_to_preview(qtbot, demo_path, tmp_path):
    dialog = _dialog(qtbot, demo_path, tmp_path)
    dialog.kind.setCurrentIndex(dialog.kind.findData(None))
    assert not dialog.preview_button.isEnabled()
    assert "no pages" in dialog.preview_button.toolTip()


def test_a_failed_preview_says_why_in_the_pane(qtbot, demo_path, tmp_path):
    dialog = _dialog(qtbot, demo_path, tmp_path)
    dialog.kind.setCurrentIndex(dialog.kind.findData("speaker"))
    assert dialog.scope.checkedId() == SCOPE_SPEAKER
    dialog.speaker.setCurrentText("Nobody Atall")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    pane = dialog.preview_pane
    qtbot.waitUntil(lambda: not pane.job.running and pane.stack.currentWidget() is pane.message,
                    timeout=20_000)
    assert "Nobody Atall" in pane.message.text() or "speaker" in pane.message.text().lower()
    assert pane.images == []
    assert dialog.preview_button.isEnabled()


def test_a_run_preview_can_be_given_and_closing_stops_it(qtbot, demo_path, tmp_path):
    started = []

    def slow(request):
        started.append(request)
        while not request.cancel.wait(0.01):
            pass
        from factcheck_app.services.reports import ExportCancelled

        raise ExportCancelled("preview cancelled")

    dialog = _dialog(qtbot, demo_path, tmp_path, run_preview=slow)
    _choose(dialog, "due")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    assert dialog.preview_pane.job.running
    dialog.reject()  # waits for the worker, which sees the cancel
    assert not dialog.preview_pane.job.running
    assert started[0].cancel.is_set()


def test_export_through_the_dialog_writes_the_pdf(qtbot, demo_path, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    dialog = _dialog(qtbot, demo_path, tmp_path)
    _choose(dialog, "dossier")
    _preview(qtbot, dialog)  # previewing first changes nothing about the export
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    path = Path(signal.args[0])
    assert path.parent == tmp_path and path.suffix == ".pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert QUOTE in " ".join(text.split())


class _UrlCatcher(QObject):
    """Stands in for the desktop's file manager: records the file: URLs it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toLocalFile())


@pytest.fixture
def file_manager():
    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def test_the_confirmation_names_the_file_and_shows_its_folder(qtbot, demo_path, tmp_path,
                                                            answer, file_manager):
    dialog = _dialog(qtbot, demo_path, tmp_path, confirm=True)
    _choose(dialog, "period", "md")
    seen = answer("Show in folder")
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    path = Path(signal.args[0]).resolve()
    assert f"Saved “{path.name}”" in seen[0] and f"in {path.parent}" in seen[0]
    qtbot.waitUntil(lambda: file_manager.urls == [str(path.parent)], timeout=10_000)
    assert not dialog.isVisible()


def test_the_window_exports_to_documents_then_remembers_the_folder(
        window, qtbot, tmp_path, monkeypatch, answer, file_manager):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    assert window.settings.export_folder() == home / "Documents"
    opened: list = []

    def export_and_look() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(dialog.output.text())
        dialog.kind.setCurrentIndex(dialog.kind.findData(None))  # data only: quick
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        dialog.output.setText(str(tmp_path / "elsewhere" / "all.csv"))
        (tmp_path / "elsewhere").mkdir()
        answer("Close")
        dialog.start()

    QTimer.singleShot(50, export_and_look)
    window.export()
    assert Path(opened[0]).parent == home / "Documents"
    assert (tmp_path / "elsewhere" / "all.csv").exists()
    assert window.settings.export_folder() == tmp_path / "elsewhere"
    assert file_manager.urls == []  # Close opens nothing
