"""The report preview: the first pages of a report as they will print, in a scrolling column.

    pane = ReportPreview()
    pane.start(run_preview, request, note="A4, as the PDF will print")
    # run_preview(request) -> PagePreview runs on a worker thread; the pane shows that it
    # is busy, then the pages (or what went wrong), and emits `shown`
    pane.set_stale(True)             # the choices changed since: the pages are dimmed

The pages are images the PDF painter drew (services.reports.preview); this widget only
scales them to the width of the pane, on a grey desk with a soft shadow under each sheet.
Nothing here writes a file.

`RequestJob` runs one ExportRequest at a time off the GUI thread, with progress and a
result or a failure; the export dialog runs its exports with it too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import FactcheckError
from ..services.reports import ExportCancelled, ExportRequest
from .theme import is_dark

SHADOW = 10  # pixels of shadow and air around each sheet
GAP = 18  # around the column of sheets
MAX_PAGE_WIDTH = 760  # a page is never drawn wider than this (logical pixels)


def preview_key(request: ExportRequest) -> tuple:
    """What a preview depends on: every choice but the format and the file."""
    return (request.report, request.statement_ids, request.speaker, request.date_from,
            request.date_to, request.filter, request.include_drafts, request.page_size)


class PagePreview(Protocol):  # what services.reports.preview returns (reports.pdf.PagePreview)
    title: str
    page_count: int
    images: list[QImage]


# -- running a request off the GUI thread ----------------------------------------------------

class _Worker(QObject):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, bool)  # message, was it a known (user-facing) problem

    def __init__(self, job: Callable[[ExportRequest], Any], request: ExportRequest,
                 action: str, cancelled: str) -> None:
        super().__init__()
        self.job, self.request, self.action, self.cancelled = job, request, action, cancelled
        request.progress = lambda d, t, s: self.progressed.emit(int(d), int(t), str(s))

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self.request)
        except ExportCancelled:
            self.failed.emit(self.cancelled, True)
        except FactcheckError as error:
            text = str(error)
            self.failed.emit(text[:1].upper() + text[1:], True)
        except Exception as error:  # noqa: BLE001 - shown to the user, not swallowed
            self.failed.emit(f"The {self.action} failed: {type(error).__name__}: {error}", False)
        else:
            self.done.emit(result)


class RequestJob(QObject):
    """Runs `job(request)` on a thread of its own, one at a time. `progressed`, then `done`
    or `failed` arrive on the GUI thread once that thread has ended; `cancel()` sets
    `request.cancel`, which the job checks as it goes."""

    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str, bool)  # message, was it a known (user-facing) problem

    def __init__(self, parent: QObject, *, action: str = "export",
                 cancelled: str = "Cancelled; nothing was written.") -> None:
        super().__init__(parent)
        self.action, self.cancelled_text = action, cancelled
        self.was_cancelled = False  # the last run ended because it was cancelled
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._cancel: threading.Event | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[ExportRequest], Any], request: ExportRequest) -> None:
        self.cancel(wait=True)
        self.was_cancelled = False
        self._cancel = request.cancel = threading.Event()
        self._worker = _Worker(job, request, self.action, self.cancelled_text)
        self._worker.progressed.connect(self._progressed)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._thread = QThread(self)
        self._thread.setObjectName(f"factcheck-{self.action}")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._thread.start()

    def cancel(self, *, wait: bool = False) -> None:
        """Ask the running job to stop; with `wait`, wait for it and drop what it returns."""
        if self._cancel is not None:
            self._cancel.set()
        if wait:
            self._stop()

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = self._cancel = None

    def _current(self) -> bool:  # from the run going on now, not one dropped by cancel(wait)
        return self._worker is not None and self.sender() is self._worker

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._current():
            self.progressed.emit(done, total, text)

    @Slot(object)
    def _done(self, result: Any) -> None:
        if self._current():
            self._stop()
            self.done.emit(result)

    @Slot(str, bool)
    def _failed(self, message: str, known: bool) -> None:
        if self._current():
            self.was_cancelled = self._cancel is not None and self._cancel.is_set()
            self._stop()
            self.failed.emit(message, known)


# -- the pages -------------------------------------------------------------------------------

class _Sheet(QWidget):
    """One page: the image scaled to the sheet's width, on a shadow."""

    def __init__(self, image: QImage, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.dimmed = False  # drawn faded: the choices have changed since
        self._pixmap: QPixmap | None = None
        self.setAccessibleName(f"Page {number}")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_page_width(self, width: int) -> None:
        height = round(width * self.image.height() / max(1, self.image.width()))
        self.setFixedSize(QSize(width + 2 * SHADOW, height + 2 * SHADOW))

    def _scaled(self, size: QSize) -> QPixmap:
        ratio = self.devicePixelRatioF()
        wanted = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if self._pixmap is None or self._pixmap.size() != wanted:
            self._pixmap = QPixmap.fromImage(self.image.scaled(
                wanted, Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        page = QRectF(self.rect()).adjusted(SHADOW, SHADOW, -SHADOW, -SHADOW)
        for spread, alpha in ((7, 8), (5, 12), (3, 18), (1.5, 26)):  # a soft drop shadow
            path = QPainterPath()
            path.addRoundedRect(page.adjusted(-spread, -spread + 2, spread, spread + 2),
                                spread + 1, spread + 1)
            painter.fillPath(path, QColor(0, 0, 0, alpha))
        if self.dimmed:  # faded ink on white paper
            painter.fillRect(page, Qt.GlobalColor.white)
            painter.setOpacity(0.35)
        painter.drawPixmap(page.topLeft(), self._scaled(page.size().toSize()))
        painter.end()


class _Desk(QWidget):
    """The column of sheets, and a line saying how many pages follow."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("previewDesk")
        self.sheets: list[_Sheet] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(GAP, GAP - SHADOW, GAP, GAP)
        self.column.setSpacing(0)
        self.more = QLabel(objectName="previewMore", wordWrap=True)
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_images(self, images: list[QImage], total: int) -> None:
        while self.column.count():
            widget = self.column.takeAt(0).widget()
            if isinstance(widget, _Sheet):
                widget.deleteLater()
        self.sheets = [_Sheet(image, n, self) for n, image in enumerate(images, start=1)]
        for sheet in self.sheets:
            self.column.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        rest = total - len(images)
        self.more.setText(f"\u2026 and {rest} more page{'s' if rest != 1 else ''} in the "
                          "exported file" if rest > 0 else "End of the report")
        self.column.addWidget(self.more)

    def fit(self, width: int) -> None:
        """Lay the sheets out for a viewport `width` pixels wide."""
        for sheet in self.sheets:
            sheet.set_page_width(max(120, min(MAX_PAGE_WIDTH, width - 2 * GAP - 2 * SHADOW)))
        self.setFixedSize(width, self.column.sizeHint().height())


class ReportPreview(QFrame):
    """A pane that shows a report's first pages, or what it is waiting for."""

    shown = Signal(object)  # the PagePreview now shown
    refresh_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.preview: PagePreview | None = None
        self.key: tuple | None = None  # preview_key of the request shown or being drawn
        self._note = ""
        self.job = RequestJob(self, action="preview", cancelled="Preview cancelled.")
        self.job.progressed.connect(self._progressed)
        self.job.done.connect(self._done)
        self.job.failed.connect(lambda message, _known: self.show_message(message, error=True))
        dark = is_dark()
        self.setStyleSheet(
            f"#previewDesk, #previewViewport {{ background: {'#25272b' if dark else '#e4e6ea'}; }}"
            f"#previewMore {{ color: {'#9aa0a6' if dark else '#5f6670'}; font-size: 9pt; "
            "padding: 2px 0 10px 0; } #previewTitle { font-weight: 600; font-size: 11pt; }")

        self.title = QLabel("Preview", objectName="previewTitle", wordWrap=True)
        self.info = QLabel()
        self.info.setProperty("role", "muted")
        for text in (self.title, self.info):
            text.setTextFormat(Qt.TextFormat.PlainText)
        hide = QPushButton("Hide", toolTip="Hide the preview", autoDefault=False)
        hide.clicked.connect(self.closed)
        titles = QVBoxLayout()
        titles.setSpacing(1)
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        head = QHBoxLayout()
        head.addLayout(titles, 1)
        head.addWidget(hide, 0, Qt.AlignmentFlag.AlignTop)

        self.stale_row = QWidget()
        stale = QLabel("Your choices have changed since this preview.")
        stale.setProperty("role", "notice")
        update = QPushButton("Update preview", autoDefault=False)
        update.clicked.connect(self.refresh_requested)
        row = QHBoxLayout(self.stale_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(stale, 1)
        row.addWidget(update)
        self.stale_row.hide()

        # what the pane can show: a message, that it is busy, or the pages
        self.message = QLabel(wordWrap=True, margin=24)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy = QWidget()
        self.busy_label = QLabel()
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setProperty("role", "muted")
        bar = QProgressBar(textVisible=False, maximumWidth=220, maximumHeight=6)
        bar.setRange(0, 0)
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(1)
        self.desk = _Desk()
        self.scroll = QScrollArea(widgetResizable=False)
        self.scroll.viewport().setObjectName("previewViewport")
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.desk)
        self.scroll.viewport().installEventFilter(self)
        self.stack = QStackedWidget()
        for widget in (self.message, busy, self.scroll):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.stale_row)
        layout.addWidget(self.stack, 1)
        self.setMinimumWidth(380)
        self.show_message("Press Preview to see the report's first pages here as they will "
                          "print.")

    # -- drawing the pages off the GUI thread ---------------------------------------------
    def start(self, job: Callable[[ExportRequest], PagePreview], request: ExportRequest, *,
              note: str = "") -> None:
        """Run `job(request)` on a worker thread; show the pages it returns, with `note`."""
        self.key, self._note = preview_key(request), note
        self.show_busy()
        self.job.start(job, request)

    def cancel(self) -> None:
        """Stop a preview being drawn, and wait for it (it stops at the next statement)."""
        self.job.cancel(wait=True)

    def follow(self, request: ExportRequest, note: str) -> None:
        """The choices now: dim the pages if they no longer match; say what they are."""
        if self.key is not None:
            self.set_stale(preview_key(request) != self.key)
            self.set_note(note)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        label = text[:1].upper() + text[1:]
        self.busy_label.setText(f"{label} ({done:,} of {total:,})\u2026" if total > 1
                                else f"{label}\u2026")

    @Slot(object)
    def _done(self, preview: PagePreview) -> None:
        self.show_pages(preview, note=self._note)
        self.shown.emit(preview)

    # -- what it shows -----------------------------------------------------------------------
    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "refusal" if error else "muted")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.stale_row.hide()
        self.stack.setCurrentWidget(self.message)

    def show_busy(self, text: str = "Drawing the pages\u2026") -> None:
        self.busy_label.setText(text)
        self.stale_row.hide()
        self.stack.setCurrentIndex(1)

    def show_pages(self, preview: PagePreview, *, note: str = "") -> None:
        """Show a PagePreview; `note` says how the exported file relates to the pages."""
        self.preview = preview
        self.title.setText(preview.title)
        self.title.setToolTip(preview.title)
        self.set_note(note)
        self.desk.set_images(list(preview.images), preview.page_count)
        self.stale_row.hide()
        self.stack.setCurrentWidget(self.scroll)
        self.desk.fit(self.scroll.viewport().width())
        self.scroll.verticalScrollBar().setValue(0)

    def set_note(self, note: str) -> None:
        """The line under the title: how many pages are shown, and `note`."""
        if self.preview is not None:
            shown, total = len(self.preview.images), self.preview.page_count
            pages = (f"All {total} page{'s' if total != 1 else ''}" if shown >= total
                     else f"The first {shown} of {total} pages")
            self.info.setText(pages + (f" \u00b7 {note}" if note else ""))

    def set_stale(self, stale: bool) -> None:
        """Mark the pages shown as no longer matching the choices (or matching again)."""
        if self.stack.currentWidget() is self.scroll:
            self.stale_row.setVisible(stale)
            for sheet in self.desk.sheets:
                sheet.dimmed = stale
                sheet.update()

    @property
    def images(self) -> list[QImage]:
        """The page images shown now (none while busy or showing a message)."""
        if self.stack.currentWidget() is not self.scroll:
            return []
        return [sheet.image for sheet in self.desk.sheets]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.desk.fit(self.scroll.viewport().width())
        return super().eventFilter(watched, event)


__all__ = ["PagePreview", "ReportPreview", "RequestJob", "preview_key"]
