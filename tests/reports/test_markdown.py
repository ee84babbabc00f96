"""The Markdown report escapes user text for Markdown and for HTML."""

from __future__ import annotations

from factcheck_app.reports.markdown import md
from factcheck_app.services.reports import ExportRequest, render

from .helpers import XSS, statement_id


def test_escaping():
    assert md(XSS) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md("[x](javascript:1)") == "\\[x\\](javascript:1)"
    assert md("a | b") == "a \\| b"
    assert md("# not a heading") == "\\# not a heading"
    assert md("1. not a list") == "1\\. not a list"
    assert md("line\nbreak") == "line break"


def test_hostile_dossier(hostile):
    sid = statement_id(hostile, "-Mallory <b>bold</b>")
    text = render(hostile, ExportRequest(format="md", output="-", report="dossier",
                                         statement_ids=(sid,))).decode()
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\[x\\](javascript:1)" in text  # brackets escaped: no link is made
    assert "[x](javascript" not in text


def test_period_markdown_has_chart_and_tables(demo):
    text = render(demo, ExportRequest(format="md", output="-", report="period")).decode()
    assert "# Statements and outcomes" in text
    assert "```text" in text and "Broken" in text
    assert "| Said | Speaker | Statement | Verdict |" in text
    assert "Reviewed and approved by Rob Kessler" in text
