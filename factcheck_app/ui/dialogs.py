"""Dialogs: sign in, record a new statement, and the error messages users see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import FactcheckError
from ..services import speakers, statements, users
from ..services.sources import source_choices
from ..services.workspace import Workspace
from .context import UiContext
from .forms import CheckByEdit, LazyChoiceCombo, kind_combo, multiline, speaker_completer
from .unsaved import GuardedDialog
from .widgets import label


class SignInDialog(QDialog):
    """Choose who you act as; a new name signs up as an analyst."""

    def __init__(self, ws: Workspace, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Sign in — Factcheck")
        self.resize(420, 380)
        self.users = QListWidget()
        self.users.setStyleSheet("QListWidget::item { padding: 7px 6px; }")
        self.users.setAlternatingRowColors(True)
        self.new_name = QLineEdit(placeholderText="…or type a new name to sign up as an analyst")
        self.error = label("", "refusal", wrap=True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.users.itemDoubleClicked.connect(lambda _: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Who is working in {ws.path.name}?", "heading"))
        layout.addWidget(label("Every change is recorded under this name.", "muted"))
        layout.addWidget(self.users, 1)
        layout.addWidget(self.new_name)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for user in ws.users():
            item = QListWidgetItem(f"{user.label}  ·  {user.role}")
            item.setData(Qt.ItemDataRole.UserRole, user.name)
            self.users.addItem(item)
            if current and user.name.lower() == current.lower():
                self.users.setCurrentItem(item)
        if self.users.currentItem() is None and self.users.count():
            self.users.setCurrentRow(0)
        self.chosen: str | None = None

    def accept(self) -> None:
        name = self.new_name.text().strip()
        try:
            if name:
                users.register(self.ws, name=name)
                self.chosen = name
            elif self.users.currentItem():
                self.chosen = self.users.currentItem().data(Qt.ItemDataRole.UserRole)
            else:
                raise FactcheckError("choose a user or type a new name")
        except FactcheckError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


class NewStatementDialog(GuardedDialog):
    """Record a statement: the quote, who said it and when, and what would show it held."""

    unsaved_what = "the new statement"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("New statement")
        self.resize(620, 560)
        self.quote = multiline("The verbatim quote")
        self.speaker = QLineEdit(placeholderText="Name or alias; a new name creates a speaker")
        self.speaker.setCompleter(speaker_completer(speakers.speaker_names(ctx.ws), self))
        self.stated = QLineEdit(placeholderText="YYYY-MM-DD, YYYY-MM or YYYY")
        self.kind = kind_combo()
        self.source = LazyChoiceCombo(lambda: source_choices(ctx.ws))
        self.tags = QLineEdit(placeholderText="comma-separated")
        self.expectation = multiline("What would be observed if it holds")
        self.expectation.setMaximumHeight(80)
        self.check_by = CheckByEdit()
        self.stated.textChanged.connect(self.check_by.set_stated)
        self.error = label("", "refusal", wrap=True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record statement")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Ctrl+S or Ctrl+Enter")
        buttons.accepted.connect(self.submit)
        self.add_save_keys(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Quote", self.quote)
        form.addRow("Speaker", self.speaker)
        form.addRow("Stated", self.stated)
        form.addRow("Kind", self.kind)
        form.addRow("Source", self.source)
        form.addRow("Tags", self.tags)
        form.addRow("Expectation", self.expectation)
        form.addRow("Check by", self.check_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.created_id: str | None = None

    def save_from_prompt(self) -> None:
        self.submit()

    def submit(self) -> None:
        speaker_name = self.speaker.text().strip()
        fields = dict(quote=self.quote.toPlainText(), stated_on=self.stated.text().strip(),
                      kind=self.kind.currentData(), source_id=self.source.currentData(),
                      tags=self.tags.text(), expectation=self.expectation.toPlainText(),
                      check_by=self.check_by.text())

        def task(ws):
            return statements.add_statement(ws, speaker=speaker_name, **fields)

        def done(changes) -> None:
            self.created_id = changes.created
            super(NewStatementDialog, self).accept()

        self.error.hide()
        self.ctx.perform(task, label="New statement", on_done=done, on_error=self._refused)

    def _refused(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def show_failure(parent: QWidget | None, message: str, log_path: str) -> None:
    QMessageBox.critical(parent, "Something went wrong",
                         f"{message}\n\nThis is a bug in Factcheck. Your data is safe: the "
                         f"change was not applied.\nDetails were written to:\n{log_path}")
