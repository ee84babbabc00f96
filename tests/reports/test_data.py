"""JSON and CSV: documented, versioned, readable by the standard readers."""

from __future__ import annotations

import csv
import io
import json

from factcheck_app.reports import data
from factcheck_app.services import export as legacy
from factcheck_app.services.reports import ExportRequest, render

from .helpers import HOSTILE_QUOTE


def test_report_json_schema(demo):
    doc = json.loads(render(demo, ExportRequest(format="json", output="-", report="period")))
    assert doc["schema"] == "factcheck.report/1"
    assert doc["report"]["kind"] == "period"
    assert doc["report"]["include_drafts"] is False
    assert [lv["key"] for lv in doc["verdict_scale"]][:2] == ["pending", "held"]
    assert doc["statements"], "the approved statements are in"
    for s in doc["statements"]:
        assert tuple(s) == data.STATEMENT_KEYS
        assert s["review_state"] == "approved" and s["draft"] is False
    makei = next(s for s in doc["statements"] if s["speaker"] == "Vladimir Makei")
    assert makei["verdict"] == "broken" and makei["verdict_label"] == "Broken"
    assert makei["approved_by"] == "Rob Kessler"
    evidence = makei["evidence"][0]
    assert evidence["stance"] == "contradicts" and evidence["occurred_on"] == "2022-02-24"
    assert evidence["attachments"][0]["sha256"]
    assert makei["verdict_history"][0]["label"] == "Broken"


def test_full_data_export_keeps_its_schema_and_drafts(demo):
    doc = json.loads(legacy.to_json(demo))
    assert doc["schema"] == "factcheck.statements/1"
    assert len(doc["statements"]) == 12  # every statement, drafts included
    states = {s["review_state"] for s in doc["statements"]}
    assert {"draft", "approved"} <= states
    # the same through the export use case without --report
    assert json.loads(render(demo, ExportRequest(format="json", output="-"))) == doc


def test_csv_columns_and_utf8(demo):
    text = render(demo, ExportRequest(format="csv", output="-")).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == data.CSV_COLUMNS
    assert len(rows) == 12
    assert any("Russian\u2013Belarusian" in r["expectation"] for r in rows)  # UTF-8 kept
    assert text.endswith("\r\n")
    assert legacy.to_csv(demo) == text


def test_csv_neutralises_formulas(hostile):
    text = render(hostile, ExportRequest(format="csv", output="-", report="period")).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    row = next(r for r in rows if "HYPERLINK" in r["quote"])
    assert row["quote"] == "'" + HOSTILE_QUOTE
    assert row["expectation"] == "'+SUM(A1:A9)"
    assert row["speaker"] == "'-Mallory <b>bold</b>"
    assert row["verdict_rationale"].startswith("'@rationale")
    for r in rows:
        for value in r.values():
            assert not value or value[0] not in "=+-@\t\r"


def test_safe_cell():
    assert data.safe_cell("=1+1") == "'=1+1"
    assert data.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert data.safe_cell("\tx") == "'\tx"
    assert data.safe_cell("plain") == "plain"
    assert data.safe_cell(None) == ""
    assert data.safe_cell(["a", "b"]) == "a, b"
    assert legacy.safe_cell("-2") == "'-2"
