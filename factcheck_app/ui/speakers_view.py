"""The speakers list: who said things, how often, and how their checkable words held up."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QMenu, QPushButton,
                               QRadioButton, QStackedWidget, QVBoxLayout, QWidget)

from ..domain.verdicts import DEFAULT_SCALE, VerdictScale
from ..services import speakers as speaker_service
from ..services.workspace import Changes
from .charts import Legend, Segment, StackedBarDelegate, verdict_segments
from .context import UiContext
from .record_dialogs import SpeakerDialog, aliases_text
from .sources_view import list_table, search_box
from .widgets import EmptyState, hbox, label

(COL_NAME, COL_KIND, COL_TITLE, COL_AFFILIATION, COL_COUNTRY, COL_STATEMENTS, COL_RECORD,
 COL_ALIASES) = range(8)
HEADERS = ("Name", "Kind", "Title / role", "Affiliation", "Country", "Statements",
           "Track record", "Aliases")
KIND_LABELS = {"person": "Person", "body": "Body"}
WATCHED_TABLES = frozenset({"speakers", "statements", "verdicts"})

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
SegmentsRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


def track_counts(row: dict) -> dict[str, int]:
    """Verdicts among statements past their check-by; whatever is left is 'unverifiable'."""
    counts = {key: int(row.get(key) or 0) for key in ("held", "partly_held", "broken", "pending")}
    counts["unverifiable"] = max(0, int(row.get("checkable") or 0) - sum(counts.values()))
    return counts


class SpeakerTableModel(QAbstractTableModel):
    """Rows are handed in by the view; the model never queries."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []
        self._segments: list[list[Segment]] = []
        self._scale: VerdictScale = DEFAULT_SCALE

    def set_rows(self, rows: list[dict], scale: VerdictScale | None = None) -> None:
        self.beginResetModel()
        self._scale = scale or self._scale
        self._rows = list(rows)
        self._segments = [verdict_segments(track_counts(r), self._scale) for r in self._rows]
        self.endResetModel()

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, speaker_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == speaker_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_STATEMENTS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_RECORD:
                return "Verdicts on statements whose check-by date has passed"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_RECORD:
                return self._record_text(index.row(), verbose=True)
            return self._display(row, column, index.row()) or None
        if role == SortRole:
            if column == COL_STATEMENTS:
                return int(row.get("statements") or 0)
            if column == COL_RECORD:
                return int(row.get("checkable") or 0)
            return (self._display(row, column, index.row()) or "").lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_STATEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SegmentsRole and column == COL_RECORD:
            return self._segments[index.row()]
        if role == IdRole:
            return row["id"]
        if role == RowRole:
            return row
        return None

    def _display(self, row: dict, column: int, number: int) -> str:
        if column == COL_NAME:
            return row["name"]
        if column == COL_KIND:
            return KIND_LABELS.get(row.get("kind") or "", row.get("kind") or "")
        if column == COL_TITLE:
            return row.get("title") or ""
        if column == COL_AFFILIATION:
            return row.get("affiliation") or ""
        if column == COL_COUNTRY:
            return row.get("country") or ""
        if column == COL_STATEMENTS:
            return str(int(row.get("statements") or 0))
        if column == COL_RECORD:
            return self._record_text(number)
        if column == COL_ALIASES:
            return aliases_text(row.get("aliases"))
        return ""

    def _record_text(self, number: int, verbose: bool = False) -> str:
        parts = [f"{s.value} {s.label.lower()}" for s in self._segments[number] if s.value]
        if not parts:
            return "No statement past its check-by date yet" if verbose else ""
        text = " · ".join(parts)
        return f"Past their check-by date: {text}" if verbose else text


class MergeSpeakersDialog(QDialog):
    """Two speakers that are one: the analyst picks the record to keep."""

    def __init__(self, first: dict, second: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge speakers")
        self._pair = (first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Which record do you keep?", "heading"))
        layout.addWidget(label("The two are the same speaker; the other is folded into it.",
                               "muted"))
        self.group = QButtonGroup(self)
        counts = [int(s.get("statements") or 0) for s in self._pair]
        for index, speaker in enumerate(self._pair):
            button = QRadioButton(f"{speaker['name']}  ({counts[index]} "
                                  f"statement{'s' * (counts[index] != 1)})")
            button.setChecked(index == (0 if counts[0] >= counts[1] else 1))
            self.group.addButton(button, index)
            layout.addWidget(button)
        self.explain = label("", "muted", wrap=True)
        layout.addWidget(self.explain)
        self.group.idToggled.connect(self._explain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._explain()

    def choose(self, keep_id: str) -> None:
        self.group.button(0 if self._pair[0]["id"] == keep_id else 1).setChecked(True)

    def keep(self) -> dict:
        return self._pair[max(0, self.group.checkedId())]

    def gone(self) -> dict:
        return self._pair[1 - max(0, self.group.checkedId())]

    def _explain(self, *_: Any) -> None:
        keep, gone = self.keep(), self.gone()
        self.explain.setText(
            f"The statements of {gone['name']} move to {keep['name']}; “{gone['name']}” and its "
            f"aliases become aliases of {keep['name']}. The merge is recorded in the history "
            "and cannot be undone.")


class SpeakersView(QWidget):
    statements_requested = Signal(str)  # speaker id: show that speaker's statements

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SpeakerTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)
        self._build()
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.search = search_box("Filter by name, alias, title, country…")
        self.search.textChanged.connect(self._filter)
        self.count = label("", "muted")
        self.new_button = QPushButton("New speaker…")
        self.edit_button = QPushButton("Edit…")
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip("Select two speakers who are the same person or body")
        self.show_button = QPushButton("Show statements")
        self.new_button.clicked.connect(self.new_speaker)
        self.edit_button.clicked.connect(self.edit_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.show_button.clicked.connect(self.show_statements)
        self.table = list_table(self.proxy, self.fontMetrics().height())
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(COL_RECORD, StackedBarDelegate(SegmentsRole, self.table))
        self._sized = False
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.refusal = label("", "refusal", wrap=True)
        self.refusal.hide()
        self.empty = EmptyState("No speakers yet",
                                "Add one with “New speaker…”; speakers are also created when "
                                "you record a statement.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        toolbar = hbox(self.search, self.count, None, self.new_button, self.edit_button,
                       self.merge_button, self.show_button, spacing=8)
        toolbar.setStretchFactor(self.search, 2)
        layout.addLayout(toolbar)
        layout.addWidget(self.refusal)
        layout.addWidget(self.stack, 1)
        self.legend = Legend()
        caption = label("Track record:", "muted")
        caption.setToolTip("Verdicts on each speaker's statements whose check-by date has passed")
        legend_row = hbox(caption, self.legend, None)
        legend_row.setSpacing(14)
        layout.addLayout(legend_row)

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_ids()
        self.model.set_rows(speaker_service.list_speakers(self._ctx.ws), self._ctx.ws.scale)
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        self.legend.set_segments(verdict_segments({}, self._ctx.ws.scale))
        if self.model.rowCount() and not self._sized:
            self._size_columns()
        self.select_ids(selected)
        self._update_count()
        self._update_actions()

    def _size_columns(self) -> None:
        """Fit columns to the first rows shown, within bounds, once (the user may resize)."""
        self._sized = True
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        caps = {COL_NAME: 230, COL_TITLE: 200, COL_AFFILIATION: 170, COL_COUNTRY: 90,
                COL_STATEMENTS: 80, COL_RECORD: 140}
        for column, cap in caps.items():
            header.resizeSection(column, min(header.sectionSize(column) + 10, cap))
        header.resizeSection(COL_RECORD, caps[COL_RECORD])

    def _on_changed(self, changes: Changes) -> None:
        if changes.tables & WATCHED_TABLES or changes.statements:
            self.refresh()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "speaker" if total == 1 else "speakers"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    # -- selection -------------------------------------------------------------------
    def selected_rows(self) -> list[dict]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(RowRole) for index in sorted(rows, key=lambda i: i.row())]

    def selected_ids(self) -> list[str]:
        return [row["id"] for row in self.selected_rows()]

    def select_ids(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        for speaker_id in ids:
            row = self.model.row_of(speaker_id)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, flags)
                self.table.scrollTo(index)

    def _update_actions(self, *_: Any) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.show_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count == 2)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        for text, slot, enabled in (("Show statements", self.show_statements,
                                     self.show_button.isEnabled()),
                                    ("Edit…", self.edit_selected, self.edit_button.isEnabled()),
                                    ("Merge into…", self.merge_selected,
                                     self.merge_button.isEnabled()),
                                    ("New speaker…", self.new_speaker, True)):
            action = QAction(text, menu)
            action.setEnabled(enabled)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -- actions ---------------------------------------------------------------------
    def new_speaker(self) -> None:
        self._open_dialog(SpeakerDialog(self._ctx, None, self))

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self._open_dialog(SpeakerDialog(self._ctx, rows[0], self))

    def _open_dialog(self, dialog: SpeakerDialog) -> None:
        self.refusal.hide()
        dialog.saved.connect(lambda speaker_id: self.select_ids([speaker_id]))
        dialog.exec()

    def show_statements(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.statements_requested.emit(ids[0])

    def merge_selected(self) -> None:
        """Ask which of the two selected speakers to keep, then merge the other into it."""
        rows = self.selected_rows()
        if len(rows) != 2:
            return
        dialog = MergeSpeakersDialog(rows[0], rows[1], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.merge(dialog.keep()["id"], dialog.gone()["id"])

    def merge(self, keep_id: str, merge_id: str) -> None:
        self.refusal.hide()
        self._ctx.perform(
            lambda ws: speaker_service.merge_speakers(ws, keep_id=keep_id, merge_id=merge_id),
            label="Merge speakers", on_done=lambda _: self.select_ids([keep_id]),
            on_error=self._refused)

    def _refused(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.show()


def aliases_of(row: dict) -> list[str]:
    """A speaker row's aliases as a list (stored as JSON text)."""
    value = row.get("aliases")
    return json.loads(value or "[]") if isinstance(value, str) else list(value or [])
