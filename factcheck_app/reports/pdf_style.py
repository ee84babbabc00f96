"""The PDF report's units, colours and fonts, shared by its blocks, pages and entry point.

Everything is measured in device pixels at DPI (300): `dev()` turns points into those,
`MM` is a millimetre of them, and `pt()`/`pad()` write points as the CSS pixels the
QTextDocument HTML of the body is given in.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QTextFormat

DPI = 300
MM = DPI / 25.4
INK, MUTED, RULE, SOFT, ACCENT, RED = "#1f2328", "#5f6670", "#d9dce1", "#f4f5f7", "#0f4c81", "#b91c1c"
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 7
CHART_INDEX = QTextFormat.Property.UserProperty + 7


class Fonts:
    """DejaVu when the system has it (it covers Cyrillic and more); Qt's default otherwise."""

    def __init__(self) -> None:
        families = set(QFontDatabase.families())
        self.sans = "DejaVu Sans" if "DejaVu Sans" in families else \
            QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
        self.serif = "DejaVu Serif" if "DejaVu Serif" in families else "Serif"

    def font(self, size: float, *, serif: bool = False, bold: bool = False,
             italic: bool = False, spacing: float = 0.0) -> QFont:
        f = QFont(self.serif if serif else self.sans)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic)
        if spacing:
            f.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100 + spacing)
        f.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
        return f


def pt(points: float) -> int:
    """Points to the CSS pixels of QTextDocument HTML (1/96 inch, scaled to the device)."""
    return max(1, round(points * 96 / 72))


def pad(top: float, right: float, bottom: float | None = None, left: float | None = None) -> str:
    """CSS padding, one side at a time (Qt reads those reliably), given in points."""
    bottom = top if bottom is None else bottom
    left = right if left is None else left
    return (f"padding-top:{pt(top)}px; padding-right:{pt(right)}px; "
            f"padding-bottom:{pt(bottom)}px; padding-left:{pt(left)}px")


def dev(points: float) -> float:
    """Points to device pixels, for the painter."""
    return points * DPI / 72
