"""The HTML report: one self-contained, print-friendly file.

Styles and charts (SVG, written as text) are inline; nothing is fetched. Every
piece of user text goes through `escape`, links are made only from http(s)
URLs, colours only from #rgb/#rrggbb values, and the ClaimReview JSON-LD is
written so that no text can close its <script> element. That JSON-LD element is
the only <script> in the page.
"""

from __future__ import annotations

from html import escape as _escape
from urllib.parse import urlsplit

from . import claimreview
from .charts import bar_chart_svg
from .model import (
    COL_ASSIGNEE, COL_CHECK_BY, COL_DATE, COL_OVERDUE, COL_SPEAKER, COL_VERDICT,
    COLUMN_LABELS, DRAFT_MARK, METHOD, BarChart, Citation, Dossier, EvidenceItem, Figures, Paragraph,
    Report, Section, StatementTable, StatementView, Table, long_date, percent, safe_colour,
    short_date,
)

SERIF = "Georgia, 'Iowan Old Style', 'Source Serif Pro', 'DejaVu Serif', 'Times New Roman', serif"
SANS = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
        "'DejaVu Sans', sans-serif")


DASH = "\u2013"
DOT = " \u00b7 "


def escape(text: object) -> str:
    return _escape("" if text is None else str(text), quote=True)


def text_html(text: str | None) -> str:
    """Escaped text keeping its line breaks."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def link(url: str | None, label: str | None = None) -> str:
    """A link for http(s) URLs only; anything else (javascript:, data:) stays plain text."""
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https"):
        return f'<a href="{escape(url.strip())}">{escape(label or url)}</a>'
    return f'<span class="url">{escape(label or url)}</span>'


def css_string(text: str) -> str:
    """A CSS string literal whose content cannot end the string or the <style> element."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,\u00b7:;()'-/&!?":
            out.append(ch if ch not in "&" else "\\26 ")
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


def _css(report: Report) -> str:
    size = "A4" if report.page_size == "a4" else "letter"
    header = css_string(report.running_header)
    draft = css_string("DRAFT \u2014 not for publication") if report.draft else "none"
    return f"""
:root {{ --ink:#1f2328; --muted:#5f6670; --rule:#d9dce1; --soft:#f5f6f8; --accent:#0f4c81; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; color: var(--ink); background: #fff; font: 15px/1.55 {SANS}; }}
.page {{ max-width: 880px; margin: 0 auto; padding: 0 28px 48px; }}
a {{ color: var(--accent); overflow-wrap: anywhere; }}
.url {{ overflow-wrap: anywhere; }}
.masthead {{ display: flex; justify-content: space-between; align-items: baseline; gap: 16px;
  border-bottom: 3px solid var(--ink); padding: 22px 0 8px; }}
.masthead .org {{ font-weight: 700; font-size: 17px; letter-spacing: .02em; }}
.masthead .org a {{ color: inherit; text-decoration: none; }}
.masthead .kind {{ color: var(--muted); font-size: 13px; text-transform: uppercase;
  letter-spacing: .08em; }}
.cover {{ padding: 40px 0 24px; border-bottom: 1px solid var(--rule); }}
.eyebrow {{ color: var(--accent); font-size: 13px; font-weight: 700; text-transform: uppercase;
  letter-spacing: .1em; margin: 0 0 10px; }}
h1 {{ font: 700 34px/1.18 {SERIF}; margin: 0 0 12px; letter-spacing: -.01em; }}
.subtitle {{ font: 19px/1.45 {SERIF}; color: #3d434b; margin: 0 0 26px; }}
.meta {{ display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 24px;
  font-size: 14px; }}
.meta dt {{ color: var(--muted); }}
.meta dd {{ margin: 0; }}
.method {{ font-size: 14px; color: #3d434b; max-width: 640px; }}
.policy {{ font-size: 13.5px; color: var(--muted); border-left: 3px solid var(--rule);
  padding-left: 10px; }}
.legend {{ font-size: 12.5px; color: var(--muted); margin-top: 10px; }}
.legend span {{ display: inline-block; margin-right: 14px; }}
.swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 2px;
  margin-right: 5px; vertical-align: -1px; }}
h2 {{ font: 700 23px/1.25 {SERIF}; margin: 40px 0 14px; padding-bottom: 6px;
  border-bottom: 1px solid var(--rule); }}
h3 {{ font-size: 13px; text-transform: uppercase; letter-spacing: .07em; color: var(--muted);
  margin: 22px 0 8px; }}
p {{ margin: 0 0 12px; }}
.muted {{ color: var(--muted); }}
.notice {{ background: #fff6dc; border: 1px solid #f0d58a; color: #6b4e00; padding: 8px 12px;
  border-radius: 4px; font-size: 14px; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 18px; }}
.figure {{ flex: 1 1 120px; border: 1px solid var(--rule); border-top: 4px solid var(--c, var(--ink));
  border-radius: 4px; padding: 10px 12px; }}
.figure .n {{ font: 700 28px/1.1 {SERIF}; color: var(--c, var(--ink)); }}
.figure .l {{ font-size: 12.5px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .05em; }}
figure.chart-box {{ margin: 10px 0 22px; }}
figure.chart-box figcaption {{ font-size: 13px; color: var(--muted); margin-top: 4px; }}
.chart-title {{ font-weight: 600; font-size: 14px; margin-bottom: 6px; }}
table {{ width: 100%; border-collapse: collapse; margin: 6px 0 20px; font-size: 14px; }}
thead {{ display: table-header-group; }}
th {{ text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); border-bottom: 2px solid var(--ink); padding: 6px 8px; }}
td {{ border-bottom: 1px solid var(--rule); padding: 8px; vertical-align: top;
  overflow-wrap: anywhere; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.nowrap {{ white-space: nowrap; }}
tr {{ break-inside: avoid; }}
.q {{ font-family: {SERIF}; font-size: 15.5px; }}
.sub {{ color: var(--muted); font-size: 13px; margin-top: 3px; }}
.badge {{ display: inline-block; color: #fff; font-size: 11.5px; font-weight: 700;
  letter-spacing: .05em; text-transform: uppercase; padding: 2px 7px; border-radius: 3px;
  white-space: nowrap; }}
.badge.draft {{ background: #fff; color: #b91c1c; border: 1.5px solid #b91c1c; padding: 1px 6px; }}
.late {{ color: #b91c1c; font-weight: 600; }}
.dueish {{ color: #b45309; font-weight: 600; }}
.dossier {{ margin: 0 0 28px; }}
.kicker {{ font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em;
  margin-bottom: 8px; }}
blockquote.quote {{ margin: 0 0 10px; padding: 4px 0 4px 18px; border-left: 5px solid var(--v);
  font: 22px/1.4 {SERIF}; }}
.compact blockquote.quote {{ font-size: 18px; }}
.attribution {{ color: #3d434b; font-size: 14.5px; }}
.verdict {{ background: var(--soft); border-radius: 4px; padding: 12px 14px; margin: 14px 0;
  border-left: 5px solid var(--v); }}
.verdict .badge {{ font-size: 13px; padding: 3px 9px; margin-right: 8px; }}
.verdict .facts-line {{ color: var(--muted); font-size: 13.5px; }}
.verdict p {{ margin: 8px 0 0; }}
dl.facts {{ display: grid; grid-template-columns: 150px 1fr; gap: 6px 16px; margin: 12px 0;
  font-size: 14.5px; }}
dl.facts dt {{ color: var(--muted); }}
dl.facts dd {{ margin: 0; }}
ol.evidence {{ list-style: none; padding: 0; margin: 0; }}
ol.evidence li {{ border-left: 3px solid var(--s); padding: 2px 0 2px 12px; margin: 0 0 14px;
  break-inside: avoid; }}
.ev-head {{ font-weight: 600; }}
.ev-date {{ color: var(--muted); font-weight: 400; margin-right: 6px; }}
.excerpt {{ font-family: {SERIF}; font-style: italic; color: #3d434b; margin: 6px 0; }}
.cite {{ font-size: 13px; color: var(--muted); }}
.signoff {{ border: 1px solid var(--rule); border-radius: 4px; padding: 10px 14px; font-size: 14px;
  margin-top: 16px; }}
.signoff.pending {{ border-color: #b91c1c; color: #b91c1c; }}
.foot {{ margin-top: 48px; border-top: 1px solid var(--rule); padding-top: 10px; font-size: 12.5px;
  color: var(--muted); }}
.draft-banner {{ background: #b91c1c; color: #fff; text-align: center; font-weight: 700;
  letter-spacing: .08em; padding: 6px 10px; font-size: 13px; position: sticky; top: 0;
  z-index: 2; }}
.watermark {{ display: none; }}
@page {{ size: {size}; margin: 18mm 16mm 18mm;
  @top-left {{ content: {header}; font: 8pt {SANS}; color: #6b7280; }}
  @top-right {{ content: {draft}; font: bold 8pt {SANS}; color: #b91c1c; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8pt {SANS};
    color: #6b7280; }} }}
@media print {{
  body {{ font-size: 10.5pt; }}
  .page {{ max-width: none; padding: 0; }}
  a {{ color: inherit; text-decoration: none; }}
  .cover {{ break-after: page; border: 0; min-height: 60vh; }}
  .new-page {{ break-before: page; }}
  h2, h3 {{ break-after: avoid; }}
  .dossier, .figure, figure.chart-box {{ break-inside: avoid-page; }}
  .draft-banner {{ position: static; padding: 3px; font-size: 8pt; }}
  .watermark {{ display: block; position: fixed; top: 40%; left: 0; right: 0; text-align: center;
    font: 700 120pt/1 {SANS}; color: rgba(185, 28, 28, .08); transform: rotate(-30deg);
    z-index: -1; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""


def _badge(label: str, colour: str) -> str:
    return f'<span class="badge" style="background:{safe_colour(colour)}">{escape(label)}</span>'


def _draft_badge(s: StatementView) -> str:
    return f' <span class="badge draft">{DRAFT_MARK}</span>' if s.draft else ""


def _citation(c: Citation, prefix: str = "Source") -> str:
    if not c and not c.location:
        return ""
    parts = [escape(c.text())] if c.text() else []
    if c.url:
        parts.append(link(c.url))
    return f'<p class="cite">{escape(prefix)}: {". ".join(parts)}</p>' if parts else ""


def _figures(block: Figures) -> str:
    cells = []
    for f in block.items:
        style = f' style="--c:{safe_colour(f.colour)}"' if f.colour else ""
        cells.append(f'<div class="figure"{style}><div class="n">{escape(f.value)}</div>'
                     f'<div class="l">{escape(f.label)}</div></div>')
    return f'<div class="figures">{"".join(cells)}</div>'


def _chart(block: BarChart) -> str:
    caption = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
    return (f'<figure class="chart-box"><div class="chart-title">{escape(block.title)}</div>'
            f"{bar_chart_svg(block)}{caption}</figure>")


def _table(block: Table) -> str:
    numeric = block.numeric or tuple(False for _ in block.headers)
    head = "".join(f'<th{" class=num" if n else ""}>{escape(h)}</th>'
                   for h, n in zip(block.headers, numeric, strict=False))
    rows = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{escape(c)}</td>'
                                    for c, n in zip(row, numeric, strict=False)) + "</tr>"
                   for row in block.rows)
    title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _status(s: StatementView) -> str:
    if s.days_overdue is None:
        return escape(s.state_label)
    css = "late" if s.state == "overdue" else "dueish"
    days = f"{s.days_overdue} day{'s' if s.days_overdue != 1 else ''}"
    return f'<span class="{css}">{escape(s.state_label)}</span><div class="sub">{days}</div>'


def _cell(column: str, s: StatementView, block: StatementTable) -> str:
    if column == COL_DATE:
        return f'<td class="nowrap">{escape(short_date(s.stated_on))}</td>'
    if column == COL_CHECK_BY:
        return f'<td class="nowrap">{escape(short_date(s.check_by) or s.check_by_phrase or DASH)}</td>'
    if column == COL_SPEAKER:
        return f"<td>{escape(s.speaker_name)}</td>"
    if column == COL_VERDICT:
        return f"<td>{_badge(s.verdict_label, s.verdict_colour)}{_draft_badge(s)}</td>"
    if column == COL_OVERDUE:
        return f'<td class="nowrap">{_status(s)}</td>'
    if column == COL_ASSIGNEE:
        return f"<td>{escape(s.assignee or DASH)}</td>"
    parts = [f'<div class="q">\u201c{text_html(s.quote)}\u201d</div>']
    if block.show_expectation and s.expectation:
        parts.append(f'<div class="sub">Expected: {text_html(s.expectation)}</div>')
    if block.show_rationale and s.rationale:
        parts.append(f'<div class="sub">Verdict: {text_html(s.rationale)}</div>')
    return f'<td><a class="anchor" id="row-{escape(s.id)}"></a>{"".join(parts)}</td>'


def _statement_table(block: StatementTable) -> str:
    if not block.statements:
        return f'<p class="muted">{escape(block.empty)}</p>'
    head = "".join(f"<th>{escape(COLUMN_LABELS[c])}</th>" for c in block.columns)
    rows = "".join("<tr>" + "".join(_cell(c, s, block) for c in block.columns) + "</tr>"
                   for s in block.statements)
    title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _evidence_item(e: EvidenceItem, compact: bool) -> str:
    head = []
    if e.occurred_label:
        head.append(f'<span class="ev-date">{escape(e.occurred_label)}</span>')
    head.append(escape(e.title or e.summary[:90]))
    parts = [f'<div class="ev-head">{"".join(head)}</div>']
    if e.title or not compact:
        parts.append(f"<div>{text_html(e.summary)}</div>")
    if e.excerpt and not compact:
        parts.append(f'<div class="excerpt">\u201c{text_html(e.excerpt)}\u201d</div>')
    if e.note:
        parts.append(f'<div class="sub">Why it matters: {text_html(e.note)}</div>')
    cite = _citation(e.citation)
    if cite:
        parts.append(cite)
    for a in e.attachments:
        where = f" \u2014 in this package as {escape(a.package_path)}" if a.package_path else ""
        parts.append(f'<p class="cite">File: {escape(a.file_name)} ({a.size:,} bytes, SHA-256 '
                     f"{escape(a.sha256[:16])}\u2026){where}</p>")
    return (f'<li style="--s:{safe_colour(e.stance_colour)}">{"".join(parts)}</li>')


EVIDENCE_GROUPS = (("contradicts", "Evidence against"), ("supports", "Evidence for"),
                   ("context", "Context"))


def _dossier(block: Dossier) -> str:
    s = block.statement
    compact = block.compact
    colour = safe_colour(s.verdict_colour)
    out = [f'<article class="dossier{" compact" if compact else ""}" id="claim-{escape(s.id)}" '
           f'style="--v:{colour}">']
    kicker = [s.kind_label, s.stated_label] if compact else [s.kind_label, f"ref. {s.short_id}"]
    out.append(f'<div class="kicker">{escape(DOT.join(k for k in kicker if k))}'
               f"{_draft_badge(s)}</div>")
    out.append(f'<blockquote class="quote">\u201c{text_html(s.quote)}\u201d</blockquote>')
    who = f"<strong>{escape(s.speaker_name)}</strong>"
    if s.speaker and s.speaker.description:
        who += f", {escape(s.speaker.description)}"
    out.append(f'<p class="attribution">\u2014 {who}, {escape(s.stated_label)}</p>')
    if not compact or s.source:
        out.append(_citation(s.source))
    facts = []
    if s.rating is not None or s.confidence is not None or s.resolved_on:
        if s.confidence is not None:
            facts.append(f"confidence {percent(s.confidence)}")
        if s.resolved_on:
            facts.append(f"rated {long_date(s.resolved_on)}")
    out.append('<div class="verdict">' + _badge(s.verdict_label, s.verdict_colour)
               + f'<span class="facts-line">{escape(DOT.join(facts))}</span>'
               + (f"<p>{text_html(s.rationale)}</p>" if s.rationale else "") + "</div>")
    if not compact:
        rows = []
        if s.expectation:
            rows.append(("What would show it held", text_html(s.expectation)))
        check = escape(s.check_by_label) if s.check_by else "no date set"
        if s.check_by_phrase:
            check += f' <span class="muted">(\u201c{escape(s.check_by_phrase)}\u201d)</span>'
        rows.append(("Check by", check))
        rows.append(("Kind", escape(s.kind_label)))
        if s.tags:
            rows.append(("Tags", escape(", ".join(s.tags))))
        if s.original_text and s.original_text != s.quote:
            lang = f" ({escape(s.original_language)})" if s.original_language else ""
            rows.append((f"Original{lang}", f'<span class="q">{text_html(s.original_text)}</span>'))
        rows.append(("Review", escape(s.review_label)))
        out.append('<dl class="facts">' + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>"
                                                  for k, v in rows) + "</dl>")
    elif s.expectation:
        out.append(f'<p class="sub">Expected: {text_html(s.expectation)}'
                   + (f" \u00b7 check by {escape(s.check_by_label)}" if s.check_by else "")
                   + "</p>")
    for stance, title in EVIDENCE_GROUPS:
        items = s.evidence_with(stance)
        if items:
            out.append(f"<h3>{escape(title)}</h3><ol class=\"evidence\">"
                       + "".join(_evidence_item(e, compact) for e in items) + "</ol>")
    if not s.evidence and not compact:
        out.append('<h3>Evidence</h3><p class="muted">No evidence is linked.</p>')
    if s.history and not compact:
        rows = "".join(
            f'<tr><td class="nowrap">{escape(long_date(h.at[:10]))}</td>'
            f"<td>{_badge(h.label, h.colour)}</td><td>{escape(h.by or '')}</td>"
            f"<td>{text_html(h.rationale or '')}"
            + (f' <span class="muted">({percent(h.confidence)})</span>' if h.confidence is not None
               else "") + "</td></tr>" for h in s.history)
        out.append("<h3>Verdict history</h3><table><thead><tr><th>Date</th><th>Verdict</th>"
                   f"<th>By</th><th>Rationale</th></tr></thead><tbody>{rows}</tbody></table>")
    out.append(_signoff(s))
    out.append("</article>")
    return "".join(out)


def _signoff(s: StatementView) -> str:
    if not s.draft and s.approved_by:
        return (f'<div class="signoff">Reviewed and approved by <strong>{escape(s.approved_by)}'
                f"</strong> on {escape(long_date((s.approved_at or '')[:10]))}.</div>")
    return (f'<div class="signoff pending"><strong>{DRAFT_MARK}</strong> \u2014 not approved '
            f"(review: {escape(s.review_label.lower())}). Not for publication.</div>")


def _block(block) -> str:
    if isinstance(block, Paragraph):
        css = {"muted": "muted", "notice": "notice", "draft": "notice"}.get(block.tone, "")
        return f'<p class="{css}">{text_html(block.text)}</p>' if css else f"<p>{text_html(block.text)}</p>"
    if isinstance(block, Figures):
        return _figures(block)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, StatementTable):
        return _statement_table(block)
    if isinstance(block, Dossier):
        return _dossier(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


def _section(section: Section) -> str:
    cls = ' class="new-page"' if section.new_page else ""
    title = f"<h2>{escape(section.title)}</h2>" if section.title else ""
    return f"<section{cls}>{title}{''.join(_block(b) for b in section.blocks)}</section>"


def render_html(report: Report, claim_reviews: list[dict] | None = None) -> str:
    org = escape(report.organisation)
    org_html = (link(report.organisation_url, report.organisation)
                if report.organisation_url else org)
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in report.scope)
    meta += f"<dt>Published by</dt><dd>{org}</dd><dt>Date</dt><dd>{escape(report.generated_label)}</dd>"
    legend = "".join(f'<span><i class="swatch" style="background:{safe_colour(b.colour)}"></i>'
                     f"{escape(b.label)}</span>" for b in report.legend)
    figures = _figures(Figures(report.cover_figures)) if report.cover_figures else ""
    banner = ""
    if report.draft:
        banner = (f'<div class="draft-banner" role="note">{DRAFT_MARK} \u2014 includes assessments '
                  'not yet approved. Not for publication.</div>'
                  f'<div class="watermark" aria-hidden="true">{DRAFT_MARK}</div>')
    jsonld = ""
    if claim_reviews:
        jsonld = ('<script type="application/ld+json">'
                  f"{claimreview.for_script_tag(claim_reviews)}</script>")
    body = "".join(_section(s) for s in report.sections)
    title = f"{report.kind_label}: {report.title} \u2014 {report.organisation}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Factcheck">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style>{_css(report)}</style>
{jsonld}
</head>
<body class="{'is-draft' if report.draft else 'is-published'}">
{banner}
<div class="page">
<header class="masthead"><span class="org">{org_html}</span><span class="kind">{escape(report.kind_label)}</span></header>
<section class="cover">
<p class="eyebrow">{escape(report.kind_label)}{DOT + DRAFT_MARK if report.draft else ''}</p>
<h1>{escape(report.title)}</h1>
<p class="subtitle">{escape(report.subtitle)}</p>
<dl class="meta">{meta}</dl>
{figures}
<p class="method"><strong>How this works.</strong> {escape(METHOD)}</p>
<p class="policy">{escape(report.policy)}</p>
<div class="legend">Verdict scale: {legend}</div>
</section>
<main>{body}</main>
<footer class="foot">{org} \u00b7 {escape(report.kind_label)} \u00b7 generated {escape(report.generated_label)} with Factcheck.
{escape(report.policy)}</footer>
</div>
</body>
</html>
"""
