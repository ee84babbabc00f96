"""The rows behind the speaker, source and evidence lists: a table model over plain dicts
that sorts and filters itself, and the proxy that hands it the clicks and keystrokes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..domain.dates import parse_fuzzy_date

IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3

RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_Index = QModelIndex | QPersistentModelIndex
CellText = Callable[[dict], str]  # a row's text in one column


def field_text(name: str) -> CellText:
    """A column showing a row's field as stored, blank where it has none."""
    return lambda row: row.get(name) or ""


def count_text(name: str) -> CellText:
    """A column showing a count, 0 where the row has none (numbers sort as numbers)."""
    return lambda row: str(int(row.get(name) or 0))


def date_label(value: str | None) -> str:
    """'10 January 2023', 'January 2023' or '2023' for what is stored; raw text if odd."""
    if not value:
        return ""
    try:
        return parse_fuzzy_date(value).label()
    except Exception:  # noqa: BLE001 - show what is stored rather than nothing
        return value


class RowTableModel(QAbstractTableModel):
    """Rows (dicts with an "id") are handed in by the view; the model never queries.

    Subclasses give the headers and each column's text (`cells`); where they want more, they
    override the tooltip (`_tool_tip`), sort key (`_sort_key`) or other roles (`_role_data`).
    """

    def __init__(self, headers: tuple[str, ...], cells: Mapping[int, CellText],
                 number_columns: Iterable[int] = (), header_tips: Mapping[int, str] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._cells = dict(cells)
        self._number_columns = frozenset(number_columns)
        self._header_tips = dict(header_tips or {})
        self._rows: list[dict] = []
        self._order: tuple[int, Qt.SortOrder] | None = None  # kept across set_rows
        self._haystacks: list[str] | None = None  # each row's text, for the filter

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._haystacks = None
        self._rows_set()
        if self._order is not None:
            self._sort_rows(*self._order)
        self.endResetModel()

    # Sorting and filtering happen here, in Python over plain lists, once per click or
    # keystroke: a Qt proxy would call back into Python for every comparison instead.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()]["id"] for i in persistent]
        self._sort_rows(column, order)
        self._haystacks = None
        where = {row["id"]: n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(where[record_id], i.column())
                         for record_id, i in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        keys = [self._sort_key(row, column, n) for n, row in enumerate(self._rows)]
        # numbers before text, so a column mixing the two still sorts
        ranked = sorted(range(len(keys)), key=lambda n: (isinstance(keys[n], str), keys[n]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [self._rows[n] for n in ranked]

    def matches(self, row: int, needle: str) -> bool:
        """Whether any column of the row shows `needle` (lower case)."""
        if self._haystacks is None:
            columns = range(len(self._headers))
            self._haystacks = ["\n".join(self._display(r, c, n) or "" for c in columns).lower()
                               for n, r in enumerate(self._rows)]
        return needle in self._haystacks[row]

    def _rows_set(self) -> None:
        """Derive per-row data here: it runs inside the reset, so views never see it lag."""

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._number_columns:
            return RIGHT_ALIGNED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, column = index.row(), index.column()
        row = self._rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, number)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tool_tip(row, column, number)
        if role == SortRole:
            return self._sort_key(row, column, number)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._number_columns:
            return RIGHT_ALIGNED
        if role == IdRole:
            return row["id"]
        if role == RowRole:
            return row
        return self._role_data(role, row, column, number)

    def _display(self, row: dict, column: int, number: int) -> str:
        cell = self._cells.get(column)
        return cell(row) if cell else ""

    def _tool_tip(self, row: dict, column: int, number: int) -> str | None:
        """The cell's text by default, since columns are often too narrow to show it all."""
        return self._display(row, column, number) or None

    def _sort_key(self, row: dict, column: int, number: int) -> Any:
        """Numbers by value, other text case-blind; columns such as dates override this."""
        text = self._display(row, column, number) or ""
        return int(text) if column in self._number_columns and text.isdigit() else text.lower()

    def _role_data(self, role: int, row: dict, column: int, number: int) -> Any:
        return None


class RowFilterProxy(QSortFilterProxyModel):
    """Filters a RowTableModel by a search text and hands sorting to the model itself."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_needle(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._needle = text.strip().lower()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = text.strip().lower()
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        return not self._needle or self.sourceModel().matches(source_row, self._needle)
