"""Live updates in the window: other users' changes on a team workspace arrive as the same
Changes broadcast the window sends after its own writes, so every view refreshes itself.

The listener's socket is watched by a QSocketNotifier (no polling thread); a burst of
notifications is gathered for BURST_MS and broadcast once. A dropped connection shows a
quiet note in the status bar and is retried with backoff, off the GUI thread.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from ..services.live import LiveUpdates, TeamUnavailable
from .context import UiContext

BURST_MS = 150
RETRY_SECONDS = (1, 2, 4, 8, 15, 30)  # then every 30 s


class LiveWatcher(QObject):
    """Reads notifications when they arrive and broadcasts them through the context."""

    note = Signal(str)  # "" while connected, else a few quiet words for the status bar
    _reconnected = Signal(bool, str)  # from the retry thread: worked?, why not

    def __init__(self, ctx: UiContext, updates: LiveUpdates, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.updates = ctx, updates
        self._notifier: QSocketNotifier | None = None
        self._failures = 0
        self._closed = False
        self._burst = QTimer(self, singleShot=True, interval=BURST_MS)
        self._burst.timeout.connect(self._flush)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._try_reconnect)
        self._reconnected.connect(self._after_reconnect)
        self._watch()

    def _watch(self) -> None:
        self._notifier = QSocketNotifier(self.updates.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _unwatch(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _readable(self, *_args) -> None:
        try:
            arrived = self.updates.poll()
        except TeamUnavailable:
            self._dropped()
            return
        if arrived and not self._burst.isActive():
            self._burst.start()

    def _flush(self) -> None:
        if self.ctx.runner.busy:
            # A save of ours is on its way: its own broadcast comes first, so the news of
            # it from the server is not mistaken for someone else's change.
            self._burst.start()
            return
        changes = self.updates.take()
        if changes is not None:
            self.ctx.broadcast(changes)

    # -- a dropped connection ------------------------------------------------------------
    def _dropped(self) -> None:
        self._unwatch()
        self.note.emit("Live updates paused: the team server cannot be reached; retrying…")
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        if not self._closed:
            delay = RETRY_SECONDS[min(self._failures, len(RETRY_SECONDS) - 1)]
            self._retry.start(int(delay * 1000))

    def _try_reconnect(self) -> None:
        def attempt() -> None:  # connecting may take seconds: never on the GUI thread
            try:
                self.updates.reconnect()
                ok, why = True, ""
            except TeamUnavailable as error:
                ok, why = False, str(error)
            try:
                self._reconnected.emit(ok, why)
            except RuntimeError:  # the window closed meanwhile
                self.updates.close()

        threading.Thread(target=attempt, name="factcheck-live-reconnect", daemon=True).start()

    def _after_reconnect(self, ok: bool, _why: str) -> None:
        if self._closed:
            self.updates.close()
            return
        if not ok:
            self._failures += 1
            self._schedule_retry()
            return
        self._failures = 0
        self._watch()
        self.note.emit("")
        self._readable()  # what was missed meanwhile: refresh everything

    def close(self) -> None:
        self._closed = True
        self._burst.stop()
        self._retry.stop()
        self._unwatch()
        self.updates.close()


def install(window: QMainWindow, watcher: LiveWatcher) -> QLabel:
    """The status bar's quiet note while live updates are paused."""
    label = QLabel()
    label.setObjectName("liveNote")
    label.setProperty("role", "muted")
    label.hide()

    def show(text: str) -> None:
        label.setText(f"  {text}  ")
        label.setVisible(bool(text))

    watcher.note.connect(show)
    window.statusBar().insertPermanentWidget(0, label)
    return label


class ChangedElsewhereBar(QFrame):
    """Over the detail pane's tabs when the statement being edited changed on the server."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedElsewhere")
        self.setStyleSheet("#changedElsewhere { background: #fff4e5; border: 1px solid #f0c890;"
                           " border-radius: 4px; } #changedElsewhere QLabel { color: #7a4100; }")
        self.text = QLabel("<b>Changed by another user</b> while you were editing. Reload "
                           "shows their version and drops your edits; if you keep editing, "
                           "saving over their change is refused.")
        self.text.setWordWrap(True)
        self.reload_button = QPushButton("Reload")
        self.keep_button = QPushButton("Keep editing")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self.hide)
        self.hide()
