"""The statements table model: a total count plus pages fetched on demand.

It stays instant at 100,000 rows because it never holds more than the pages the
view has shown: rowCount comes from one COUNT, rows arrive a page at a time from
the `fetch_page` callable (filtering and sorting are done in SQL by services).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..domain.dates import parse_fuzzy_date
from ..domain.filters import StatementFilter
from ..domain.records import KIND_LABELS
from ..domain.states import STATE_LABELS
from ..domain.verdicts import VerdictScale
from ..domain.workflow import STATE_LABELS as REVIEW_LABELS
from .theme import DUE_COLOURS, REVIEW_COLOURS

COL_QUOTE, COL_SPEAKER, COL_STATED, COL_KIND, COL_CHECK_BY, COL_VERDICT, COL_REVIEW = range(7)
HEADERS = ("Statement", "Speaker", "Stated", "Kind", "Check by", "Verdict", "Review")
SORT_KEYS = {COL_QUOTE: "quote", COL_SPEAKER: "speaker", COL_STATED: "stated",
             COL_KIND: "kind", COL_CHECK_BY: "check_by", COL_VERDICT: "verdict",
             COL_REVIEW: "review_state"}
# The check-by column is a badge coloured by its derived state (due, overdue, …).
BADGE_COLUMNS = (COL_CHECK_BY, COL_VERDICT, COL_REVIEW)
SHORT_KINDS = {**KIND_LABELS, "assertion": "Assertion"}

IdRole = Qt.ItemDataRole.UserRole + 1
BadgeColourRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3

PAGE = 200

_Index = QModelIndex | QPersistentModelIndex


class StatementTableModel(QAbstractTableModel):
    count_changed = Signal(int)

    def __init__(self, fetch_count: Callable[[StatementFilter], int],
                 fetch_page: Callable[[StatementFilter, int, int], list[dict]],
                 scale: VerdictScale, parent=None) -> None:
        super().__init__(parent)
        self._fetch_count = fetch_count
        self._fetch_page = fetch_page
        self._scale = scale
        self._filter = StatementFilter()
        self._count = 0
        self._pages: dict[int, list[dict]] = {}

    # -- what to show ------------------------------------------------------------
    @property
    def filter(self) -> StatementFilter:
        return self._filter

    def set_filter(self, f: StatementFilter) -> None:
        self._filter = f
        self.reload()

    def set_scale(self, scale: VerdictScale) -> None:
        self._scale = scale

    def reload(self) -> None:
        """Re-count and drop cached pages; rows are fetched again as they are painted."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._fetch_count(self._filter)
        self.endResetModel()
        self.count_changed.emit(self._count)

    def refresh_rows(self) -> None:
        """Same rows, new values (after an edit): re-fetch visible pages in place."""
        count = self._fetch_count(self._filter)
        if count != self._count:
            self.reload()
            return
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(HEADERS) - 1))

    def row_dict(self, row: int) -> dict | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE
        if page not in self._pages:
            self._pages[page] = self._fetch_page(self._filter, page * PAGE, PAGE)
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def row_of(self, statement_id: str) -> int | None:
        """The row of an id among the pages already loaded (selection restore)."""
        for page, rows in self._pages.items():
            for i, item in enumerate(rows):
                if item["id"] == statement_id:
                    return page * PAGE + i
        return None

    # -- Qt model API ------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.row_dict(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_QUOTE:
                return item["quote"]
            if column == COL_CHECK_BY:
                state = STATE_LABELS.get(item.get("state", ""), "")
                phrase = item.get("check_by_phrase")
                return f"{state}" + (f" — from “{phrase}”" if phrase else "")
            return self._display(item, column)
        if role == BadgeColourRole:
            return self._badge_colour(item, column)
        if role == IdRole:
            return item["id"]
        if role == RowRole:
            return item
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column, "stated")
        descending = order == Qt.SortOrder.DescendingOrder
        if self._filter.sort != key or self._filter.descending != descending:
            self.set_filter(self._filter.with_(sort=key, descending=descending))

    # -- cell values ---------------------------------------------------------------
    def _display(self, item: dict, column: int) -> str:
        if column == COL_QUOTE:
            return " ".join(item["quote"].split())
        if column == COL_SPEAKER:
            return item.get("speaker_name") or "—"
        if column == COL_STATED:
            try:
                return parse_fuzzy_date(item["stated_on"]).label()
            except Exception:  # noqa: BLE001 - show what is stored rather than nothing
                return item["stated_on"] or ""
        if column == COL_KIND:
            return SHORT_KINDS.get(item["kind"], item["kind"] or "")
        if column == COL_CHECK_BY:
            if item["check_by"]:
                return item["check_by"]
            return "vague" if item.get("check_by_phrase") else "—"
        if column == COL_VERDICT:
            try:
                return self._scale.level(item["verdict"]).label
            except Exception:  # noqa: BLE001
                return item["verdict"]
        if column == COL_REVIEW:
            return REVIEW_LABELS.get(item["review_state"], item["review_state"])
        return ""

    def _badge_colour(self, item: dict, column: int) -> str | None:
        if column == COL_VERDICT:
            try:
                return self._scale.level(item["verdict"]).colour
            except Exception:  # noqa: BLE001
                return "#777777"
        if column == COL_REVIEW:
            return REVIEW_COLOURS.get(item["review_state"])
        if column == COL_CHECK_BY:
            if not item["check_by"] and not item.get("check_by_phrase"):
                return None  # nothing to flag: plain text
            return DUE_COLOURS.get(item.get("state", ""))
        return None
