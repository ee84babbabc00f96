"""One serialized worker for database writes and long reads, off the GUI thread.

The worker opens its own connection in its own thread (a SQLite connection
belongs to the thread that made it). Results come back to the GUI thread by
signal. Tests swap in SyncRunner, which does the same work inline.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..services.workspace import Identity, Workspace

log = logging.getLogger("factcheck.ui")

Task = Callable[..., Any]  # task(ws, job) -> result
Done = Callable[[Any], None]
Failed = Callable[[BaseException, str], None]


@dataclass
class Job:
    """Handed to a task: report progress, and see whether the user cancelled."""

    id: int
    cancelled: bool = False
    progress_cb: Callable[[int, int, str], None] | None = field(default=None, repr=False)

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self.progress_cb:
            self.progress_cb(done, total, text)

    def cancel(self) -> None:
        self.cancelled = True


class _Worker(QObject):
    finished = Signal(int, object, object, str)  # job id, result, error, traceback
    progressed = Signal(int, int, int, str)

    def __init__(self, path: Path, user: Identity | str | None) -> None:
        super().__init__()
        self._path, self._user = path, user
        self._ws: Workspace | None = None

    def workspace(self) -> Workspace:
        if self._ws is None:
            self._ws = Workspace.open(self._path, user=self._user)
        return self._ws

    @Slot(object)
    def run(self, item: tuple[Job, Task]) -> None:
        job, task = item
        job.progress_cb = lambda d, t, s: self.progressed.emit(job.id, d, t, s)
        try:
            result = task(self.workspace(), job)
        except BaseException as error:  # noqa: BLE001 - reported to the GUI thread
            self.finished.emit(job.id, None, error, traceback.format_exc())
        else:
            self.finished.emit(job.id, result, None, "")

    @Slot(object)
    def sign_in(self, user: Identity | str) -> None:
        self._user = user
        if self._ws is not None:
            if isinstance(user, Identity):
                self._ws.adopt(user)
            else:
                self._ws.sign_in(user)

    @Slot()
    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


class ThreadRunner(QObject):
    """Queue tasks on the worker thread; callbacks run on the GUI thread."""

    _submit = Signal(object)
    _sign_in = Signal(object)
    _close = Signal()
    busy_changed = Signal(bool)
    progressed = Signal(int, int, int, str)

    def __init__(self, path: Path, user: Identity | str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName("factcheck-db-worker")
        self._worker = _Worker(path, user)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._sign_in.connect(self._worker.sign_in)
        self._close.connect(self._worker.close)
        self._worker.finished.connect(self._finished)
        self._worker.progressed.connect(self.progressed)
        self._thread.start()

    def run(self, task: Task, on_done: Done | None = None, on_error: Failed | None = None) -> Job:
        job = Job(next(self._ids))
        self._pending[job.id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit((job, task))
        return job

    def sign_in(self, user: Identity | str) -> None:
        self._sign_in.emit(user)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int, object, object, str)
    def _finished(self, job_id: int, result: Any, error: Any, trace: str) -> None:
        on_done, on_error = self._pending.pop(job_id, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        deliver(result, error, trace, on_done, on_error)

    def shutdown(self) -> None:
        self._close.emit()
        self._thread.quit()
        self._thread.wait(10_000)


class SyncRunner(QObject):
    """Same contract, done inline: for tests and for scripts that take screenshots."""

    busy_changed = Signal(bool)
    progressed = Signal(int, int, int, str)

    def __init__(self, path: Path, user: Identity | str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = _Worker(path, user)
        self._ids = itertools.count(1)

    def run(self, task: Task, on_done: Done | None = None, on_error: Failed | None = None) -> Job:
        job = Job(next(self._ids), progress_cb=lambda d, t, s: self.progressed.emit(0, d, t, s))
        try:
            result = task(self._worker.workspace(), job)
        except BaseException as error:  # noqa: BLE001
            deliver(None, error, traceback.format_exc(), on_done, on_error)
        else:
            deliver(result, None, "", on_done, on_error)
        return job

    def sign_in(self, user: Identity | str) -> None:
        self._worker.sign_in(user)

    busy = False

    def shutdown(self) -> None:
        self._worker.close()


def deliver(result: Any, error: Any, trace: str, on_done: Done | None,
            on_error: Failed | None) -> None:
    if error is None:
        if on_done:
            on_done(result)
        return
    if on_error:
        on_error(error, trace)
    else:
        log.error("background task failed\n%s", trace)
