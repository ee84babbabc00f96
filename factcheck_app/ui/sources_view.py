"""The sources list: where statements were published, with their archived copies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, QUrl, Signal)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLineEdit, QMenu, QPushButton,
                               QStackedWidget, QTableView, QVBoxLayout, QWidget)

from ..domain.dates import parse_fuzzy_date
from ..services import sources as source_service
from ..services.workspace import Changes
from .context import UiContext
from .record_dialogs import SourceDialog
from .widgets import EmptyState, hbox, label

(COL_TITLE, COL_OUTLET, COL_PUBLISHED, COL_LANGUAGE, COL_KIND, COL_STATEMENTS,
 COL_ARCHIVED) = range(7)
HEADERS = ("Title", "Outlet", "Published", "Language", "Kind", "Statements", "Archived copy")
WATCHED_TABLES = frozenset({"sources", "statements"})
SHA_SHOWN = 12  # hex digits shown in the table; the tooltip has all 64

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def date_label(value: str | None) -> str:
    """'10 January 2023', 'January 2023' or '2023' for what is stored; raw text if odd."""
    if not value:
        return ""
    try:
        return parse_fuzzy_date(value).label()
    except Exception:  # noqa: BLE001 - show what is stored rather than nothing
        return value


def list_table(model, font_height: int) -> QTableView:
    """The read-only, row-selecting table look shared by the speaker/source/evidence lists."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(font_height + 14)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def search_box(placeholder: str) -> QLineEdit:
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setMinimumWidth(180)
    box.setMaximumWidth(420)
    return box


class SourceTableModel(QAbstractTableModel):
    """Rows are handed in by the view; the model never queries."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, source_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == source_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_STATEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ARCHIVED and row.get("file_sha256"):
                return f"{row.get('file_name') or 'file'}\nSHA-256 {row['file_sha256']}"
            if column == COL_TITLE and row.get("url"):
                return f"{row['title']}\n{row['url']}"
            return self._display(row, column) or None
        if role == SortRole:
            if column == COL_STATEMENTS:
                return int(row.get("statements") or 0)
            if column == COL_PUBLISHED:
                return row.get("published_on") or ""
            return (self._display(row, column) or "").lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_STATEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return row["id"]
        if role == RowRole:
            return row
        return None

    @staticmethod
    def _display(row: dict, column: int) -> str:
        if column == COL_TITLE:
            return row["title"]
        if column == COL_OUTLET:
            return row.get("outlet") or ""
        if column == COL_PUBLISHED:
            return date_label(row.get("published_on"))
        if column == COL_LANGUAGE:
            return row.get("language") or ""
        if column == COL_KIND:
            return (row.get("kind") or "").capitalize()
        if column == COL_STATEMENTS:
            return str(int(row.get("statements") or 0))
        if column == COL_ARCHIVED:
            sha = row.get("file_sha256")
            return f"{row.get('file_name') or 'file'} · {sha[:SHA_SHOWN]}…" if sha else ""
        return ""


class SourcesView(QWidget):
    statements_requested = Signal(str)  # source id: show the statements quoted from it

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = SourceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)
        self._sized = False
        self._build()
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.search = search_box("Filter by title, outlet, language…")
        self.search.textChanged.connect(self._filter)
        self.count = label("", "muted")
        self.new_button = QPushButton("New source…")
        self.edit_button = QPushButton("Edit…")
        self.open_button = QPushButton("Open URL")
        self.show_button = QPushButton("Show statements")
        self.new_button.clicked.connect(self.new_source)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button.clicked.connect(self.open_url)
        self.show_button.clicked.connect(self.show_statements)
        self.table = list_table(self.proxy, self.fontMetrics().height())
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_PUBLISHED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.empty = EmptyState("No sources yet",
                                "Add the article, transcript or video a statement was quoted "
                                "from with “New source…”.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        toolbar = hbox(self.search, self.count, None, self.new_button, self.edit_button,
                       self.open_button, self.show_button, spacing=8)
        toolbar.setStretchFactor(self.search, 2)
        layout.addLayout(toolbar)
        layout.addWidget(self.stack, 1)

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(source_service.list_sources(self._ctx.ws))
        self.stack.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        if self.model.rowCount() and not self._sized:
            self._size_columns()
        if selected:
            self.select_id(selected)
        self._update_count()
        self._update_actions()

    def _size_columns(self) -> None:
        self._sized = True
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        caps = {COL_TITLE: 320, COL_OUTLET: 200, COL_PUBLISHED: 140, COL_LANGUAGE: 90,
                COL_KIND: 100, COL_STATEMENTS: 90}
        for column, cap in caps.items():
            header.resizeSection(column, min(header.sectionSize(column) + 12, cap))

    def _on_changed(self, changes: Changes) -> None:
        if changes.tables & WATCHED_TABLES:
            self.refresh()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "source" if total == 1 else "sources"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    # -- selection -------------------------------------------------------------------
    def selected_row(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row["id"] if row else None

    def select_id(self, source_id: str) -> None:
        row = self.model.row_of(source_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _update_actions(self, *_: Any) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.show_button.setEnabled(row is not None)
        self.open_button.setEnabled(bool(row and row.get("url")))
        self.open_button.setToolTip(row["url"] if row and row.get("url") else
                                    "The selected source has no URL")

    def _menu(self, position) -> None:
        menu = QMenu(self)
        for text, slot, button in (("Show statements", self.show_statements, self.show_button),
                                   ("Open URL", self.open_url, self.open_button),
                                   ("Edit…", self.edit_selected, self.edit_button),
                                   ("New source…", self.new_source, self.new_button)):
            action = QAction(text, menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -- actions ---------------------------------------------------------------------
    def new_source(self) -> None:
        self._open_dialog(SourceDialog(self._ctx, None, self))

    def edit_selected(self) -> None:
        source_id = self.selected_id()
        if source_id:
            self._open_dialog(SourceDialog(self._ctx, source_id, self))

    def _open_dialog(self, dialog: SourceDialog) -> None:
        dialog.saved.connect(self.select_id)
        dialog.exec()

    def open_url(self) -> None:
        row = self.selected_row()
        if row and row.get("url"):
            QDesktopServices.openUrl(QUrl(row["url"]))

    def show_statements(self) -> None:
        source_id = self.selected_id()
        if source_id:
            self.statements_requested.emit(source_id)
