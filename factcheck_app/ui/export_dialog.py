"""The Export / Report dialog: choose a report, its scope, a format and a file; preview the
pages; watch the export run.

    dialog = ExportDialog(window, run_export=run, speakers=names, selection_ids=ids,
                          current_filter=statement_filter)
    dialog.exec()

`run_export(request) -> Path` is called on a worker thread the dialog starts (so
the window stays responsive and Cancel works). It must therefore not use a
SQLite connection made on the GUI thread; `export_in_own_connection(path, user)`
builds a suitable callable that opens the workspace read-only in that thread.
Progress arrives through `request.progress`, and Cancel sets `request.cancel`.

Preview draws the report's first pages as they will print (services.reports.preview)
on a worker thread too, and shows them beside the choices (ui/report_preview.py); nothing
is written. It calls `run_preview(request) -> PagePreview`: by default the `.preview` of
the `run_export` that `export_in_own_connection` makes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import FactcheckError
from ..domain.filters import StatementFilter
from ..services import reports
from ..services.reports import ExportRequest
from .export_done import ExportDone
from .report_preview import PagePreview, ReportPreview, RequestJob

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
PREVIEW_NOTES = {  # what the preview's pages are, for the format chosen
    "pdf": "as the PDF will print", "package": "the package's report.pdf",
    "html": "printed layout; the web page has the same content",
    "md": "printed layout; the Markdown file has the same content",
}
PREVIEW_PANE_WIDTH = 620  # logical pixels the preview pane starts with


def export_in_own_connection(workspace: Path | str, user: str | None = None
                             ) -> Callable[[ExportRequest], Path]:
    """A `run_export` for the dialog: each export opens the workspace read-only in the
    worker thread it runs on, and closes it when done. Its `.preview` is the matching
    `run_preview`, drawing pages as sharp as the screen shows them."""
    screen = QGuiApplication.instance() and QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen else 1.0  # read here, on the GUI thread
    width = max(reports.PREVIEW_WIDTH, round(PREVIEW_PANE_WIDTH * ratio))

    def run(request: ExportRequest) -> Path:
        return reports.export_file(workspace, request, user=user)

    def preview(request: ExportRequest) -> PagePreview:
        return reports.preview_file(workspace, request, user=user, width=width)

    run.preview = preview  # type: ignore[attr-defined]
    return run


class ExportDialog(QDialog):
    """Choose kind, scope, format, options and a file; preview the pages; export with
    progress and Cancel."""

    exported = Signal(object)  # Path of the file written
    previewed = Signal(object)  # the PagePreview shown

    def __init__(self, parent: QWidget | None, *, run_export: Callable[[ExportRequest], Path],
                 speakers: list[str], selection_ids: list[str],
                 current_filter: StatementFilter | None, default_folder: Path | None = None,
                 confirm: bool = True,
                 run_preview: Callable[[ExportRequest], PagePreview] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export / Report \u2014 Factcheck")
        self.run_export = run_export
        self.run_preview = run_preview or getattr(run_export, "preview", None)
        self.selection_ids = list(selection_ids)
        self.current_filter = current_filter
        self.folder = default_folder or Path.home()
        self.job = RequestJob(self)
        self.job.progressed.connect(self._progressed)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
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
        self.confirm = confirm  # say where the file went, with Show in folder and Open
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

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(wordWrap=True)
        self.status.setProperty("role", "muted")
        self.error = QLabel(wordWrap=True)
        self.error.setProperty("role", "refusal")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button = QPushButton("&Preview", autoDefault=False)
        self.preview_button.clicked.connect(self.start_preview)
        self.preview_button.setVisible(self.run_preview is not None)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel_or_close)

        self.preview_pane = ReportPreview()
        self.preview_pane.refresh_requested.connect(self.start_preview)
        self.preview_pane.closed.connect(self.hide_preview)
        self.preview_pane.shown.connect(self._preview_shown)
        self.preview_pane.hide()

        self.controls = QWidget()
        self.controls.setMinimumWidth(540)
        self.controls.setMaximumWidth(640)
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addLayout(form)
        controls.addStretch(1)
        for widget in (self.progress, self.status, self.error):
            controls.addWidget(widget)
        row = QHBoxLayout()  # Preview apart on the left, as in a print dialog
        row.addWidget(self.preview_button)
        row.addWidget(self.buttons, 1)
        controls.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setSpacing(18)
        layout.addWidget(self.controls)
        layout.addWidget(self.preview_pane, 1)

        self.kind.currentIndexChanged.connect(self._update)
        self.format.currentIndexChanged.connect(self._update)
        self.scope.idToggled.connect(lambda *_: self._update())
        self.output.textEdited.connect(lambda *_: setattr(self, "_path_edited", True))
        for changed in (self.speaker.currentTextChanged, self.date_from.dateChanged,
                        self.date_to.dateChanged, self.include_drafts.toggled,
                        self.page_size.currentIndexChanged):
            changed.connect(lambda *_: self.preview_pane.follow(self.request(),
                                                                self._preview_note()))
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
        self.preview_button.setEnabled(kind is not None and not self.job.running)
        self.preview_button.setToolTip(
            "Show the report's first pages as they will print; nothing is written"
            if kind is not None else "A data export has no pages to preview; choose a report")
        if not self._path_edited:
            self.output.setText(str(self.folder / self._suggested_name()))
        self.preview_pane.follow(self.request(), self._preview_note())

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

    def _checked(self, request: ExportRequest, *, writing: bool = True) -> bool:
        """Refuse (in the dialog) a request that cannot run; True when it can."""
        if request.date_from and request.date_to and request.date_from > request.date_to:
            self._refuse("The period starts after it ends.")
            return False
        try:
            request.check(writing=writing)
        except FactcheckError as error:
            text = str(error)
            self._refuse(text[:1].upper() + text[1:])
            return False
        return True

    def start(self) -> None:
        if self.job.running:
            return
        self.error.hide()
        request = self.request()
        if not self.output.text().strip():
            self._refuse("Choose where to save the export.")
            return
        if not self._checked(request):
            return
        self._set_running(True)
        self.job.start(self.run_export, request)

    # -- preview ------------------------------------------------------------------------
    def _preview_note(self) -> str:
        fmt = self._format()
        size = f"{self.page_size.currentText()}, " if fmt in ("pdf", "package") else ""
        return size + PREVIEW_NOTES.get(fmt, "printed layout; the data file lists the same "
                                        "statements")

    def start_preview(self) -> None:
        """Draw the report's first pages on a worker thread and show them beside the choices."""
        if self.run_preview is None or self.job.running:
            return
        self.error.hide()
        request = self.request()
        if request.report is None:
            self._refuse("A data export has no pages to preview; choose a report.")
        elif self._checked(request, writing=False):
            self.show_preview()
            self.preview_pane.start(self.run_preview, request, note=self._preview_note())

    def show_preview(self) -> None:
        """Open the preview pane beside the choices, widening the dialog to make room."""
        if self.preview_pane.isHidden():
            self.preview_pane.show()
            width, height = self.width() + PREVIEW_PANE_WIDTH + 18, max(self.height(), 780)
            if self.screen() is not None:
                room = self.screen().availableGeometry()
                width, height = min(width, room.width() - 40), min(height, room.height() - 60)
            self.resize(width, height)

    def hide_preview(self) -> None:
        self.preview_pane.cancel()
        self.preview_pane.hide()
        self.adjustSize()

    @Slot(object)
    def _preview_shown(self, preview: PagePreview) -> None:
        self.preview_pane.follow(self.request(), self._preview_note())  # changed meanwhile?
        self.previewed.emit(preview)

    def done(self, result: int) -> None:  # QDialog.done: closing, accepted or not
        self.preview_pane.cancel()
        super().done(result)

    def cancel_or_close(self) -> None:
        if self.job.running:
            self.job.cancel()
            self.status.setText("Cancelling\u2026")
            return
        self.reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.job.running:
            self.job.cancel()
            event.ignore()  # closes once the worker has stopped
            return
        self.preview_pane.cancel()
        super().closeEvent(event)

    def _set_running(self, running: bool) -> None:
        for widget in (self.kind, self.format, self.page_size, self.include_drafts, self.output,
                       self.speaker, self.date_from, self.date_to, self.export_button,
                       self.preview_button, self.scope_filter, self.scope_selection,
                       self.scope_speaker, self.scope_period):
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

    @Slot(object)
    def _done(self, path: Path) -> None:
        self._set_running(False)
        self.result_path = Path(path)
        self.exported.emit(self.result_path)
        if self.confirm:
            ExportDone(self.result_path, self).exec()
        self.accept()

    @Slot(str, bool)
    def _failed(self, message: str, known: bool) -> None:
        self._set_running(False)
        if self.job.was_cancelled:
            self.status.setText("Cancelled; nothing was written.")
            return
        self._refuse(message)


__all__ = ["ExportDialog", "export_in_own_connection"]
