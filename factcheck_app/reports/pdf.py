"""The PDF report, drawn with Qt's own PDF output (QPdfWriter + QTextDocument + QPainter).

The title page is painted directly; the body is a QTextDocument laid out in
pages of the content area and drawn page by page, each page framed by a running
header (organisation, report kind, title) and a footer with "Page N of M". Charts
are vector drawings inside the text flow (a QPyTextObject), so they stay sharp.
When drafts are included every page carries a red DRAFT mark and a watermark.

Runs without a display: if no QGuiApplication exists one is created, on the
offscreen platform when there is no display to use. Fonts come from the system
(DejaVu when present, Qt's default sans and serif otherwise); nothing is fetched.
This is the only module in reports/ that imports Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from html import escape as _escape
from urllib.parse import urlsplit

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication,
    QPageSize, QPainter, QPdfWriter, QPen, QPyTextObject, QTextCharFormat,
    QTextDocument, QTextFormat, QTextOption,
)

from .charts import geometry
from .model import (
    COL_ASSIGNEE, COL_CHECK_BY, COL_DATE, COL_OVERDUE, COL_SPEAKER, COL_VERDICT,
    COLUMN_LABELS, DRAFT_MARK, METHOD, BarChart, Citation, Dossier, EvidenceItem, Figure, Figures,
    Paragraph, Report, Section, StatementTable, StatementView, Table, long_date, percent,
    safe_colour, short_date,
)

DPI = 300
MM = DPI / 25.4
INK, MUTED, RULE, SOFT, ACCENT, RED = "#1f2328", "#5f6670", "#d9dce1", "#f4f5f7", "#0f4c81", "#b91c1c"
DASH, DOT = "\u2013", " \u00b7 "
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 7
CHART_INDEX = QTextFormat.Property.UserProperty + 7

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The application Qt's fonts and painting need; offscreen when there is no display.

    An existing one (the window's) is used as it is."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if not os.environ.get("QT_QPA_PLATFORM"):
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:  # a full QApplication, so code that later wants widgets in this process still can
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover - PySide6 without QtWidgets
        QApplication = QGuiApplication  # noqa: N806
    _app = QApplication(sys.argv[:1] or ["factcheck"])
    return _app


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


def esc(text: object) -> str:
    return _escape("" if text is None else str(text), quote=True)


def text_html(text: str | None) -> str:
    return esc(text).replace("\r\n", "\n").replace("\n", "<br/>")


def _link(url: str | None) -> str:
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https"):
        return f'<a href="{esc(url.strip())}" style="color:{ACCENT}; text-decoration:none">{esc(url)}</a>'
    return esc(url)


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


# -- charts inside the text flow ----------------------------------------------------------

class ChartObject(QPyTextObject):
    """Draws a BarChart where its object character stands in the document."""

    def __init__(self, charts: list[BarChart], fonts: Fonts) -> None:
        super().__init__()
        self.charts = charts
        self.fonts = fonts

    def _chart(self, fmt: QTextFormat) -> BarChart:
        return self.charts[int(fmt.property(CHART_INDEX))]

    def intrinsicSize(self, doc, pos_in_document, fmt):  # noqa: N802 (Qt's name)
        chart = self._chart(fmt)
        width = min(doc.pageSize().width() - dev(2), 130 * MM)
        g = geometry(width, unit=dev(0.62))
        return QSizeF(width, g.height(len(chart.bars)) + dev(6))

    def drawObject(self, painter, rect, doc, pos_in_document, fmt):  # noqa: N802
        chart = self._chart(fmt)
        g = geometry(rect.width(), unit=dev(0.62))
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


# -- the body as Qt rich text ---------------------------------------------------------------

class BodyBuilder:
    """The report's sections as HTML in the subset QTextDocument understands."""

    def __init__(self, report: Report, fonts: Fonts) -> None:
        self.report = report
        self.fonts = fonts
        self.charts: list[BarChart] = []
        self.first = True

    def badge(self, label: str, colour: str) -> str:
        return (f'<span style="background-color:{safe_colour(colour)}; color:#ffffff; '
                f'font-weight:bold; font-size:7pt">&nbsp;{esc(label.upper())}&nbsp;</span>')

    def draft_badge(self, s: StatementView) -> str:
        if not s.draft:
            return ""
        return (f'&nbsp;<span style="color:{RED}; font-weight:bold; font-size:7.5pt; '
                f'background-color:#fde8e8">&nbsp;{DRAFT_MARK}&nbsp;</span>')

    def muted(self, html: str, size: float = 8.5) -> str:
        return f'<span style="color:{MUTED}; font-size:{size}pt">{html}</span>'

    def serif(self, html: str, size: float = 10.0, italic: bool = False) -> str:
        style = "font-style:italic;" if italic else ""
        return f'<span style="font-family:\'{self.fonts.serif}\'; font-size:{size}pt; {style}">{html}</span>'

    def h2(self, title: str, new_page: bool) -> str:
        brk = "page-break-before:always; " if new_page and not self.first else ""
        self.first = False
        return (f'<table width="100%" cellspacing="0" cellpadding="0" style="{brk}'
                f'margin-top:{pt(16)}px; margin-bottom:{pt(8)}px"><tr><td style="border-bottom:'
                f'{pt(0.8)}px solid {RULE}; {pad(0, 0, 4, 0)}"><span style="font-family:'
                f'\'{self.fonts.serif}\'; font-size:15pt; font-weight:bold; color:{INK}">'
                f'{esc(title)}</span></td></tr></table>')

    def h3(self, title: str) -> str:
        return (f'<p style="margin-top:{pt(10)}px; margin-bottom:{pt(3)}px; color:{MUTED}; '
                f'font-size:7.5pt; font-weight:bold">{esc(title.upper())}</p>')

    def paragraph(self, block: Paragraph) -> str:
        if block.tone in ("notice", "draft"):
            return (f'<table width="100%" cellspacing="0" cellpadding="{pt(6)}" '
                    f'style="margin-bottom:{pt(8)}px; background-color:#fff6dc">'
                    f'<tr><td style="color:#6b4e00">{text_html(block.text)}</td></tr></table>')
        colour = MUTED if block.tone == "muted" else INK
        return (f'<p style="color:{colour}; margin-bottom:{pt(7)}px; line-height:135%">'
                f"{text_html(block.text)}</p>")

    def figures(self, items: tuple[Figure, ...]) -> str:
        cells = []
        width = int(100 / max(1, len(items)))
        for f in items:
            colour = safe_colour(f.colour, INK) if f.colour else INK
            cells.append(
                f'<td width="{width}%" style="background-color:{SOFT}; border-top:{pt(2.5)}px '
                f'solid {colour}; {pad(5, 8, 7, 8)}">'
                f'<p style="font-family:\'{self.fonts.serif}\'; font-size:18pt; font-weight:bold; '
                f'color:{colour}; margin-top:0; margin-bottom:0">{esc(f.value)}</p>'
                f'<p style="color:{MUTED}; font-size:7pt; margin-top:0; margin-bottom:0">'
                f'{esc(f.label.upper())}</p></td>')
        return (f'<table width="100%" cellspacing="{pt(5)}" cellpadding="0" '
                f'style="margin-bottom:{pt(8)}px"><tr>{"".join(cells)}</tr></table>')

    def chart(self, block: BarChart) -> str:
        index = len(self.charts)
        self.charts.append(block)
        caption = (f'<p style="color:{MUTED}; font-size:8pt; margin-top:{pt(2)}px; '
                   f'margin-bottom:{pt(10)}px">{esc(block.caption)}</p>') if block.caption else ""
        return (f'<p style="font-weight:bold; font-size:9pt; margin-top:{pt(6)}px; '
                f'margin-bottom:{pt(4)}px">{esc(block.title)}</p>'
                f'<p style="margin:0">@@CHART{index}@@</p>{caption}')

    def _head(self, labels: list[tuple[str, str, bool]], title: str = "") -> str:
        """The header rows, repeated on every page the table runs onto. A title (a year)
        goes in the header too, so it can never be left alone at the foot of a page."""
        cells = "".join(
            f'<th width="{w}" align="{"right" if num else "left"}" style="white-space:nowrap; '
            f'color:{MUTED}; font-size:7.5pt; font-weight:bold; border-bottom:{pt(1)}px solid '
            f'{INK}; {pad(3, 4)}">{esc(label)}</th>'
            for label, w, num in labels)
        caption = ""
        if title:
            caption = (f'<tr><th colspan="{len(labels)}" align="left" style="color:{INK}; '
                       f'font-size:8.5pt; font-weight:bold; {pad(8, 0, 2, 0)}">{esc(title)}'
                       "</th></tr>")
        return f"<thead>{caption}<tr>{cells}</tr></thead>"

    def _td(self, html: str, *, num: bool = False, nowrap: bool = False) -> str:
        align = ' align="right"' if num else ""
        wrap = " nowrap" if nowrap else ""
        return (f'<td valign="top"{align}{wrap} style="border-bottom:{pt(0.6)}px solid {RULE}; '
                f'{pad(4, 4)}">{html}</td>')

    def _table(self, head: str, rows: list[str]) -> str:
        # No bottom margin on the table: a margin that crosses a page end makes Qt repeat the
        # header row alone on the next page. A spacer paragraph follows instead.
        return (f'<table width="100%" cellspacing="0" cellpadding="0" '
                f'style="border-collapse:collapse">{head}{"".join(rows)}</table>'
                f'<p style="margin:0; font-size:7pt">&nbsp;</p>')

    def table(self, block: Table) -> str:
        numeric = block.numeric or tuple(False for _ in block.headers)
        other = min(13, 70 // max(1, len(block.headers) - 1))
        widths = [f"{100 - other * (len(block.headers) - 1)}%"] + [f"{other}%"] * (len(block.headers) - 1)
        head = self._head([(h, w, n) for h, w, n in zip(block.headers, widths, numeric,
                                                        strict=False)], block.title)
        rows = ["<tr>" + "".join(self._td(esc(c), num=n) for c, n in zip(row, numeric, strict=False))
                + "</tr>" for row in block.rows]
        return self._table(head, rows)

    COLUMN_WIDTHS = {COL_DATE: "12%", COL_SPEAKER: "16%", COL_CHECK_BY: "12%",
                     COL_VERDICT: "15%", COL_OVERDUE: "12%", COL_ASSIGNEE: "13%"}

    def _cell(self, column: str, s: StatementView, block: StatementTable) -> str:
        if column == COL_DATE:
            return self._td(esc(short_date(s.stated_on)))
        if column == COL_CHECK_BY:
            return self._td(esc(short_date(s.check_by) or s.check_by_phrase or DASH))
        if column == COL_SPEAKER:
            return self._td(esc(s.speaker_name))
        if column == COL_VERDICT:
            return self._td(self.badge(s.verdict_label, s.verdict_colour)
                            + (f"<br/>{self.draft_badge(s)}" if s.draft else ""))
        if column == COL_OVERDUE:
            colour = RED if s.state == "overdue" else "#b45309"
            days = "" if s.days_overdue is None else \
                f"<br/>{self.muted(f'{s.days_overdue} day' + ('s' if s.days_overdue != 1 else ''), 8)}"
            return self._td(f'<span style="color:{colour}; font-weight:bold">{esc(s.state_label)}</span>{days}')
        if column == COL_ASSIGNEE:
            return self._td(esc(s.assignee or DASH))
        parts = [self.serif(f"\u201c{text_html(s.quote)}\u201d", 9.5)]
        if block.show_expectation and s.expectation:
            parts.append("<br/>" + self.muted("Expected: " + text_html(s.expectation), 8))
        if block.show_rationale and s.rationale:
            parts.append("<br/>" + self.muted("Verdict: " + text_html(s.rationale), 8))
        return self._td("".join(parts))

    def statement_table(self, block: StatementTable) -> str:
        if not block.statements:
            return self.paragraph(Paragraph(block.empty, "muted"))
        fixed = [self.COLUMN_WIDTHS.get(c) for c in block.columns]
        rest = 100 - sum(int(w[:-1]) for w in fixed if w)
        labels = [(COLUMN_LABELS[c], w or f"{rest}%", False) for c, w in zip(block.columns, fixed, strict=False)]
        head = self._head(labels, block.title)
        rows = ["<tr>" + "".join(self._cell(c, s, block) for c in block.columns) + "</tr>"
                for s in block.statements]
        return self._table(head, rows)

    def _strip(self, colour: str, body: str, *, background: str | None = None,
               padding: float = 6, bottom: float = 8) -> str:
        """Content with a coloured bar on its left, as the verdict and evidence panels have."""
        bg = f' style="background-color:{background}"' if background else ""
        return (f'<table width="100%" cellspacing="0" cellpadding="0" '
                f'style="margin-bottom:{pt(bottom)}px"><tr>'
                f'<td width="{pt(2.2)}" style="background-color:{safe_colour(colour)}"></td>'
                f'<td{bg} style="{pad(3, padding, 3, padding + 2)}">{body}</td>'
                f"</tr></table>")

    def citation(self, c: Citation, prefix: str = "Source") -> str:
        parts = [esc(c.text())] if c.text() else []
        if c.url:
            parts.append(_link(c.url))
        if not parts:
            return ""
        return self.muted(f"{esc(prefix)}: " + ". ".join(parts), 8)

    def evidence(self, e: EvidenceItem, compact: bool) -> str:
        head = ""
        if e.occurred_label:
            head = self.muted(esc(e.occurred_label), 8.5) + "&nbsp;&nbsp;"
        lines = [f'{head}<b>{esc(e.title or e.summary[:90])}</b>']
        if e.title or not compact:
            lines.append(f'<span style="line-height:130%">{text_html(e.summary)}</span>')
        if e.excerpt and not compact:
            lines.append(self.serif(f"\u201c{text_html(e.excerpt)}\u201d", 9, italic=True))
        if e.note:
            lines.append(self.muted("Why it matters: " + text_html(e.note), 8.5))
        cite = self.citation(e.citation)
        if cite:
            lines.append(cite)
        for a in e.attachments:
            where = f" \u2014 in the package as {esc(a.package_path)}" if a.package_path else ""
            lines.append(self.muted(f"File: {esc(a.file_name)} ({a.size:,} bytes, SHA-256 "
                                    f"{esc(a.sha256[:16])}\u2026){where}", 8))
        return self._strip(e.stance_colour, "<br/>".join(lines), padding=5, bottom=6)

    def dossier(self, block: Dossier) -> str:
        s, compact = block.statement, block.compact
        out = []
        kicker = [s.kind_label, s.stated_label] if compact else [s.kind_label, f"ref. {s.short_id}"]
        out.append(f'<p style="color:{MUTED}; font-size:7.5pt; font-weight:bold; '
                   f'margin-top:{pt(8 if compact else 2)}px; margin-bottom:{pt(4)}px">'
                   f'{esc(DOT.join(k for k in kicker if k).upper())}{self.draft_badge(s)}</p>')
        quote = (f'<p style="font-family:\'{self.fonts.serif}\'; font-size:{12.5 if compact else 15}pt; '
                 f'line-height:130%; margin:0">\u201c{text_html(s.quote)}\u201d</p>')
        out.append(self._strip(s.verdict_colour, quote, padding=8, bottom=5))
        who = f"<b>{esc(s.speaker_name)}</b>"
        if s.speaker and s.speaker.description:
            who += f", {esc(s.speaker.description)}"
        out.append(f'<p style="margin-top:{pt(1)}px; margin-bottom:{pt(1)}px">\u2014 {who}, '
                   f'{esc(s.stated_label)}</p>')
        source = self.citation(s.source)
        if source:
            out.append(f'<p style="margin-top:0; margin-bottom:{pt(6)}px">{source}</p>')
        facts = []
        if s.confidence is not None:
            facts.append(f"confidence {percent(s.confidence)}")
        if s.resolved_on:
            facts.append(f"rated {long_date(s.resolved_on)}")
        verdict = (self.badge(s.verdict_label, s.verdict_colour) + "&nbsp;&nbsp;"
                   + self.muted(esc(DOT.join(facts)), 8.5))
        if s.rationale:
            verdict += f'<br/><span style="line-height:135%">{text_html(s.rationale)}</span>'
        out.append(self._strip(s.verdict_colour, verdict, background=SOFT, padding=7, bottom=6))
        if not compact:
            rows = []
            if s.expectation:
                rows.append(("What would show it held", text_html(s.expectation)))
            check = esc(s.check_by_label) if s.check_by else "no date set"
            if s.check_by_phrase:
                check += " " + self.muted(f"(\u201c{esc(s.check_by_phrase)}\u201d)", 8.5)
            rows.append(("Check by", check))
            rows.append(("Kind", esc(s.kind_label)))
            if s.tags:
                rows.append(("Tags", esc(", ".join(s.tags))))
            if s.original_text and s.original_text != s.quote:
                lang = f" ({esc(s.original_language)})" if s.original_language else ""
                rows.append((f"Original{lang}", self.serif(text_html(s.original_text), 9.5)))
            rows.append(("Review", esc(s.review_label)))
            body = "".join(
                f'<tr><td width="26%" valign="top" style="color:{MUTED}; {pad(2, 0)}">'
                f'{esc(k)}</td><td valign="top" style="{pad(2, 0)}">{v}</td></tr>'
                for k, v in rows)
            out.append(f'<table width="100%" cellspacing="0" cellpadding="0" '
                       f'style="margin-top:{pt(4)}px; margin-bottom:{pt(4)}px">{body}</table>')
        elif s.expectation:
            check = f"{DOT}check by {esc(s.check_by_label)}" if s.check_by else ""
            out.append(f'<p style="margin-bottom:{pt(4)}px">'
                       f'{self.muted("Expected: " + text_html(s.expectation) + check, 8.5)}</p>')
        for stance, title in (("contradicts", "Evidence against"), ("supports", "Evidence for"),
                              ("context", "Context")):
            items = s.evidence_with(stance)
            if items:
                out.append(self.h3(title))
                out.extend(self.evidence(e, compact) for e in items)
        if not s.evidence and not compact:
            out.append(self.h3("Evidence"))
            out.append(self.paragraph(Paragraph("No evidence is linked.", "muted")))
        if s.history and not compact:
            out.append(self.h3("Verdict history"))
            head = self._head([("Date", "15%", False), ("Verdict", "17%", False),
                               ("By", "18%", False), ("Rationale", "50%", False)])
            rows = [
                "<tr>" + self._td(esc(short_date(h.at[:10]))) + self._td(self.badge(h.label, h.colour))
                + self._td(esc(h.by or "")) + self._td(
                    text_html(h.rationale or "")
                    + (" " + self.muted(f"({percent(h.confidence)})", 8) if h.confidence is not None
                       else "")) + "</tr>"
                for h in s.history]
            out.append(self._table(head, rows))
        out.append(self.signoff(s))
        return "".join(out)

    def signoff(self, s: StatementView) -> str:
        if not s.draft and s.approved_by:
            body = (f'{self.muted("SIGN-OFF", 7)}<br/>Reviewed and approved by <b>'
                    f'{esc(s.approved_by)}</b> on {esc(long_date((s.approved_at or "")[:10]))}.')
            return self._strip("#2e7d32", body, background=SOFT, padding=7, bottom=12)
        body = (f'<span style="color:{RED}"><b>{DRAFT_MARK}</b> \u2014 not approved (review: '
                f"{esc(s.review_label.lower())}). Not for publication.</span>")
        return self._strip(RED, body, background="#fdf0f0", padding=7, bottom=12)

    def block(self, block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Figures):
            return self.figures(block.items)
        if isinstance(block, BarChart):
            return self.chart(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, StatementTable):
            return self.statement_table(block)
        if isinstance(block, Dossier):
            return self.dossier(block)
        raise TypeError(f"no PDF layout for {type(block).__name__}")

    def section(self, section: Section) -> str:
        out = []
        if section.title:
            out.append(self.h2(section.title, section.new_page))
        out.extend(self.block(b) for b in section.blocks)
        return "".join(out)

    def html(self) -> str:
        body = "".join(self.section(s) for s in self.report.sections)
        return f'<html><body style="color:{INK}">{body}</body></html>'


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
                   + ("Includes unapproved drafts" if r.draft else "Approved assessments only"))
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


def render_pdf(report: Report, *, cancelled: Callable[[], bool] = lambda: False) -> bytes:
    """The report as PDF bytes."""
    ensure_gui_app()
    fonts = Fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if report.page_size == "a4"
                                 else QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(f"{report.kind_label}: {report.title}")
    writer.setCreator("Factcheck")
    writer.setAuthor(report.organisation)
    pages = Pages(writer, report, fonts)

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
    handler = ChartObject(builder.charts, fonts)
    doc.documentLayout().registerHandler(CHART_OBJECT, handler)
    _insert_charts(doc, len(builder.charts))
    doc.setPageSize(QSizeF(pages.content.width(), pages.content.height()))
    body_pages = doc.pageCount()
    total = body_pages + 1

    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pages.cover(painter, total)
        layout = doc.documentLayout()
        h = pages.content.height()
        for i in range(body_pages):
            if cancelled():
                break
            writer.newPage()
            painter.save()
            painter.translate(pages.content.left(), pages.content.top() - i * h)
            clip = QRectF(0, i * h, pages.content.width(), h)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            context.palette.setColor(context.palette.ColorRole.Text, QColor(INK))
            layout.draw(painter, context)
            painter.restore()
            pages.frame(painter, i + 2, total)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())
