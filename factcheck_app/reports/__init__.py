"""Reports and exports: turn a report model into files.

    model.py        the Report: title page facts plus sections of blocks (no Qt, no SQL)
    common.py       what the renderers share: escaping, safe links, citation and fact wording
    pdf.py          PDF through Qt (QPdfWriter, QTextDocument, QPainter), and page previews;
                    with pdf_layout.py (pages), pdf_blocks.py (the body), pdf_style.py
                    (units, colours, fonts): the only modules here that use Qt
    html.py         one self-contained, print-friendly HTML file, every user text escaped;
                    its stylesheet in html_style.py
    charts.py       SVG bar charts as text, and the geometry the PDF painter shares
    markdown.py     Markdown
    data.py         JSON (factcheck.statements/1, factcheck.report/1) and CSV, documented
    claimreview.py  schema.org ClaimReview JSON-LD
    package.py      the verifiable .zip: report, data, evidence files, SHA-256 manifest

services/reports.py gathers the data through the read services and calls these.
"""
