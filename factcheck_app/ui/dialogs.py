"""Dialogs: sign in, record a new statement, and the error messages users see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
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
from ..services.workspace import MIN_PASSPHRASE, Identity, Workspace
from .context import UiContext
from .forms import CheckByEdit, LazyChoiceCombo, kind_combo, multiline, speaker_completer
from .unsaved import GuardedDialog
from .widgets import label


class SignInDialog(QDialog):
    """Choose who you act as and prove it with your passphrase; a new name signs up as
    an analyst with the passphrase typed (twice) here."""

    def __init__(self, ws: Workspace, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Sign in — Factcheck")
        self.resize(440, 470)
        self.users = QListWidget()
        self.users.setStyleSheet("QListWidget::item { padding: 7px 6px; }")
        self.users.setAlternatingRowColors(True)
        self.new_name = QLineEdit(placeholderText="…or type a new name to sign up as an analyst")
        self.passphrase = _secret("Passphrase")
        self.repeat = _secret("Repeat the passphrase for the new account")
        self.repeat.hide()
        self.error = label("", "refusal", wrap=True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText("Sign in")
        self.new_name.textChanged.connect(self._signing_up)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.users.itemDoubleClicked.connect(lambda _: self.passphrase.setFocus())
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Who is working in {ws.path.name}?", "heading"))
        layout.addWidget(label("Every change is recorded under this name and signed with "
                               "your key, which your passphrase unlocks.", "muted", wrap=True))
        layout.addWidget(self.users, 1)
        layout.addWidget(self.new_name)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.repeat)
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
        self.passphrase.setFocus()
        self.identity: Identity | None = None

    def _signing_up(self, text: str) -> None:
        new = bool(text.strip())
        self.repeat.setVisible(new)
        self.sign_in_button.setText("Sign up" if new else "Sign in")

    @property
    def chosen(self) -> str | None:
        return self.identity.user.name if self.identity else None

    def accept(self) -> None:
        name = self.new_name.text().strip()
        passphrase = self.passphrase.text()
        try:
            if name:
                if passphrase != self.repeat.text():
                    raise FactcheckError("the two passphrases differ")
                users.register(self.ws, name=name, passphrase=passphrase)
            elif self.users.currentItem():
                self.ws.sign_in(self.users.currentItem().data(Qt.ItemDataRole.UserRole),
                                passphrase)
            else:
                raise FactcheckError("choose a user or type a new name")
            self.identity = self.ws.identity
        except FactcheckError as error:
            self.error.setText(str(error))
            self.error.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        super().accept()


def _secret(placeholder: str) -> QLineEdit:
    edit = QLineEdit(placeholderText=placeholder)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def ask_new_passphrase(parent: QWidget | None, who: str) -> str | None:
    """The passphrase for a new workspace's first admin, typed twice; None if cancelled."""
    first, ok = QInputDialog.getText(parent, "New workspace — Factcheck",
                                     f"Choose a passphrase for {who} (at least "
                                     f"{MIN_PASSPHRASE} characters):", QLineEdit.EchoMode.Password)
    if not ok:
        return None
    again, ok = QInputDialog.getText(parent, "New workspace — Factcheck", "Repeat it:",
                                     QLineEdit.EchoMode.Password)
    if not ok:
        return None
    if again != first:
        raise FactcheckError("the two passphrases differ; no workspace was created")
    return first


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
