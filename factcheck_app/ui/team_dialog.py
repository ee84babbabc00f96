"""File → Open team workspace…: the connection URL, an optional password, recent URLs.

The server is tried on a thread of its own (a silent host takes seconds to give up), and
what went wrong is said in the dialog, in plain words, so the user can fix it there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import FactcheckError
from ..services import team_open
from .settings import AppSettings
from .widgets import label

PLACEHOLDER = "postgresql://user@host/dbname?sslmode=verify-full"


class TeamWorkspaceDialog(QDialog):
    """On Open: `url` and `password` (None: libpq finds it) once the server accepted them.
    The window's only way to ask for a team password: never the terminal it started in."""

    _tried = Signal(str, str)  # from the probe thread: label, or "" and the error

    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 url: str = "", message: str = "",
                 probe: Callable[[str, str | None], str] = team_open.probe) -> None:
        super().__init__(parent)
        self.settings, self._probe = settings, probe
        self.url: str | None = None
        self.password: str | None = None
        self.label: str = ""
        self.setWindowTitle("Open team workspace — Factcheck")
        self.setMinimumWidth(560)

        self.url_box = QComboBox()
        self.url_box.setEditable(True)
        self.url_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.url_box.addItems(settings.recent_team_urls())
        self.url_box.setCurrentIndex(0 if self.url_box.count() else -1)
        if url:
            self.url_box.setEditText(url)
        self.url_box.lineEdit().setPlaceholderText(PLACEHOLDER)
        self.url_box.setAccessibleName("Connection URL")
        self.password_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Leave empty to use ~/.pgpass, PGPASSFILE or "
                                              "a service file")
        self.password_edit.setAccessibleName("Password")
        self.error = label("", "refusal", wrap=True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.status = label("", "muted")
        self.status.hide()

        form = QFormLayout()
        form.addRow("Connection URL", self.url_box)
        form.addRow("Password", self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        self._tried.connect(self._after_try)

        layout = QVBoxLayout(self)
        layout.addWidget(label("Open a team workspace", "heading"))
        layout.addWidget(label(
            "A workspace your team shares on a PostgreSQL server: your admin gives you its "
            "URL and your login. The URL goes to PostgreSQL as it is (sslmode, sslrootcert "
            "and service names work). Factcheck never stores the password; recent URLs are "
            "kept without it.", "muted", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        (self.password_edit if self.url_box.currentText() else self.url_box).setFocus()
        if message:  # asked again: why (the server wants a password, or not that one)
            self._show_error(message)

    def try_open(self) -> None:
        """Open: check the URL here, then try the server off the GUI thread."""
        url = self.url_box.currentText().strip()
        try:
            url = team_open.check_url(url)
        except FactcheckError as error:
            self._show_error(str(error))
            return
        password = self.password_edit.text() or None
        self._busy(True)

        def attempt() -> None:
            try:
                found, why = self._probe(url, password), ""
            except FactcheckError as error:
                found, why = "", str(error)
            try:
                self._tried.emit(found, why)
            except RuntimeError:  # the dialog was closed meanwhile
                pass

        self._trying = (url, password)
        threading.Thread(target=attempt, name="factcheck-team-probe", daemon=True).start()

    def _after_try(self, found: str, why: str) -> None:
        self._busy(False)
        if why:
            self._show_error(why)
            return
        self.url, self.password = self._trying
        self.label = found
        self.settings.add_recent_team_url(team_open.remembered(self.url))
        self.accept()

    def _busy(self, busy: bool) -> None:
        self.open_button.setEnabled(not busy)
        self.url_box.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)
        if busy:
            self.error.hide()
        self.status.setText("Connecting…")
        self.status.setVisible(busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))
        self.error.show()
        self.adjustSize()  # room for the message, however long
