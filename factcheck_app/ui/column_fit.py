"""Column widths that leave the quote readable however narrow the table gets.

The statements table shows a quote beside five short columns (speaker, dates, badges).
At their natural widths those take about 520 px, which on a 1280 px screen with the
detail pane open left the quote some 60 px: every row read "Our de…". Here the short
columns keep their preferred widths while there is room, and otherwise shrink in
proportion, each no narrower than what it needs to be read (a date, a badge), so that
the quote (the column that stretches) keeps as much of the viewport as it can. A width the user drags by hand holds until the table is next resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

# The share of the viewport the stretching column keeps before the others shrink.
QUOTE_SHARE = 0.45


def fitted_widths(widths: dict[int, tuple[int, int]], viewport: int,
                  share: float = QUOTE_SHARE) -> dict[int, int]:
    """Each shown column's width from its (least, preferred) pair: the preferred widths
    while `share` of the viewport is left over, otherwise every column's slack above its
    least width cut by the same fraction (a date column keeps room for its date; the
    speaker, which reads well cut short, gives most)."""
    least = sum(low for low, _ in widths.values())
    slack = sum(high - low for low, high in widths.values())
    room = viewport * (1.0 - share) - least
    scale = max(0.0, min(1.0, room / slack)) if slack else 1.0
    return {column: low + int((high - low) * scale) for column, (low, high) in widths.items()}


class ColumnFit(QObject):
    """Refits a table's short columns whenever its viewport is resized or a column is
    shown or hidden (call `fit` after `setColumnHidden`)."""

    def __init__(self, table: QTableView, widths: dict[int, tuple[int, int]]) -> None:
        super().__init__(table)
        self._table, self._widths = table, dict(widths)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        table = self._table
        header = table.horizontalHeader()
        shown = {c: w for c, w in self._widths.items() if not table.isColumnHidden(c)}
        for column, width in fitted_widths(shown, table.viewport().width()).items():
            header.resizeSection(column, width)
