"""The Export / Report dialog: choose a report, its scope, a format and a file; watch it run.

    dialog = ExportDialog(window, run_export=run, speakers=names, selection_ids=ids,
                          current_filter=statement_filter)
    dialog.exec()

`run_export(request) -> Path` is called on a worker thread the dialog starts (so
the window stays responsive and Cancel works). It must therefore not use a
SQLite connection made on the GUI thread; `export_in_own_connection(path, user)`
builds a suitable callable that opens the workspace read-only in that thread.
Progress arrives through `request.progress`, and Cancel sets `request.cancel`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from ..domain.errors import FactcheckError
from ..domain.filters import StatementFilter
from ..services import reports
from ..services.reports import ExportCancelled, ExportRequest

KINDS = (
    ("dossier", "Statement dossier", "Each statement in full: quote, source, verdict and "
     "rationale, evidence for and against, verdict history, the reviewer's sign-off."),
    ("speaker", "Speaker track record", "Every statement by one speaker, how many held or broke "
     "once their check-by date passed, with a chart."),
    ("period", "Period summary", "Statements made or resolved in a date range: the verdict mix, "
     "notable broken statements, every statement listed."),
    ("due", "Due and overdue", "Statements whose check-by date has come and that still have no "
     "verdict."),
    (None, "Data only (no report)", "Every statement in scope with its assessment, for "
     "spreadsheets and other tools."),
)
FORMATS = (
    ("pdf", "PDF document (print)"),
    ("html", "Web page, one self-contained HTML file"),
    ("md", "Markdown"),
    ("csv", "CSV spreadsheet"),
    ("json", "JSON data"),
    ("claimreview", "ClaimReview JSON-LD (schema.org, approved only)"),
    ("package", "Verifiable package (.zip: report, data, evidence, hashes)"),
)
FILE_FILTERS = {
    "pdf": "PDF (*.pdf)", "html": "Web page (*.html)", "md": "Markdown (*.md)",
    "csv": "CSV (*.csv)", "json": "JSON (*.json)", "claimreview": "JSON-LD (*.jsonld *.json)",
    "package": "Zip package (*.zip)",
}
SCOPE_FILTER, SCOPE_SELECTION, SCOPE_SPEAKER, SCOPE_PERIOD = range(4)


def export_in_own_connection(workspace: Path | str, user: str | None = None
                             ) -> Callable[[ExportRequest], Path]:
    """A `run_export` for the dialog: each export opens the workspace read-only in the
    worker thread it runs on, and closes it when done."""
    def run(request: ExportRequest) -> Path:
        return reports.export_file(workspace, request, user=user)
    return run


class _Worker(QObject):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, bool)  # message, was it a known (user-facing) problem

    def __init__(self, run_export: Callable[[ExportRequest], Path], request: ExportRequest) -> None:
        super().__init__()
        self.run_export = run_export
        self.request = request
        request.progress = lambda d, t, s: self.progressed.emit(int(d), int(t), str(s))

    @Slot()
    def run(self) -> None:
        try:
            path = self.run_export(self.request)
        except ExportCancelled:
            self.failed.emit("Cancelled; nothing was written.", True)
        except FactcheckError as error:
            text = str(error)
            self.failed.emit(text[:1].upper() + text[1:], True)
        except Exception as error:  # noqa: BLE001 - shown to the user, not swallowed
            self.failed.emit(f"The export failed: {type(error).__name__}: {error}", False)
        else:
            self.done.emit(path)


class ExportDialog(QDialog):
    """Choose kind, scope, format, options and a file; export with progress and Cancel."""

    exported = Signal(object)  # Path of the file written

    def __init__(self, parent: QWidget | None, *, run_export: Callable[[ExportRequest], Path],
                 speakers: list[str], selection_ids: list[str],
                 current_filter: StatementFilter | None, default_folder: Path | None = None,
                 open_when_done: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export / Report \u2014 Factcheck")
        self.setMinimumWidth(560)
        self.run_export = run_export
        self.selection_ids = list(selection_ids)
        self.current_filter = current_filter
        self.folder = default_folder or Path.home()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._cancel: threading.Event | None = None
        self._path_edited = False
        self.result_path: Path | None = None

        # what
        self.kind = QComboBox()
        for key, label, _ in KINDS:
            self.kind.addItem(label, key)
        self.kind_help = QLabel(wordWrap=True)
        self.kind_help.setProperty("role", "muted")

        # which statements
        scope_box = QGroupBox("Statements")
        self.scope = QButtonGroup(self)
        self.scope_filter = QRadioButton("Those matching the current filter")
        self.scope_selection = QRadioButton(
            f"The selected statement{'s' if len(self.selection_ids) != 1 else ''} "
            f"({len(self.selection_ids)})")
        self.scope_speaker = QRadioButton("Everything one speaker said:")
        self.scope_period = QRadioButton("A period:")
        for i, button in enumerate((self.scope_filter, self.scope_selection, self.scope_speaker,
                                    self.scope_period)):
            self.scope.addButton(button, i)
        self.scope_selection.setEnabled(bool(self.selection_ids))
        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.addItems(sorted(speakers, key=str.lower))
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addYears(-1), calendarPopup=True)
        self.date_to = QDateEdit(today, calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("d MMM yyyy")
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.addWidget(self.scope_filter)
        scope_layout.addWidget(self.scope_selection)
        row = QHBoxLayout()
        row.addWidget(self.scope_speaker)
        row.addWidget(self.speaker, 1)
        scope_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.scope_period)
        row.addWidget(QLabel("from"))
        row.addWidget(self.date_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.date_to)
        row.addStretch(1)
        scope_layout.addLayout(row)
        (self.scope_selection if self.selection_ids else self.scope_filter).setChecked(True)

        # how
        self.format = QComboBox()
        for key, label in FORMATS:
            self.format.addItem(label, key)
        self.page_size = QComboBox()
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("US Letter", "letter")
        self.include_drafts = QCheckBox("Include assessments not yet approved (marked DRAFT "
                                        "on every page)")
        self.open_after = QCheckBox("Open the file when it is ready")
        self.open_after.setChecked(open_when_done)
        self.output = QLineEdit()
        browse = QPushButton("Choose\u2026")
        browse.clicked.connect(self.choose_file)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Report", self.kind)
        form.addRow("", self.kind_help)
        form.addRow(scope_box)
        form.addRow("Format", self.format)
        form.addRow("Page size", self.page_size)
        form.addRow("", self.include_drafts)
        form.addRow("Save as", out_row)
        form.addRow("", self.open_after)

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(wordWrap=True)
        self.status.setProperty("role", "muted")
        self.error = QLabel(wordWrap=True)
        self.error.setProperty("role", "refusal")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._update)
        self.format.currentIndexChanged.connect(self._update)
        self.scope.idToggled.connect(lambda *_: self._update())
        self.output.textEdited.connect(lambda *_: setattr(self, "_path_edited", True))
        self.kind.setCurrentIndex(2 if not self.selection_ids else 0)
        self._update()

    # -- state ------------------------------------------------------------------------
    def _kind(self) -> str | None:
        return self.kind.currentData()

    def _format(self) -> str:
        return self.format.currentData()

    def _update(self) -> None:
        kind = self._kind()
        self.kind_help.setText(next(h for k, _, h in KINDS if k == kind))
        model = self.format.model()
        for i in range(self.format.count()):
            needs_report = self.format.itemData(i) in reports.REPORT_FORMATS
            model.item(i).setEnabled(not (kind is None and needs_report))
        if kind is None and self._format() in reports.REPORT_FORMATS:
            self.format.setCurrentIndex(self.format.findData("json"))
        if kind == "speaker" and self.scope.checkedId() != SCOPE_SPEAKER:
            self.scope_speaker.setChecked(True)
        scope = self.scope.checkedId()
        self.speaker.setEnabled(scope == SCOPE_SPEAKER)
        self.date_from.setEnabled(scope == SCOPE_PERIOD)
        self.date_to.setEnabled(scope == SCOPE_PERIOD)
        self.page_size.setEnabled(self._format() in ("pdf", "package"))
        self.include_drafts.setEnabled(self._format() != "claimreview")
        if not self._path_edited:
            self.output.setText(str(self.folder / self._suggested_name()))

    def _suggested_name(self) -> str:
        return reports.default_file_name(ExportRequest(format=self._format(), output="",
                                                       report=self._kind()))

    def request(self) -> ExportRequest:
        """The ExportRequest the dialog's choices describe (no checks yet)."""
        scope = self.scope.checkedId()
        request = ExportRequest(
            format=self._format(), output=Path(self.output.text().strip()).expanduser(),
            report=self._kind(), include_drafts=self.include_drafts.isChecked(),
            page_size=self.page_size.currentData())
        if scope == SCOPE_FILTER:
            request.filter = self.current_filter
        elif scope == SCOPE_SELECTION:
            request.statement_ids = tuple(self.selection_ids)
        elif scope == SCOPE_SPEAKER:
            request.speaker = self.speaker.currentText().strip()
        elif scope == SCOPE_PERIOD:
            request.date_from = self.date_from.date().toString("yyyy-MM-dd")
            request.date_to = self.date_to.date().toString("yyyy-MM-dd")
        return request

    # -- actions ------------------------------------------------------------------------
    def choose_file(self) -> None:
        fmt = self._format()
        name, _ = QFileDialog.getSaveFileName(self, "Save the export as", self.output.text(),
                                              FILE_FILTERS[fmt])
        if name:
            suffix = reports.SUFFIXES[fmt]
            if not Path(name).suffix:
                name += suffix
            self.output.setText(name)
            self._path_edited = True

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def start(self) -> None:
        if self._thread is not None:
            return
        self.error.hide()
        request = self.request()
        if not self.output.text().strip():
            self._refuse("Choose where to save the export.")
            return
        if request.date_from and request.date_to and request.date_from > request.date_to:
            self._refuse("The period starts after it ends.")
            return
        try:
            request.check()
        except FactcheckError as error:
            text = str(error)
            self._refuse(text[:1].upper() + text[1:])
            return
        self._cancel = threading.Event()
        request.cancel = self._cancel
        self._worker = _Worker(self.run_export, request)
        self._thread = QThread(self)
        self._thread.setObjectName("factcheck-export")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progressed)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._set_running(True)
        self._thread.start()

    def cancel_or_close(self) -> None:
        if self._thread is not None and self._cancel is not None:
            self._cancel.set()
            self.status.setText("Cancelling\u2026")
            return
        self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._thread is not None:
            if self._cancel is not None:
                self._cancel.set()
            event.ignore()  # closes once the worker has stopped
            return
        super().closeEvent(event)

    def _set_running(self, running: bool) -> None:
        for widget in (self.kind, self.format, self.page_size, self.include_drafts, self.output,
                       self.speaker, self.date_from, self.date_to, self.export_button,
                       self.scope_filter, self.scope_selection, self.scope_speaker,
                       self.scope_period):
            widget.setEnabled(not running)
        if not running:
            self.scope_selection.setEnabled(bool(self.selection_ids))
            self._update()
        self.progress.setVisible(running)
        self.progress.setRange(0, 0)
        self.status.setText("Starting\u2026" if running else "")

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        label = text[:1].upper() + text[1:]
        self.status.setText(f"{label} ({done:,} of {total:,})" if total > 1 else label)

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._cancel = None

    @Slot(object)
    def _done(self, path: Path) -> None:
        self._stop_thread()
        self._set_running(False)
        self.result_path = Path(path)
        self.exported.emit(self.result_path)
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_path.resolve())))
        self.accept()

    @Slot(str, bool)
    def _failed(self, message: str, known: bool) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._stop_thread()
        self._set_running(False)
        if cancelled:
            self.status.setText("Cancelled; nothing was written.")
            return
        self._refuse(message)


__all__ = ["ExportDialog", "export_in_own_connection"]
