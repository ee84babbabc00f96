"""The statements view: search as you type, filters, a sortable virtual table."""

from __future__ import annotations

from calendar import monthrange

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import InvalidInput
from ..domain.filters import StatementFilter
from ..domain.records import KIND_LABELS, KINDS
from ..domain.workflow import STATE_LABELS as REVIEW_LABELS
from ..services import queries, speakers
from .column_fit import ColumnFit
from .context import UiContext
from .statement_model import (
    BADGE_COLUMNS,
    COL_CHECK_BY,
    COL_KIND,
    COL_QUOTE,
    COL_REVIEW,
    COL_SPEAKER,
    COL_STATED,
    COL_VERDICT,
    BadgeColourRole,
    IdRole,
    StatementTableModel,
)
from .removal_menu import RemovalMenu
from .removal_menu import install as install_row_menu
from .widgets import EmptyState, SearchKeys, label, paint_badge

# The short columns' (least, preferred) widths; ColumnFit shrinks them towards the least
# when the table is narrow. The least holds a date badge or a "Pending" one whole, and
# a short name (a long one is ellipsised; the detail pane shows it in full).
COLUMN_WIDTHS = {COL_SPEAKER: (96, 124), COL_STATED: (80, 106), COL_KIND: (70, 90),
                 COL_CHECK_BY: (86, 92), COL_VERDICT: (74, 92), COL_REVIEW: (74, 104)}

# Debounce keystrokes a little: one query per pause, not per letter.
SEARCH_DELAY_MS = 60


class BadgeDelegate(QStyledItemDelegate):
    """Paints verdict, review and due columns as coloured pills."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        colour = index.data(BadgeColourRole)
        if index.column() not in BADGE_COLUMNS or not colour:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        paint_badge(painter, option.rect, text, colour)


class StatementsView(QWidget):
    statement_selected = Signal(object)  # str id or None
    rows_changed = Signal()  # the rows are reloaded: a new filter, or a change to the data
    selection_changed = Signal(list)
    count_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._base = StatementFilter()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)

        self.title = label("All statements", "heading")
        self.count_label = label("", "muted")
        self.search = QLineEdit(placeholderText="Search quotes, expectations, speakers…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda: self._timer.start())
        self.speaker_box = self._combo("Any speaker")
        self.verdict_box = self._combo("Any verdict")
        self.review_box = self._combo("Any review state")
        self.kind_box = self._combo("Any kind")
        self.tag_box = self._combo("Any tag")
        self.stated_from = self._date_edit("Stated from")
        self.stated_to = self._date_edit("Stated to")
        self.check_from = self._date_edit("Check-by from")
        self.check_to = self._date_edit("Check-by to")
        self.filter_error = label("", "refusal")
        self.filter_error.hide()
        self.more = QToolButton(text="Dates ▾", checkable=True)
        self.more.toggled.connect(self._toggle_dates)
        self.clear = QToolButton(text="Clear filters")
        self.clear.clicked.connect(self.clear_filters)

        self.model = StatementTableModel(self._count, self._page, ctx.ws.scale, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Point the indicator at the model's own order first, so enabling sorting
        # does not re-query; the view's scope (set_base_filter) loads the rows once.
        self.table.horizontalHeader().setSortIndicator(COL_STATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(56)
        self.table.setColumnHidden(COL_KIND, True)
        # The short columns give way when the table is narrow, so the quote stays
        # readable; badges that do not fit are cut with an ellipsis (tooltip in full).
        self.columns = ColumnFit(self.table, COLUMN_WIDTHS)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection)
        self.removal = RemovalMenu(ctx, self)  # right-click: delete or retract the row
        install_row_menu(self.table, self.removal.statement_menu, IdRole)
        SearchKeys(self.search, self.table, before_leaving=self._search_now)
        self.empty = EmptyState("No statements match",
                                "Change the search or clear the filters — or add a statement "
                                "with File → New statement (Ctrl+N).")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.model.count_changed.connect(self._count_changed)
        self._count_changed(self.model.rowCount())

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.count_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.more)
        top.addWidget(self.clear)
        filters = QHBoxLayout()
        for widget in (self.speaker_box, self.verdict_box, self.review_box, self.kind_box,
                       self.tag_box):
            filters.addWidget(widget, 1)
        self.dates_row = QWidget()
        dates = QHBoxLayout(self.dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        for widget in (self.stated_from, self.stated_to, self.check_from, self.check_to):
            dates.addWidget(widget)
        dates.addStretch(1)
        self.dates_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.dates_row)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.stack, 1)
        self.populate_filters()
        ctx.changed.connect(self._on_changed)

    # -- reading -----------------------------------------------------------------
    def _count(self, f: StatementFilter) -> int:
        return queries.count_statements(self.ctx.ws, f)

    def _page(self, f: StatementFilter, offset: int, limit: int) -> list[dict]:
        return queries.statement_page(self.ctx.ws, f, offset=offset, limit=limit)

    def _combo(self, placeholder: str) -> QComboBox:
        box = QComboBox()
        box.addItem(placeholder, None)
        # As wide as a short name, not the longest one: the row must fit a laptop screen.
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(7)
        box.setToolTip(placeholder)
        box.currentIndexChanged.connect(lambda: self._timer.start())
        return box

    def _date_edit(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(placeholderText=placeholder)
        edit.setToolTip("YYYY-MM-DD, YYYY-MM or YYYY")
        edit.setMaximumWidth(130)
        edit.textChanged.connect(lambda: self._timer.start())
        return edit

    def populate_filters(self) -> None:
        """Fill the filter menus from the workspace, keeping current choices."""
        ws = self.ctx.ws
        self._fill(self.speaker_box, speakers.speaker_choices(ws))
        self._fill(self.verdict_box, [(lv.label, lv.key) for lv in ws.scale.levels])
        self._fill(self.review_box, [(text, key) for key, text in REVIEW_LABELS.items()])
        self._fill(self.kind_box, [(KIND_LABELS[k], k) for k in KINDS])
        self._fill(self.tag_box, [(t, t) for t in queries.all_tags(ws)])

    @staticmethod
    def _fill(box: QComboBox, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, data in items:
            box.addItem(text, data)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    # -- filtering -----------------------------------------------------------------
    def set_base_filter(self, base: StatementFilter, title: str) -> None:
        """The view's own scope (all, due, my queue); user filters narrow it."""
        self._base = base
        self.title.setText(title)
        self.apply_filters()

    def current_filter(self) -> StatementFilter:
        f = self._base.with_(text=self.search.text(), sort=self.model.filter.sort,
                             descending=self.model.filter.descending)
        for box, field in ((self.speaker_box, "speaker_ids"), (self.verdict_box, "verdicts"),
                           (self.review_box, "review_states"), (self.kind_box, "kinds"),
                           (self.tag_box, "tags")):
            if box.currentData() is not None:
                f = f.with_(**{field: (box.currentData(),)})
        for edit, field in ((self.stated_from, "stated_from"), (self.stated_to, "stated_to"),
                            (self.check_from, "check_by_from"), (self.check_to, "check_by_to")):
            text = edit.text().strip()
            if text:
                fuzzy = parse_fuzzy_date(text)
                f = f.with_(**{field: fuzzy.first_day.isoformat() if field.endswith("from")
                               else _last_day(fuzzy)})
        return f

    def apply_filters(self) -> None:
        try:
            f = self.current_filter()
        except InvalidInput as error:
            self.filter_error.setText(str(error))
            self.filter_error.show()
            return
        self.filter_error.hide()
        selected = self.selected_ids()
        self.model.set_filter(f)
        self._restore_selection(selected)
        self.rows_changed.emit()

    def _search_now(self) -> None:
        """Leaving the search for the results: run a search still waiting for a pause."""
        if self._timer.isActive():
            self._timer.stop()
            self.apply_filters()

    def clear_filters(self) -> None:
        for box in (self.speaker_box, self.verdict_box, self.review_box, self.kind_box, self.tag_box):
            box.setCurrentIndex(0)
        for edit in (self.stated_from, self.stated_to, self.check_from, self.check_to, self.search):
            edit.clear()
        self.apply_filters()

    def filter_by_speaker(self, speaker_id: str) -> None:
        index = self.speaker_box.findData(speaker_id)
        if index < 0:
            self.populate_filters()
            index = self.speaker_box.findData(speaker_id)
        self.speaker_box.setCurrentIndex(max(index, 0))
        self.apply_filters()

    def _column_menu(self, pos) -> None:
        """Right-click on the header: choose which columns to show."""
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.columns.fit()

    def _toggle_dates(self, shown: bool) -> None:
        self.dates_row.setVisible(shown)
        self.more.setText("Dates ▴" if shown else "Dates ▾")

    # -- selection ---------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.index(row, 0).data(IdRole) for row in rows]

    def select_id(self, statement_id: str) -> None:
        row = self.model.row_of(statement_id)
        if row is None:
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def contains(self, statement_id: str) -> bool:
        """Is the statement among the rows shown (on any page, loaded or not)?"""
        f = self.model.filter.with_(ids=(statement_id,))
        return queries.count_statements(self.ctx.ws, f) > 0

    def first_id(self) -> str | None:
        return self.model.index(0, 0).data(IdRole) if self.model.rowCount() else None

    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def _restore_selection(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        for statement_id in ids:
            row = self.model.row_of(statement_id)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        # A statement that left the view (approved out of the review queue, filtered
        # away) leaves the detail pane too: see MainWindow._follow_list.

    def _selection(self) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(ids)
        self.statement_selected.emit(ids[0] if len(ids) == 1 else (ids[0] if ids else None))

    def _count_changed(self, count: int) -> None:
        self.count_label.setText(f"{count:,} statement{'s' if count != 1 else ''}")
        self.stack.setCurrentWidget(self.table if count else self.empty)
        self.count_changed.emit(count)

    def _on_changed(self, changes) -> None:
        if changes.tables & {"speakers", "statements"}:
            self.populate_filters()
        if changes.tables & {"statements", "links", "verdicts", "speakers"}:
            selected = self.selected_ids()
            if changes.created and "statements" in changes.tables and changes.created in changes.statements:
                self.model.reload()
                self.select_id(changes.created)
            else:
                self.model.refresh_rows()
                if self.model.rowCount() and selected and not self.selected_ids():
                    self._restore_selection(selected)
            self.rows_changed.emit()


def _last_day(fuzzy) -> str:
    """The last day a fuzzy date can mean, for inclusive upper bounds."""
    day = fuzzy.first_day
    if fuzzy.precision == "year":
        return f"{day.year}-12-31"
    if fuzzy.precision == "month":
        return f"{day.year}-{day.month:02d}-{monthrange(day.year, day.month)[1]:02d}"
    return day.isoformat()
