"""The first thing a user sees: a window frame painted before the heavy modules load.

Importing the application (sqlite-utils, dateutil, reports, the views) and opening
a large workspace take the better part of a second. Showing the frame first means
the window appears as fast as a bare Qt window; the real one replaces it in place.
This module imports nothing but Qt for that reason.

FACTCHECK_STARTUP_TRACE=1 prints start-up milestones with timestamps to stderr
(used by benchmarks/gui_speed.py); =exit also quits once the table is painted.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QVBoxLayout, QWidget

TRACE = os.environ.get("FACTCHECK_STARTUP_TRACE", "")


def trace(event: str) -> None:
    if TRACE:
        print(f"startup {event} {time.time():.6f}", file=sys.stderr, flush=True)


class _FirstPaint(QObject):
    """Reports the first paint of a widget once, then removes itself."""

    def __init__(self, widget: QWidget, event: str, then=None) -> None:
        super().__init__(widget)
        self._event, self._then = event, then
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            trace(self._event)
            if self._then:
                self._then()
        return False


def watch_first_paint(widget: QWidget, event: str, then=None) -> None:
    if TRACE:
        _FirstPaint(widget, event, then)


class StartupFrame(QWidget):
    """Where the main window will be, saying what is being opened."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.setWindowTitle("Factcheck")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        title = QLabel("Factcheck")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(font.Weight.DemiBold)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        status = QLabel(what)
        status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(240)
        busy.setTextVisible(False)
        layout.addWidget(title)
        layout.addWidget(status)
        layout.addWidget(busy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        geometry = QSettings("Factcheck", "Factcheck").value("layout/main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1460, 880)


def begin(what: str = "Opening workspace…") -> tuple[QApplication, StartupFrame]:
    """Create the application and paint the start-up frame at once."""
    trace("process")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factcheck")
    app.setOrganizationName("Factcheck")
    app.setDesktopFileName("factcheck")
    frame = StartupFrame(what)
    watch_first_paint(frame, "painted")
    frame.show()
    app.processEvents()
    return app, frame
