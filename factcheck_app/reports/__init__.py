"""Reports and exports: turn a report model into files.

    model.py        the Report: title page facts plus sections of blocks (no Qt, no SQL)
    pdf.py          PDF through Qt (QPdfWriter, QTextDocument, QPainter); the only Qt module
    html.py         one self-contained, print-friendly HTML file, every user text escaped
    charts.py       SVG bar charts as text, and the geometry the PDF painter shares
    markdown.py     Markdown
    data.py         JSON (factcheck.statements/1, factcheck.report/1) and CSV, documented
    claimreview.py  schema.org ClaimReview JSON-LD
    package.py      the verifiable .zip: report, data, evidence files, SHA-256 manifest

services/reports.py gathers the data through the read services and calls these.
"""
