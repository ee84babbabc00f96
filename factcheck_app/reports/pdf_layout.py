"""The PDF report laid out in pages: the title page, the body cut into pages, the frame
around every page, and charts drawn inside the text flow.

`PageLayout` lays a report out once, on the metrics of the PDF writer, and then paints
any one page on any device of the same resolution: the writer itself (pdf.render_pdf)
or an image for a preview (pdf.render_preview), so a preview shows the pages exactly
as they will print.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from .charts import geometry
from .common import DASH, DOT
from .model import DRAFT_MARK, METHOD, BarChart, Report, safe_colour
from .pdf_blocks import BodyBuilder
from .pdf_style import (
    ACCENT,
    CHART_INDEX,
    CHART_OBJECT,
    INK,
    MM,
    MUTED,
    RED,
    RULE,
    SOFT,
    Fonts,
    dev,
    pt,
)

# -- charts inside the text flow ----------------------------------------------------------

class ChartObject(QPyTextObject):
    """Draws a BarChart where its object character stands in the document."""

    def __init__(self, charts: list[BarChart], fonts: Fonts) -> None:
        super().__init__()
        self.charts = charts
        self.fonts = fonts

    def _chart(self, fmt: QTextFormat) -> BarChart:
        return self.charts[int(fmt.property(CHART_INDEX))]

    def _geometry(self, chart: BarChart, width: float, device):
        """The bars' layout, the label column as wide as the longest label needs."""
        metrics = QFontMetricsF(self.fonts.font(8.5), device)
        longest = max((metrics.horizontalAdvance(b.label) for b in chart.bars), default=0.0)
        return geometry(width, unit=dev(0.62), longest_label=longest + dev(7))

    def intrinsicSize(self, doc, pos_in_document, fmt):  # noqa: N802 (Qt's name)
        chart = self._chart(fmt)
        width = min(doc.pageSize().width() - dev(2), 130 * MM)
        g = self._geometry(chart, width, doc.documentLayout().paintDevice())
        return QSizeF(width, g.height(len(chart.bars)) + dev(6))

    def drawObject(self, painter, rect, doc, pos_in_document, fmt):  # noqa: N802
        chart = self._chart(fmt)
        g = self._geometry(chart, rect.width(), painter.device())
        largest = max((b.value for b in chart.bars), default=0)
        total = chart.total
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_font = self.fonts.font(8.5)
        value_font = self.fonts.font(8.5, bold=True)
        share_font = self.fonts.font(8)
        for i, bar in enumerate(chart.bars):
            y = rect.top() + g.top + i * g.row
            bar_rect = QRectF(rect.left() + g.label_width, y, g.track, g.bar)
            painter.setPen(QColor(INK))
            painter.setFont(label_font)
            painter.drawText(QRectF(rect.left(), y - dev(3), g.label_width - dev(7), g.bar + dev(6)),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, bar.label)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eceef1"))
            painter.drawRoundedRect(bar_rect, dev(1), dev(1))
            length = g.bar_length(bar.value, largest)
            if length:
                painter.setBrush(QColor(safe_colour(bar.colour)))
                painter.drawRoundedRect(QRectF(bar_rect.left(), y, length, g.bar), dev(1), dev(1))
            x = bar_rect.right() + dev(6)
            value_box = QRectF(x, y - dev(3), g.value_width, g.bar + dev(6))
            painter.setPen(QColor(INK))
            painter.setFont(value_font)
            painter.drawText(value_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             str(bar.value))
            width = QFontMetricsF(value_font, painter.device()).horizontalAdvance(str(bar.value))
            painter.setFont(share_font)
            painter.setPen(QColor(MUTED))
            share = f"{round(100 * bar.value / total)}%" if total else DASH
            painter.drawText(value_box.adjusted(width + dev(5), 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, share)
        painter.restore()


# -- pages ------------------------------------------------------------------------------------

class Pages:
    """Page geometry in device pixels, and the frame drawn around every page."""

    def __init__(self, writer: QPdfWriter, report: Report, fonts: Fonts) -> None:
        self.width, self.height = writer.width(), writer.height()
        self.report, self.fonts = report, fonts
        self.left = self.right = round(20 * MM)
        self.top = round(24 * MM)
        self.bottom = round(22 * MM)
        self.content = QRectF(self.left, self.top, self.width - self.left - self.right,
                              self.height - self.top - self.bottom)

    def draft_marks(self, p: QPainter) -> None:
        p.save()
        p.setPen(QColor(RED))
        p.setFont(self.fonts.font(8, bold=True, spacing=8))
        p.drawText(QRectF(0, 7 * MM, self.width, 5 * MM), Qt.AlignmentFlag.AlignCenter,
                   f"{DRAFT_MARK} \u2014 NOT APPROVED \u2014 NOT FOR PUBLICATION")
        p.translate(self.width / 2, self.height / 2)
        p.rotate(-35)
        p.setFont(self.fonts.font(110, bold=True, spacing=6))
        p.setPen(QColor(185, 28, 28, 22))
        p.drawText(QRectF(-self.width, -40 * MM, 2 * self.width, 80 * MM),
                   Qt.AlignmentFlag.AlignCenter, DRAFT_MARK)
        p.restore()

    def frame(self, p: QPainter, number: int, total: int) -> None:
        """Running header and footer of a body page."""
        r = self.report
        p.save()
        y = 13 * MM
        p.setFont(self.fonts.font(7.5, bold=True))
        p.setPen(QColor(INK))
        left = QRectF(self.left, y, self.content.width() * 0.5, 5 * MM)
        p.drawText(left, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, r.organisation)
        org_width = QFontMetricsF(p.font(), p.device()).horizontalAdvance(r.organisation)
        p.setFont(self.fonts.font(7.5))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(self.left + org_width, y, self.content.width() * 0.5, 5 * MM),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                   f"{DOT}{r.kind_label}")
        title = QFontMetricsF(p.font(), p.device()).elidedText(
            r.title, Qt.TextElideMode.ElideRight, self.content.width() * 0.45)
        p.drawText(QRectF(self.left + self.content.width() * 0.5, y, self.content.width() * 0.5,
                          5 * MM), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, title)
        p.setPen(QPen(QColor(RULE), dev(0.6)))
        p.drawLine(QPointF(self.left, y + 6.5 * MM), QPointF(self.width - self.right, y + 6.5 * MM))
        fy = self.height - 14 * MM
        p.drawLine(QPointF(self.left, fy), QPointF(self.width - self.right, fy))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(self.left, fy + 1.5 * MM, self.content.width() * 0.7, 5 * MM),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                   f"Generated {r.generated_label}{DOT}"
                   + r.footer_policy)
        p.setPen(QColor(INK))
        p.drawText(QRectF(self.left, fy + 1.5 * MM, self.content.width(), 5 * MM),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                   f"Page {number} of {total}")
        p.restore()
        if r.draft:
            self.draft_marks(p)

    # -- title page --------------------------------------------------------------------------
    def _wrapped(self, p: QPainter, font: QFont, colour: str, text: str, x: float, y: float,
                 width: float, *, flags=Qt.AlignmentFlag.AlignLeft) -> float:
        """Draw wrapped text; return the y below it."""
        p.setFont(font)
        p.setPen(QColor(colour))
        box = p.boundingRect(QRectF(x, y, width, 10 * self.height),
                             int(flags) | int(Qt.TextFlag.TextWordWrap), text)
        p.drawText(QRectF(x, y, width, box.height()), int(flags) | int(Qt.TextFlag.TextWordWrap), text)
        return y + box.height()

    def cover(self, p: QPainter, total: int) -> None:
        r, f = self.report, self.fonts
        x, width = self.left, self.content.width()
        p.save()
        # masthead
        top = 20 * MM
        p.setFont(f.font(13, bold=True, spacing=2))
        p.setPen(QColor(INK))
        p.drawText(QRectF(x, top, width * 0.65, 9 * MM),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, r.organisation)
        p.setFont(f.font(7.5, spacing=10))
        p.setPen(QColor(MUTED))
        right = r.organisation_url or r.workspace_title
        p.drawText(QRectF(x + width * 0.4, top, width * 0.6, 9 * MM),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, right)
        p.fillRect(QRectF(x, top + 11 * MM, width, dev(2.2)), QColor(INK))
        # title block
        y = 62 * MM
        p.setFont(f.font(9, bold=True, spacing=12))
        p.setPen(QColor(ACCENT))
        p.drawText(QRectF(x, y, width, 6 * MM), Qt.AlignmentFlag.AlignLeft,
                   r.kind_label.upper() + (f"{DOT}{DRAFT_MARK}" if r.draft else ""))
        y += 10 * MM
        y = self._wrapped(p, f.font(26, serif=True, bold=True), INK, r.title, x, y, width)
        y += 5 * MM
        y = self._wrapped(p, f.font(13, serif=True), "#3d434b", r.subtitle, x, y, width * 0.92)
        y += 12 * MM
        # meta
        rows = list(r.scope) + [("Published by", r.organisation), ("Date", r.generated_label)]
        label_w = 34 * MM
        for label, value in rows:
            p.setFont(f.font(8.5))
            p.setPen(QColor(MUTED))
            p.drawText(QRectF(x, y, label_w, 6 * MM), Qt.AlignmentFlag.AlignLeft, label)
            y = self._wrapped(p, f.font(8.5), INK, value, x + label_w, y, width - label_w) + 1.6 * MM
        # key figures
        if r.cover_figures:
            y += 10 * MM
            gap = 4 * MM
            n = len(r.cover_figures)
            card_w = (width - gap * (n - 1)) / n
            for i, fig in enumerate(r.cover_figures):
                cx = x + i * (card_w + gap)
                colour = QColor(safe_colour(fig.colour, INK) if fig.colour else INK)
                p.fillRect(QRectF(cx, y, card_w, 26 * MM), QColor(SOFT))
                p.fillRect(QRectF(cx, y, card_w, dev(2.5)), colour)
                p.setFont(f.font(22, serif=True, bold=True))
                p.setPen(colour)
                p.drawText(QRectF(cx + 4 * MM, y + 4 * MM, card_w - 6 * MM, 11 * MM),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, fig.value)
                self._wrapped(p, f.font(6.8, spacing=6), MUTED, fig.label.upper(), cx + 4 * MM,
                              y + 16 * MM, card_w - 6 * MM)
            y += 26 * MM
        # method, policy and legend at the foot of the page
        foot = self.height - 48 * MM
        p.setFont(f.font(8.5))
        method_height = p.boundingRect(QRectF(x, 0, width * 0.8, self.height),
                                       int(Qt.TextFlag.TextWordWrap), METHOD).height()
        method_top = foot - 6 * MM - method_height
        if method_top > y + 8 * MM:
            p.setFont(f.font(7, bold=True, spacing=10))
            p.setPen(QColor(MUTED))
            p.drawText(QRectF(x, method_top - 5 * MM, width, 4 * MM), Qt.AlignmentFlag.AlignLeft,
                       "HOW THIS WORKS")
            self._wrapped(p, f.font(8.5), "#3d434b", METHOD, x, method_top, width * 0.8)
        p.setPen(QPen(QColor(RULE), dev(0.6)))
        p.drawLine(QPointF(x, foot), QPointF(x + width, foot))
        policy_colour = RED if r.draft else MUTED
        y2 = self._wrapped(p, f.font(8.5, bold=r.draft), policy_colour, r.policy, x, foot + 4 * MM, width)
        y2 += 3 * MM
        p.setFont(f.font(7.5))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(x, y2, 30 * MM, 5 * MM), Qt.AlignmentFlag.AlignLeft, "Verdict scale")
        lx = x + 24 * MM
        for bar in r.legend:
            p.fillRect(QRectF(lx, y2 + 0.9 * MM, 2.6 * MM, 2.6 * MM), QColor(safe_colour(bar.colour)))
            p.setPen(QColor(INK))
            p.drawText(QRectF(lx + 3.8 * MM, y2, 40 * MM, 5 * MM), Qt.AlignmentFlag.AlignLeft, bar.label)
            lx += 3.8 * MM + QFontMetricsF(p.font(), p.device()).horizontalAdvance(bar.label) + 6 * MM
        fy = self.height - 14 * MM
        p.setPen(QPen(QColor(RULE), dev(0.6)))
        p.drawLine(QPointF(x, fy), QPointF(x + width, fy))
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(x, fy + 1.5 * MM, width, 5 * MM),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                   f"{r.organisation}{DOT}{r.kind_label}{DOT}generated {r.generated_label} with Factcheck")
        p.drawText(QRectF(x, fy + 1.5 * MM, width, 5 * MM),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"Page 1 of {total}")
        p.restore()
        if r.draft:
            self.draft_marks(p)


def _insert_charts(doc: QTextDocument, count: int) -> None:
    for index in range(count):
        cursor = doc.find(f"@@CHART{index}@@")
        if cursor.isNull():
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(CHART_OBJECT)
        fmt.setProperty(CHART_INDEX, index)
        cursor.insertText("\ufffc", fmt)


class PageLayout:
    """A report laid out in pages on `writer`'s metrics; paints one page at a time.

    Page 0 is the title page; page n > 0 is body page n framed with its running header
    and "Page n+1 of total" footer."""

    def __init__(self, report: Report, writer: QPdfWriter, fonts: Fonts) -> None:
        self.report = report
        self.pages = Pages(writer, report, fonts)
        builder = BodyBuilder(report, fonts)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(fonts.font(9.5))
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"p {{ margin-top: 0px; margin-bottom: {pt(5)}px; }}")
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setHtml(builder.html())
        self.charts = ChartObject(builder.charts, fonts)  # kept alive while the doc draws
        doc.documentLayout().registerHandler(CHART_OBJECT, self.charts)
        _insert_charts(doc, len(builder.charts))
        content = self.pages.content
        doc.setPageSize(QSizeF(content.width(), content.height()))
        self.doc = doc
        self.total = doc.pageCount() + 1

    @property
    def size(self) -> QSizeF:
        """A page's size in device pixels."""
        return QSizeF(self.pages.width, self.pages.height)

    def paint(self, painter: QPainter, number: int) -> None:
        """Draw page `number` (0: the title page) with `painter`, on a fresh page."""
        if number == 0:
            self.pages.cover(painter, self.total)
            return
        i = number - 1
        content = self.pages.content
        h = content.height()
        painter.save()
        painter.translate(content.left(), content.top() - i * h)
        clip = QRectF(0, i * h, content.width(), h)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        context.palette.setColor(context.palette.ColorRole.Text, QColor(INK))
        self.doc.documentLayout().draw(painter, context)
        painter.restore()
        self.pages.frame(painter, number + 1, self.total)
