"""The HTML report's stylesheet: screen and print (paged media) in one <style> element.

The only user text in it, the running header, is written with `css_string`, so it
can neither end its string nor the <style> element.
"""

from __future__ import annotations

from .model import Report

SERIF = "Georgia, 'Iowan Old Style', 'Source Serif Pro', 'DejaVu Serif', 'Times New Roman', serif"
SANS = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
        "'DejaVu Sans', sans-serif")


def css_string(text: str) -> str:
    """A CSS string literal whose content cannot end the string or the <style> element."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,\u00b7:;()'-/&!?":
            out.append(ch if ch not in "&" else "\\26 ")
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


def stylesheet(report: Report) -> str:
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
ol.evidence li.withdrawn-item {{ border-left-color: #9aa0a6; }}
.withdrawn-item .ev-head {{ text-decoration: line-through; color: var(--muted); }}
.withdrawn {{ color: #b91c1c; font-weight: 700; font-size: 13px; }}
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
