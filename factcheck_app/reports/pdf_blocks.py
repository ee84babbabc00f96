"""The body of the PDF report: its sections as the HTML subset QTextDocument understands.

Charts stand in the text as placeholders (@@CHARTn@@) that pdf_layout replaces with
drawn chart objects. Every piece of user text is escaped; links only for http(s).
"""

from __future__ import annotations

from .common import (
    DASH,
    DOT,
    EVIDENCE_GROUPS,
    citation_parts,
    escape,
    fact_rows,
    text_html,
    retraction_text,
    verdict_facts,
    web_url,
    withdrawn_text,
)
from .model import (
    COL_ASSIGNEE,
    COL_CHECK_BY,
    COL_DATE,
    COL_OVERDUE,
    COL_SPEAKER,
    COL_VERDICT,
    COLUMN_LABELS,
    BarChart,
    Citation,
    Dossier,
    EvidenceItem,
    Figure,
    Figures,
    Paragraph,
    Report,
    Section,
    StatementTable,
    StatementView,
    Table,
    long_date,
    percent,
    safe_colour,
    short_date,
)
from .pdf_style import ACCENT, INK, MUTED, RED, RULE, SOFT, Fonts, pad, pt


def link(url: str | None) -> str:
    """A link for http(s) URLs only; anything else stays plain text."""
    if not url:
        return ""
    safe = web_url(url)
    if safe:
        return (f'<a href="{escape(safe)}" style="color:{ACCENT}; text-decoration:none">'
                f"{escape(url)}</a>")
    return escape(url)


class BodyBuilder:
    """The report's sections as HTML in the subset QTextDocument understands."""

    def __init__(self, report: Report, fonts: Fonts) -> None:
        self.report = report
        self.fonts = fonts
        self.charts: list[BarChart] = []
        self.first = True

    def badge(self, label: str, colour: str) -> str:
        return (f'<span style="background-color:{safe_colour(colour)}; color:#ffffff; '
                f'font-weight:bold; font-size:7pt">&nbsp;{escape(label.upper())}&nbsp;</span>')

    def draft_badge(self, s: StatementView) -> str:
        """DRAFT, or RETRACTED, beside a statement not approved."""
        if not s.mark:
            return ""
        return (f'&nbsp;<span style="color:{RED}; font-weight:bold; font-size:7.5pt; '
                f'background-color:#fde8e8">&nbsp;{s.mark}&nbsp;</span>')

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
                f'{escape(title)}</span></td></tr></table>')

    def h3(self, title: str) -> str:
        return (f'<p style="margin-top:{pt(10)}px; margin-bottom:{pt(3)}px; color:{MUTED}; '
                f'font-size:7.5pt; font-weight:bold">{escape(title.upper())}</p>')

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
                f'color:{colour}; margin-top:0; margin-bottom:0">{escape(f.value)}</p>'
                f'<p style="color:{MUTED}; font-size:7pt; margin-top:0; margin-bottom:0">'
                f'{escape(f.label.upper())}</p></td>')
        return (f'<table width="100%" cellspacing="{pt(5)}" cellpadding="0" '
                f'style="margin-bottom:{pt(8)}px"><tr>{"".join(cells)}</tr></table>')

    def chart(self, block: BarChart) -> str:
        index = len(self.charts)
        self.charts.append(block)
        caption = (f'<p style="color:{MUTED}; font-size:8pt; margin-top:{pt(2)}px; '
                   f'margin-bottom:{pt(10)}px">{escape(block.caption)}</p>') if block.caption else ""
        return (f'<p style="font-weight:bold; font-size:9pt; margin-top:{pt(6)}px; '
                f'margin-bottom:{pt(4)}px">{escape(block.title)}</p>'
                f'<p style="margin:0">@@CHART{index}@@</p>{caption}')

    def _head(self, labels: list[tuple[str, str, bool]], title: str = "") -> str:
        """The header rows, repeated on every page the table runs onto. A title (a year)
        goes in the header too, so it can never be left alone at the foot of a page."""
        cells = "".join(
            f'<th width="{w}" align="{"right" if num else "left"}" style="white-space:nowrap; '
            f'color:{MUTED}; font-size:7.5pt; font-weight:bold; border-bottom:{pt(1)}px solid '
            f'{INK}; {pad(3, 4)}">{escape(label)}</th>'
            for label, w, num in labels)
        caption = ""
        if title:
            caption = (f'<tr><th colspan="{len(labels)}" align="left" style="color:{INK}; '
                       f'font-size:8.5pt; font-weight:bold; {pad(8, 0, 2, 0)}">{escape(title)}'
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
        # No border-collapse either: with no spacing and only bottom rules the page looks the
        # same, and Qt's collapsed-border model made laying out and drawing a long table
        # several times slower (each page paid for the whole table).
        return (f'<table width="100%" cellspacing="0" cellpadding="0">{head}{"".join(rows)}'
                f'</table><p style="margin:0; font-size:7pt">&nbsp;</p>')

    def table(self, block: Table) -> str:
        numeric = block.numeric or tuple(False for _ in block.headers)
        other = min(13, 70 // max(1, len(block.headers) - 1))
        widths = [f"{100 - other * (len(block.headers) - 1)}%"] + [f"{other}%"] * (len(block.headers) - 1)
        head = self._head([(h, w, n) for h, w, n in zip(block.headers, widths, numeric,
                                                        strict=False)], block.title)
        rows = ["<tr>" + "".join(self._td(escape(c), num=n) for c, n in zip(row, numeric, strict=False))
                + "</tr>" for row in block.rows]
        return self._table(head, rows)

    COLUMN_WIDTHS = {COL_DATE: "12%", COL_SPEAKER: "16%", COL_CHECK_BY: "12%",
                     COL_VERDICT: "15%", COL_OVERDUE: "12%", COL_ASSIGNEE: "13%"}

    def _cell(self, column: str, s: StatementView, block: StatementTable) -> str:
        if column == COL_DATE:
            return self._td(escape(short_date(s.stated_on)))
        if column == COL_CHECK_BY:
            return self._td(escape(short_date(s.check_by) or s.check_by_phrase or DASH))
        if column == COL_SPEAKER:
            return self._td(escape(s.speaker_name))
        if column == COL_VERDICT:
            return self._td(self.badge(s.verdict_label, s.verdict_colour)
                            + (f"<br/>{self.draft_badge(s)}" if s.draft else ""))
        if column == COL_OVERDUE:
            colour = RED if s.state == "overdue" else "#b45309"
            days = "" if s.days_overdue is None else \
                f"<br/>{self.muted(f'{s.days_overdue} day' + ('s' if s.days_overdue != 1 else ''), 8)}"
            return self._td(f'<span style="color:{colour}; font-weight:bold">{escape(s.state_label)}</span>{days}')
        if column == COL_ASSIGNEE:
            return self._td(escape(s.assignee or DASH))
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
        parts = citation_parts(c, escape, link)
        if not parts:
            return ""
        return self.muted(f"{escape(prefix)}: " + ". ".join(parts), 8)

    def evidence(self, e: EvidenceItem, compact: bool) -> str:
        head = ""
        if e.occurred_label:
            head = self.muted(escape(e.occurred_label), 8.5) + "&nbsp;&nbsp;"
        lines = [f'{head}<b>{escape(e.title or e.summary[:90])}</b>']
        if e.withdrawn:
            lines.insert(0, f'<span style="color:{RED}; font-weight:bold; font-size:8.5pt">'
                            f'{escape(withdrawn_text(e))}</span>')
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
            where = f" \u2014 in the package as {escape(a.package_path)}" if a.package_path else ""
            lines.append(self.muted(f"File: {escape(a.file_name)} ({a.size:,} bytes, SHA-256 "
                                    f"{escape(a.sha256[:16])}\u2026){where}", 8))
        return self._strip(MUTED if e.withdrawn else e.stance_colour, "<br/>".join(lines),
                           padding=5, bottom=6)

    def dossier(self, block: Dossier) -> str:
        s, compact = block.statement, block.compact
        out = []
        kicker = [s.kind_label, s.stated_label] if compact else [s.kind_label, f"ref. {s.short_id}"]
        out.append(f'<p style="color:{MUTED}; font-size:7.5pt; font-weight:bold; '
                   f'margin-top:{pt(8 if compact else 2)}px; margin-bottom:{pt(4)}px">'
                   f'{escape(DOT.join(k for k in kicker if k).upper())}{self.draft_badge(s)}</p>')
        quote = (f'<p style="font-family:\'{self.fonts.serif}\'; font-size:{12.5 if compact else 15}pt; '
                 f'line-height:130%; margin:0">\u201c{text_html(s.quote)}\u201d</p>')
        out.append(self._strip(s.verdict_colour, quote, padding=8, bottom=5))
        who = f"<b>{escape(s.speaker_name)}</b>"
        if s.speaker and s.speaker.description:
            who += f", {escape(s.speaker.description)}"
        out.append(f'<p style="margin-top:{pt(1)}px; margin-bottom:{pt(1)}px">\u2014 {who}, '
                   f'{escape(s.stated_label)}</p>')
        source = self.citation(s.source)
        if source:
            out.append(f'<p style="margin-top:0; margin-bottom:{pt(6)}px">{source}</p>')
        verdict = (self.badge(s.verdict_label, s.verdict_colour) + "&nbsp;&nbsp;"
                   + self.muted(escape(DOT.join(verdict_facts(s))), 8.5))
        if s.rationale:
            verdict += f'<br/><span style="line-height:135%">{text_html(s.rationale)}</span>'
        out.append(self._strip(s.verdict_colour, verdict, background=SOFT, padding=7, bottom=6))
        if not compact:
            rows = fact_rows(s, aside=lambda html: self.muted(html, 8.5),
                             original=lambda html: self.serif(html, 9.5))
            body = "".join(
                f'<tr><td width="26%" valign="top" style="color:{MUTED}; {pad(2, 0)}">'
                f'{escape(k)}</td><td valign="top" style="{pad(2, 0)}">{v}</td></tr>'
                for k, v in rows)
            out.append(f'<table width="100%" cellspacing="0" cellpadding="0" '
                       f'style="margin-top:{pt(4)}px; margin-bottom:{pt(4)}px">{body}</table>')
        elif s.expectation:
            check = f"{DOT}check by {escape(s.check_by_label)}" if s.check_by else ""
            out.append(f'<p style="margin-bottom:{pt(4)}px">'
                       f'{self.muted("Expected: " + text_html(s.expectation) + check, 8.5)}</p>')
        for stance, title in EVIDENCE_GROUPS:
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
                "<tr>" + self._td(escape(short_date(h.at[:10]))) + self._td(self.badge(h.label, h.colour))
                + self._td(escape(h.by or "")) + self._td(
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
                    f'{escape(s.approved_by)}</b> on {escape(long_date((s.approved_at or "")[:10]))}.')
            return self._strip("#2e7d32", body, background=SOFT, padding=7, bottom=12)
        if s.retracted:
            what = escape(retraction_text(s))
        else:
            what = f"Not approved (review: {escape(s.review_label.lower())})"
        body = (f'<span style="color:{RED}"><b>{s.mark}</b> \u2014 {what}. '
                "Not for publication.</span>")
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
