"""Light and dark themes following the system, and the colours for badges."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..domain.workflow import APPROVED, CHANGES_REQUESTED, DRAFT, IN_REVIEW, RETRACTED

REVIEW_COLOURS = {
    DRAFT: "#7a8088",
    IN_REVIEW: "#1f6feb",
    CHANGES_REQUESTED: "#c2410c",
    APPROVED: "#2e7d32",
    RETRACTED: "#9f1239",
}
DUE_COLOURS = {
    "upcoming": "#6b7280",
    "due": "#b45309",
    "overdue": "#b91c1c",
    "resolved": "#2e7d32",
    "no_date": "#9ca3af",
}
STANCE_COLOURS = {"supports": "#2e7d32", "contradicts": "#c62828", "context": "#5c6bc0"}
ACCENT = "#1f6feb"


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return scheme() == Qt.ColorScheme.Dark
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication) -> None:
    """Fusion everywhere (consistent on every platform) with a palette for the scheme."""
    app.setStyle("Fusion")
    dark = is_dark()
    palette = QPalette()
    if dark:
        base, window, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
        palette.setColor(QPalette.ColorRole.Window, window)
        palette.setColor(QPalette.ColorRole.WindowText, text)
        palette.setColor(QPalette.ColorRole.Base, base)
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#25272b"))
        palette.setColor(QPalette.ColorRole.Text, text)
        palette.setColor(QPalette.ColorRole.Button, window)
        palette.setColor(QPalette.ColorRole.ButtonText, text)
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#111214"))
        palette.setColor(QPalette.ColorRole.ToolTipText, text)
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b8f97"))
        palette.setColor(QPalette.ColorRole.Mid, QColor("#3a3d42"))
    else:
        palette.setColor(QPalette.ColorRole.Window, QColor("#f5f6f8"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f8fa"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f2328"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#1f2328"))
        palette.setColor(QPalette.ColorRole.Button, QColor("#f5f6f8"))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor("#1f2328"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b9098"))
        palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#1f2328"))
    # setColor above sets every group alike, so a turned-off control looked like one that
    # works (a read-only workspace turns many off): grey its text in the Disabled group.
    faded = QColor("#6b7078" if dark else "#a3a8b0")
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Disabled, role, faded)
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#58a6ff" if dark else ACCENT))
    app.setPalette(palette)
    border = "#3a3d42" if dark else "#d8dbe0"
    muted = "#9aa0a6" if dark else "#5f6670"
    app.setStyleSheet(f"""
        QListWidget#sidebar {{ border: none; padding: 6px 4px; font-size: 10.5pt; }}
        QListWidget#sidebar::item {{ padding: 7px 10px; border-radius: 6px; }}
        QListWidget#sidebar::item:selected {{ background: {ACCENT}; color: white; }}
        QLabel[role="muted"] {{ color: {muted}; }}
        QLabel[role="heading"] {{ font-size: 13pt; font-weight: 600; }}
        QLabel[role="quote"] {{ font-size: 12.5pt; font-family: serif; }}
        QLabel[role="refusal"] {{ color: #b91c1c; background: {'#3b1d1d' if dark else '#fdecec'};
                                  border: 1px solid #e5a3a3; border-radius: 6px; padding: 6px 8px; }}
        QLabel[role="notice"] {{ color: {'#e3b341' if dark else '#8a5a00'};
                                 background: {'#3a2f12' if dark else '#fff6dc'};
                                 border-radius: 6px; padding: 4px 8px; }}
        QFrame[role="card"] {{ border: 1px solid {border}; border-radius: 8px;
                               background: palette(base); }}
        QTableView {{ gridline-color: {border}; }}
        QTabBar::tab {{ padding: 5px 6px; }}
        QTabWidget::pane {{ border: 1px solid {border}; border-radius: 6px; top: -1px; }}
        QLineEdit, QPlainTextEdit, QTextEdit, QComboBox {{ padding: 3px; }}
        /* A field that shows a value but takes no typing (read-only workspace). */
        QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {{
            background: palette(window); }}
        /* A focus ring that shows from across the room: keyboard users must see where
           they are. Two pixels, with the padding cut to match, so nothing moves. */
        QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
        QAbstractSpinBox:focus {{ border: 2px solid {ACCENT}; border-radius: 4px;
                                  padding: 2px; background: palette(base); }}
        QPushButton:focus, QToolButton:focus {{ border: 2px solid {ACCENT}; border-radius: 4px;
                                               padding: 0px; background: palette(button); }}
        QCheckBox:focus, QRadioButton:focus {{ color: {ACCENT}; }}
        QTableView:focus, QListView:focus, QTextBrowser:focus {{
            border: 2px solid {ACCENT}; border-radius: 4px; }}
    """)
