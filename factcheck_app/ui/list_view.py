"""What the speaker, source and evidence lists share: the list's frame (rows: row_model.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.workspace import Changes
from .context import UiContext
from .readonly import lock, readonly_tip
from .record_dialogs import RecordDialog
from .row_model import (  # noqa: F401  (the lists import these from here)
    IdRole,
    RowFilterProxy,
    RowRole,
    RowTableModel,
    count_text,
    date_label,
    field_text,
)
from .widgets import EmptyState, SearchKeys, hbox, label

# Columns are fitted to this many rows (the visible ones first), not to thousands.
FIT_SAMPLE_ROWS = 100


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
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    return table


def search_box(placeholder: str) -> QLineEdit:
    """A filter box that neither vanishes in a narrow window nor swallows a wide toolbar."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setMinimumWidth(180)
    box.setMaximumWidth(420)
    return box


class ListView(QWidget):
    """A searchable list of records: toolbar, then a table that gives way to an empty state.

    The base builds the search box, count, New and Edit buttons and the table stack;
    subclasses add their buttons with `_button`, place it all with `_lay_out` (and maybe
    `_context_menu`), then call `_start`. With `sort_by` (column, order) the search filters a
    sorting proxy client-side; without, the subclass runs the search (say, in the database).
    """

    nouns = ("item", "items")  # for the count: one, many
    watched_tables: frozenset[str] = frozenset()
    # New opens it on None, Edit on `_edit_target()`: (ctx, record or None, parent)
    record_dialog: Callable[[UiContext, Any, QWidget], RecordDialog]

    def __init__(self, ctx: UiContext, model_type: Callable[[QObject], RowTableModel],
                 parent: QWidget | None = None, *, search: str, empty: tuple[str, str],
                 new: str, sort_by: tuple[int, Qt.SortOrder] | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = model_type(self)
        self.proxy: RowFilterProxy | None = None
        if sort_by is not None:
            self.proxy = RowFilterProxy(self)
            self.proxy.setSourceModel(self.model)
        self._sized = False
        self._slots: dict[int, Callable[[], None]] = {}  # by id(button), for the menu
        self._menu_buttons: tuple[QPushButton, ...] = ()
        self._build_list(search, empty, new, sort_by)

    def _start(self) -> None:
        """Follow workspace changes and show the first rows, once the subclass is built."""
        self._ctx.changed.connect(self._on_changed)
        self.refresh()

    # -- building --------------------------------------------------------------------
    def _build_list(self, placeholder: str, empty: tuple[str, str], new: str,
                    sort_by: tuple[int, Qt.SortOrder] | None) -> None:
        self.search = search_box(placeholder)
        self.search.textChanged.connect(self._search_changed)
        self.count = label("", "muted")
        self.table = list_table(self.proxy or self.model, self.fontMetrics().height())
        if sort_by is not None:
            self.table.setSortingEnabled(True)
            self.table.sortByColumn(*sort_by)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        SearchKeys(self.search, self.table, before_leaving=self._search_now)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refusal = label("", "refusal", wrap=True)
        self.refusal.hide()
        self.empty = EmptyState(*empty)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.new_button = self._button(new, self._new_record)
        self.edit_button = self._button("Edit…", self.edit_selected)
        lock(self._ctx, self.new_button)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        """A toolbar button whose slot the context menu can offer too."""
        button = QPushButton(text)
        button.clicked.connect(slot)
        self._slots[id(button)] = slot
        return button

    def _lay_out(self, buttons: Iterable[QPushButton], above: Iterable[QWidget] = (),
                 body: QWidget | None = None) -> QVBoxLayout:
        """Toolbar (New, Edit, then `buttons`), notices (`above`, then the refusal), and the
        table stack or `body` under them."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        toolbar = hbox(self.search, self.count, None, self.new_button, self.edit_button,
                       *buttons, spacing=8)
        toolbar.setStretchFactor(self.search, 2)
        layout.addLayout(toolbar)
        for widget in (*above, self.refusal):
            layout.addWidget(widget)
        layout.addWidget(body or self.stack, 1)
        return layout

    def _context_menu(self, *buttons: QPushButton) -> None:
        """Offer these buttons on right-click, in this order (most wanted first)."""
        self._menu_buttons = buttons
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        for button in self._menu_buttons:
            action = QAction(button.text(), menu)
            action.setEnabled(button.isEnabled())
            action.setToolTip(button.toolTip())
            action.triggered.connect(self._slots[id(button)])
            menu.addAction(action)
        menu.setToolTipsVisible(True)  # a turned-off action says why
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        raise NotImplementedError

    def _rows_shown(self) -> int:
        """After new rows: the table or the empty state, columns fitted the first time; how many."""
        rows = self.model.rowCount()
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if rows and not self._sized:
            self._sized = True
            self._size_columns()
        return rows

    def _size_columns(self) -> None:
        """Fit columns to the first rows shown, once: after that the user's widths stand."""
        self.table.resizeColumnsToContents()

    def _fit_columns(self, caps: Mapping[int, int], padding: int) -> None:
        """Fit columns to their contents plus padding, within a cap each."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, cap in caps.items():
            header.resizeSection(column, min(header.sectionSize(column) + padding, cap))

    def _on_changed(self, changes: Changes) -> None:
        if self._affected_by(changes):
            self.refresh()

    def _affected_by(self, changes: Changes) -> bool:
        return bool(changes.tables & self.watched_tables)

    def _search_changed(self, text: str) -> None:
        if self.proxy is not None:
            self.proxy.set_needle(text)
            self._update_count()

    def _search_now(self) -> None:
        """Enter or Down in the search: the results must match the text typed, so a search
        still waiting for a pause in typing runs now (a subclass that waits says how)."""

    def _update_count(self) -> None:
        shown, total = self.table.model().rowCount(), self.model.rowCount()
        noun = self.nouns[0] if total == 1 else self.nouns[1]
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    # -- selection -------------------------------------------------------------------
    def selected_rows(self) -> list[dict]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(RowRole) for index in sorted(rows, key=lambda i: i.row())]

    def selected_ids(self) -> list[str]:
        return [row["id"] for row in self.selected_rows()]

    def selected_row(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row["id"] if row else None

    def table_index(self, record_id: str) -> QModelIndex:
        """Where a record shows in the table (through the proxy), invalid if it does not."""
        row = self.model.row_of(record_id)
        if row is None:
            return QModelIndex()
        index = self.model.index(row, 0)
        return self.proxy.mapFromSource(index) if self.proxy is not None else index

    def select_id(self, record_id: str) -> None:
        index = self.table_index(record_id)
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _selection_changed(self, *_: Any) -> None:
        """Enable what applies to the selection; subclasses say what."""

    # -- actions ---------------------------------------------------------------------
    def _new_record(self) -> None:
        self._open_dialog(None)

    def edit_selected(self) -> None:
        target = self._edit_target()
        if target:
            self._open_dialog(target)

    def _edit_target(self) -> Any:
        """What the record dialog edits: the selected record's id, unless overridden."""
        return self.selected_id()

    def _open_dialog(self, record: Any) -> None:
        why = readonly_tip(self._ctx)
        if why:  # a double-click, with the buttons off
            self._refused(why + ".")
            return
        self.refusal.hide()
        dialog = self.record_dialog(self._ctx, record, self)
        dialog.saved.connect(self._select_saved)
        dialog.exec()

    def _select_saved(self, record_id: str) -> None:
        """Select what a dialog just saved, so the analyst sees where it landed."""
        self.select_id(record_id)

    def _refused(self, text: str) -> None:
        self.refusal.setText(text)
        self.refusal.show()
