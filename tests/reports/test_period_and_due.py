"""Which statements the period report and the due list hold, read back from
`factcheck export`: a period holds what was said or rated in it and nothing else; a
published due list lists statements still awaiting a verdict, whatever their review."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factcheck_app.cli import main
from factcheck_app.services import evidence as ev
from factcheck_app.services import review, statements


def _add(ws, quote: str, stated: str, **fields) -> str:
    return statements.add_statement(ws, quote=quote, speaker="Ivan Example", stated_on=stated,
                                    kind="promise", **fields).created


def _rate(ws, statement_id: str, verdict: str, *, approve: bool) -> None:
    evidence = ev.add_evidence(ws, summary="The report came out", occurred_on="2021-01-05").created
    ev.link(ws, statement_id=statement_id, evidence_id=evidence, stance="contradicts")
    statements.set_verdict(ws, statement_id=statement_id, verdict=verdict,
                           rationale="It did not happen", confidence=0.9)
    if approve:
        review.submit(ws, statement_id=statement_id)
        ws.sign_in("rob")
        review.approve(ws, statement_id=statement_id)
        ws.sign_in("ana")


def _export(path, capsys, *args: str) -> dict:
    assert main(["export", str(path), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def _quotes(doc: dict) -> list[str]:
    return [s["quote"] for s in doc["statements"]]


@pytest.fixture
def period_ws(ws):
    """Statements said before, in and after 2020; two said in 2019 and rated today."""
    ws.sign_in("ana")
    _add(ws, "Said before the period", "2019-06-01")
    _add(ws, "Said early in the period", "2020-01-01")
    _add(ws, "Said in the period, month only", "2020-07")
    _add(ws, "Said late in the period", "2020-12-31")
    _add(ws, "Said after the period", "2021-01-01")
    _rate(ws, _add(ws, "Said before, rated today, approved", "2019-05-01"), "broken",
          approve=True)
    _rate(ws, _add(ws, "Said before, rated today, a draft", "2019-05-02"), "broken",
          approve=False)
    return ws


def test_period_report_holds_what_was_said_in_the_period(period_ws, capsys):
    doc = _export(period_ws.path, capsys, "--report", "period", "--from", "2020",
                  "--to", "2020", "--include-drafts")
    assert _quotes(doc) == ["Said early in the period", "Said in the period, month only",
                            "Said late in the period"]


def test_period_report_adds_what_was_rated_in_the_period(period_ws, capsys):
    today = date.today().isoformat()
    with_drafts = _export(period_ws.path, capsys, "--report", "period", "--from", today,
                          "--to", today, "--include-drafts")
    assert _quotes(with_drafts) == ["Said before, rated today, approved",
                                    "Said before, rated today, a draft"]
    published = _export(period_ws.path, capsys, "--report", "period", "--from", today,
                        "--to", today)
    assert _quotes(published) == ["Said before, rated today, approved"]
    assert all(s["draft"] is False for s in published["statements"])


def test_published_due_list_lists_statements_awaiting_a_verdict(ws, capsys):
    ws.sign_in("ana")
    _add(ws, "A draft, overdue", "2020-01-01", expectation="It opens",
         check_by="2020-06-30")
    submitted = _add(ws, "In review, overdue", "2020-01-01", expectation="It opens",
                     check_by="2020-07-31")
    review.submit(ws, statement_id=submitted)
    _add(ws, "Not due yet", "2020-01-01", expectation="It opens", check_by="2999-01-01")
    rated = _add(ws, "Rated, so not due", "2020-01-01", expectation="It opens",
                 check_by="2020-06-30")
    _rate(ws, rated, "broken", approve=True)
    assert main(["export", str(ws.path), "--format", "md", "--report", "due"]) == 0
    text = capsys.readouterr().out
    assert "A draft, overdue" in text and "In review, overdue" in text
    assert "Not due yet" not in text and "Rated, so not due" not in text
    assert "DRAFT" not in text
    assert "every statement listed still awaits a verdict" in text
    # the due list still obeys the filter and is the same with drafts included
    drafts = _export(ws.path, capsys, "--report", "due", "--include-drafts")
    published = _export(ws.path, capsys, "--report", "due")
    assert _quotes(drafts) == _quotes(published) == ["A draft, overdue", "In review, overdue"]


def test_published_due_list_pdf_says_what_it_holds(ws, tmp_path):
    from .helpers import pdf_pages

    ws.sign_in("ana")
    _add(ws, "A draft, overdue", "2020-01-01", expectation="It opens", check_by="2020-06-30")
    out = tmp_path / "due.pdf"
    assert main(["export", str(ws.path), "--format", "pdf", "--report", "due",
                 "-o", str(out)]) == 0
    text = " ".join(" ".join(page.split()) for page in pdf_pages(out))
    assert "A draft, overdue" in text
    assert "Statements awaiting a verdict" in text and "Approved assessments only" not in text
    assert "DRAFT" not in text
