"""Right-click on a statement or evidence row: delete it, or retract it once approved.

Deleting asks for confirmation; retracting asks for the reason, which lands in the
history (and, for a statement, its review thread). Neither is undoable from the
Edit menu: a deleted record's history stays, and a retraction's way back is Reopen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QTableView, QWidget

from ..domain.workflow import APPROVED, RETRACTED
from ..services import removal, review, statements
from ..services import evidence as evidence_service
from .context import UiContext
from .readonly import readonly_tip

RETRACT_PROMPT = ("Why is it withdrawn? It stays in the workspace marked retracted, with "
                  "this reason in its history, and is left out of published reports.")


def install(table: QTableView, build: Callable[[str], QMenu],
            id_role: int = Qt.ItemDataRole.UserRole + 1) -> None:
    """Show `build(record id)` on right-click over a row of `table`; the row is selected
    first, so the menu acts on the row the user sees highlighted."""
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def requested(position: QPoint) -> None:
        index = table.indexAt(position)
        if not index.isValid():
            return
        if not table.selectionModel().isRowSelected(index.row(), index.parent()):
            table.selectRow(index.row())
        record_id = index.data(id_role)
        if record_id:
            build(record_id).exec(table.viewport().mapToGlobal(position))

    table.customContextMenuRequested.connect(requested)


def _short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


class RemovalMenu:
    """Builds the Delete / Retract actions for one row and carries them out."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent

    # -- statements ------------------------------------------------------------------
    def statement_menu(self, statement_id: str, extra: tuple[QAction, ...] = ()) -> QMenu:
        row = statements.read_for_edit(self.ctx.ws, statement_id)
        state, what = row["review_state"], f"“{_short(row['quote'])}”"
        menu = self._menu(extra)
        self._add(menu, "Delete statement…", state not in (APPROVED, RETRACTED),
                  "Approved and retracted statements stay on the record: retract instead",
                  lambda: self._delete("statement", what, lambda ws: statements.delete_statement(
                      ws, statement_id=statement_id)))
        self._add(menu, "Retract statement…", state == APPROVED,
                  "Only an approved statement can be retracted",
                  lambda: self._retract("statement", what, lambda ws, reason: review.retract(
                      ws, statement_id=statement_id, reason=reason)))
        return menu

    # -- evidence --------------------------------------------------------------------
    def evidence_menu(self, evidence_id: str, extra: tuple[QAction, ...] = ()) -> QMenu:
        row = evidence_service.get_evidence(self.ctx.ws, evidence_id)
        what = f"“{_short(row.get('title') or row['summary'])}”"
        retracted = bool(row.get("retracted_at"))
        menu = self._menu(extra)
        self._add(menu, "Delete evidence…", True, "",
                  lambda: self._delete("evidence", what, lambda ws: removal.delete_evidence(
                      ws, evidence_id=evidence_id)))
        self._add(menu, "Retract evidence…", not retracted, "This evidence is already retracted",
                  lambda: self._retract("evidence", what, lambda ws, reason:
                                        removal.retract_evidence(ws, evidence_id=evidence_id,
                                                                 reason=reason)))
        return menu

    # -- shared ----------------------------------------------------------------------
    def _menu(self, extra: tuple[QAction, ...]) -> QMenu:
        menu = QMenu(self.parent)
        for action in extra:
            menu.addAction(action)
        if extra:
            menu.addSeparator()
        return menu

    def _add(self, menu: QMenu, text: str, enabled: bool, why_not: str,
             slot: Callable[[], None]) -> QAction:
        readonly = readonly_tip(self.ctx)
        if readonly:
            enabled, why_not = False, readonly
        action = QAction(text, menu)
        action.setEnabled(enabled)
        if not enabled:
            action.setToolTip(why_not)
            action.setStatusTip(why_not)
        action.triggered.connect(slot)
        menu.addAction(action)
        menu.setToolTipsVisible(True)
        return action

    def _delete(self, noun: str, what: str, task: Callable[[Any], Any]) -> None:
        answer = QMessageBox.question(
            self.parent, f"Delete {noun}",
            f"Delete the {noun} {what}?\n\nIt disappears from every list; the history keeps "
            "a record of it and of who deleted it. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.perform(task, label=f"Delete {noun}", on_error=self._refused(noun))

    def _retract(self, noun: str, what: str, task: Callable[[Any, str], Any]) -> None:
        reason, ok = QInputDialog.getMultiLineText(self.parent, f"Retract {noun} {what}",
                                                   RETRACT_PROMPT)
        if ok and reason.strip():
            self.ctx.perform(lambda ws: task(ws, reason.strip()), label=f"Retract {noun}",
                             on_error=self._refused(noun))
        elif ok:
            self._refused(noun)("A retraction needs a reason; nothing was changed.")

    def _refused(self, noun: str) -> Callable[[str], None]:
        return lambda text: QMessageBox.warning(self.parent, f"The {noun} was not changed", text)
