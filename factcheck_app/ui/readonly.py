"""A workspace open read-only: every control that would change it is off, and says why.

The services refuse a write on a read-only workspace anyway; turning the controls off
up front spares the analyst from finding out one refusal at a time. A workspace is
read-only for as long as it is open (the window is rebuilt when another is opened), so
a control once locked stays locked.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from .context import UiContext

Control = QWidget | QAction


def readonly_tip(ctx: UiContext) -> str | None:
    """What a turned-off control says on hover; None when the workspace can be written."""
    reason = ctx.ws.readonly_reason
    return f"This workspace is open read-only: {reason}" if reason else None


def allow(ctx: UiContext, control: Control, enabled: bool, tip: str | None = None) -> None:
    """Enable a writing control when `enabled` and the workspace can be written.

    `tip` is its tooltip otherwise (None leaves the tooltip as it is); on a read-only
    workspace the tooltip gives the reason instead."""
    why = readonly_tip(ctx)
    control.setEnabled(enabled and why is None)
    shown = why or tip
    if shown is not None:
        control.setToolTip(shown)
        if isinstance(control, QAction):
            control.setStatusTip(shown)


def lock(ctx: UiContext, *controls: Control) -> None:
    """Turn writing controls off for good when the workspace is read-only."""
    if readonly_tip(ctx):
        for control in controls:
            allow(ctx, control, False)


def freeze_inputs(ctx: UiContext, root: QWidget) -> None:
    """On a read-only workspace, the fields under `root` show their values but take no
    edits: text stays selectable (to copy a quote), choices and buttons are off."""
    why = readonly_tip(ctx)
    if why is None:
        return
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            if not widget.isReadOnly():  # a text browser already is, and needs no tip
                widget.setReadOnly(True)
                widget.setToolTip(why)
                widget.setPlaceholderText("")  # a placeholder invites typing
        elif isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractButton)):
            allow(ctx, widget, False)
