"""Nothing typed is lost silently: the Save / Discard / Cancel prompt, the warning before
an edit withdraws an approval, and dialogs that ask before Escape throws edits away."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
SAVE_KEYS = ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter")
_Button = QMessageBox.StandardButton


def ask_unsaved(parent: QWidget | None, what: str, *, detail: str = "",
                can_cancel: bool = True) -> str:
    """Ask what to do with unsaved edits to `what`: SAVE, DISCARD or CANCEL.

    Without `can_cancel` (the statement has already left the list) only Save and Discard
    are offered, and Escape does nothing rather than guess.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save your changes to {what}?")
    box.setInformativeText(detail or "If you don’t save, your changes will be lost.")
    buttons = _Button.Save | _Button.Discard | (_Button.Cancel if can_cancel else _Button.NoButton)
    box.setStandardButtons(buttons)
    box.button(_Button.Discard).setText("Discard changes")
    box.setDefaultButton(_Button.Save)
    if can_cancel:
        box.setEscapeButton(_Button.Cancel)
    box.exec()
    clicked = box.standardButton(box.clickedButton()) if box.clickedButton() else _Button.Cancel
    if clicked == _Button.Save:
        return SAVE
    if clicked == _Button.Discard:
        return DISCARD
    return CANCEL


def revoke_note(approved_by: str | None) -> str:
    """What saving does to an approved statement, in the words the prompts use."""
    who = f"{approved_by}’s approval" if approved_by else "the approval"
    return (f"This statement is approved. Saving a change to it withdraws {who}: it goes "
            "back to draft and needs a reviewer’s approval again.")


def confirm_revoke(parent: QWidget | None, approved_by: str | None) -> bool:
    """Ask before an edit sends an approved statement back to draft; Cancel changes nothing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Withdraw the approval?")
    box.setText("Saving this change withdraws the approval.")
    box.setInformativeText(revoke_note(approved_by))
    go = box.addButton("Save and withdraw approval", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_Button.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go


def form_state(root: QWidget) -> tuple:
    """Everything a user can type or choose in `root`, to tell whether anything changed."""
    state = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
            state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentData() if widget.currentData() is not None
                         else widget.currentText())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QCheckBox):
            state.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            state.append(widget.count())
    return tuple(state)


class GuardedDialog(QDialog):
    """A form dialog that asks before Escape, Cancel or the close button drop its edits.

    What it held when first shown counts as unchanged; `save_from_prompt` is what Save
    does (by default the dialog's accept, which stays open when the input is refused).
    """

    unsaved_what = "this form"
    _clean: tuple | None = None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._clean is None:
            self._clean = form_state(self)
        super().showEvent(event)

    def has_changes(self) -> bool:
        return self._clean is not None and form_state(self) != self._clean

    def save_from_prompt(self) -> None:
        self.accept()

    def add_save_keys(self, slot) -> None:
        """Ctrl+S and Ctrl+Enter save from anywhere in the dialog, multi-line fields too."""
        for keys in SAVE_KEYS:
            QShortcut(QKeySequence(keys), self, slot)

    def reject(self) -> None:
        if self.has_changes():
            choice = ask_unsaved(self, self.unsaved_what)
            if choice == CANCEL:
                return
            if choice == SAVE:
                self.save_from_prompt()
                return
        super().reject()

