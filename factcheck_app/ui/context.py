"""What every view receives: the read side, the worker, the change broadcast, messages.

Views read through `ctx.ws` (a read-only connection on the GUI thread, for cheap
paging) and change data only through `ctx.perform(...)`, which runs the use case
on the worker and broadcasts its Changes once, so each view decides what to redraw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.errors import FactcheckError
from ..paths import log_file
from ..services import undo as undo_service
from ..services.workspace import Changes, Workspace

log = logging.getLogger("factcheck.ui")


class UiContext(QObject):
    changed = Signal(object)  # Changes
    message = Signal(str)  # status-bar text
    refused = Signal(str)  # a rule refused an action: show it where the user acted
    failed = Signal(str, str)  # unexpected error: message, log path

    def __init__(self, ws: Workspace, runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.undo_stack = QUndoStack(self)

    @property
    def user(self):
        return self.ws.user

    def perform(self, task: Callable[[Workspace], Changes], *, label: str = "",
                on_done: Callable[[Changes], None] | None = None,
                on_error: Callable[[str], None] | None = None, undoable: bool = True) -> None:
        """Run a mutating use case on the worker, then broadcast what it changed."""

        def done(changes: Changes) -> None:
            if undoable and changes.undo is not None:
                self.undo_stack.push(_UndoCommand(self, label or changes.message, changes.undo))
            self.broadcast(changes)
            if on_done:
                on_done(changes)

        self.runner.run(lambda ws, job: task(ws), done, self._error_handler(on_error))

    def perform_long(self, task: Callable[..., Changes], *, title: str, parent=None,
                     on_error: Callable[[str], None] | None = None) -> None:
        """A mutating use case that may take a while: progress dialog with Cancel.

        `task(ws, job)` reports through job.progress and stops when job.cancelled;
        the services roll a cancelled operation back, so Cancel changes nothing.
        """
        from PySide6.QtCore import Qt  # noqa: PLC0415
        from PySide6.QtWidgets import QProgressDialog  # noqa: PLC0415

        dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)  # quick jobs never flash a dialog

        started: dict = {}  # the job, once run() returns (a synchronous runner reports before)

        def progressed(job_id: int, done_count: int, total: int, text: str) -> None:
            if job_id == 0 or ("job" in started and job_id == started["job"].id):
                dialog.setMaximum(total)
                dialog.setValue(done_count if total else 0)
                dialog.setLabelText(text)

        def finish() -> None:
            dialog.reset()
            self.runner.progressed.disconnect(progressed)

        def done(changes: Changes) -> None:
            finish()
            self.broadcast(changes)

        def failed(text: str) -> None:
            finish()
            if on_error:
                on_error(text)

        self.runner.progressed.connect(progressed)
        started["job"] = self.runner.run(task, done, self._error_handler(failed))
        dialog.canceled.connect(started["job"].cancel)

    def read(self, task: Callable[[Workspace], Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None] | None = None) -> None:
        """A long read on the worker (exports, full scans); short reads use ctx.ws. A refusal
        goes to on_error too, for a dialog that shows it beside the field at fault."""
        self.runner.run(lambda ws, job: task(ws), on_done, self._error_handler(on_error))

    def broadcast(self, changes: Changes) -> None:
        """Tell every view what changed (after our own writes, or news from the team server)."""
        if changes.message:
            self.message.emit(changes.message)
        self.changed.emit(changes)

    def _error_handler(self, on_error: Callable[[str], None] | None):
        def handle(error: BaseException, trace: str) -> None:
            if isinstance(error, FactcheckError):
                text = str(error)
                text = text[0].upper() + text[1:] if text else text
                if on_error:
                    on_error(text)
                self.refused.emit(text)
                return
            path = log_file()
            logging.getLogger("factcheck").error("unexpected error\n%s", trace)
            self.failed.emit(f"{type(error).__name__}: {error}", str(path))
        return handle


class _UndoCommand(QUndoCommand):
    """An already-performed edit; undo/redo run the reversing use case on the worker."""

    def __init__(self, ctx: UiContext, label: str, step: dict) -> None:
        super().__init__(label)
        self._ctx = ctx
        self._step = step
        self._first = True

    def _apply(self) -> None:
        step = self._step

        def done(changes: Changes) -> None:
            if changes.undo is None:
                self.setObsolete(True)
            else:
                self._step = changes.undo
            self._ctx.broadcast(changes)

        self._ctx.runner.run(lambda ws, job: undo_service.apply(ws, step), done,
                             self._ctx._error_handler(None))  # noqa: SLF001

    def undo(self) -> None:
        self._apply()

    def redo(self) -> None:
        if self._first:  # pushed after the edit was done: nothing to redo yet
            self._first = False
            return
        self._apply()
