"""Reports with drafts: a retracted statement is marked RETRACTED with its reason, retracted
evidence is marked withdrawn wherever evidence is listed, and the verdict mix counts
approved verdicts only, the others apart. Read back from the PDF, HTML and Markdown."""

from __future__ import annotations

import pytest

from factcheck_app.services import evidence as ev
from factcheck_app.services import queries, removal, review
from factcheck_app.services.demo import build_demo
from factcheck_app.services.report_build import build_report
from factcheck_app.services.report_request import ExportRequest
from factcheck_app.services.reports import export
from factcheck_app.services.workspace import Workspace

from .helpers import pdf_pages, statement_id

WHY_STATEMENT = "The quote was misattributed to the minister"
WHY_EVIDENCE = "The aircraft photos were from 2021"


@pytest.fixture(scope="module")
def retracted_path(tmp_path_factory):
    """The sample workspace; Makei's approved statement retracted, and the evidence of
    Russian aircraft (supporting the draft "brothers" statement) withdrawn."""
    path = tmp_path_factory.mktemp("retracted") / "r.factcheck"
    ws = build_demo(path)
    try:
        ws.sign_in("rob")
        review.retract(ws, statement_id=statement_id(ws, "Vladimir Makei"), reason=WHY_STATEMENT)
        aircraft = next(e for e in ev.list_evidence(ws) if e["title"].startswith("Russian aircraft"))
        removal.retract_evidence(ws, evidence_id=aircraft["id"], reason=WHY_EVIDENCE)
    finally:
        ws.close()
    return path


@pytest.fixture
def retracted(retracted_path):
    with Workspace.open(retracted_path, readonly=True, backup_on_open=False) as ws:
        yield ws


def _text(ws, tmp_path, fmt: str, **request) -> str:
    out = export(ws, ExportRequest(format=fmt, output=tmp_path / f"r.{fmt}", include_drafts=True,
                                   **request))
    if fmt == "pdf":
        return " ".join(" ".join(pdf_pages(out)).split())
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_retracted_statement_is_marked_retracted_with_its_reason(retracted, tmp_path, fmt):
    makei = statement_id(retracted, "Vladimir Makei")
    text = _text(retracted, tmp_path, fmt, report="dossier", statement_ids=(makei,))
    assert "RETRACTED" in text
    assert WHY_STATEMENT in text
    assert "by Rob Kessler" in text
    assert "DRAFT \u2014 Not approved" not in text and "DRAFT</strong>" not in text
    # the period report's tables mark it the same way
    assert "RETRACTED" in _text(retracted, tmp_path, fmt, report="period")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_retracted_evidence_is_marked_withdrawn_with_its_reason(retracted, tmp_path, fmt):
    brothers = next(s["id"] for s in queries.list_statements(retracted)
                    if s["quote"].startswith("We support and will continue"))
    dossier = _text(retracted, tmp_path, fmt, report="dossier", statement_ids=(brothers,))
    assert "Withdrawn on" in dossier and WHY_EVIDENCE in dossier
    # the speaker report lists it too, in the compact card of each rated statement
    speaker = _text(retracted, tmp_path, fmt, report="speaker", speaker="Aleksandr Lukashenko")
    assert WHY_EVIDENCE in speaker
    published = _text(retracted, tmp_path, fmt, report="dossier", statement_ids=(
        statement_id(retracted, "Dmitri Peskov"),))
    assert "Withdrawn" not in published  # evidence still standing is not marked


def test_the_verdict_mix_counts_approved_verdicts_and_the_rest_apart(retracted):
    report = build_report(retracted, ExportRequest(format="md", output="-", report="period",
                                                   include_drafts=True))
    chart = next(b for b in report.all_blocks() if hasattr(b, "bars"))
    bars = {bar.label: bar.value for bar in chart.bars}
    # approved: Peskov broken, the medical kit unverifiable; rated but not approved: the
    # "brothers" draft (held) and Makei's retracted statement (broken)
    assert bars["Broken"] == 1 and bars["Held"] == 0 and bars["Unverifiable"] == 1
    assert bars["Rated, not yet approved"] == 2
    figures = {f.label: f.value for f in report.cover_figures}
    assert figures["Broken"] == "1" and figures["rated, not yet approved"] == "2"
    table = next(b for b in report.all_blocks() if getattr(b, "title", "") == "By speaker")
    assert "Rated, not yet approved" in table.headers
    overview = next(s for s in report.sections if s.title == "Overview")
    assert "2 verdicts await a second analyst's approval" in overview.blocks[0].text
    notable = [b.statement.id for b in report.all_blocks() if hasattr(b, "statement")]
    assert notable == [statement_id(retracted, "Dmitri Peskov")]  # approved broken only


def test_a_published_report_has_no_unapproved_column(retracted):
    report = build_report(retracted, ExportRequest(format="md", output="-", report="period"))
    table = next(b for b in report.all_blocks() if getattr(b, "title", "") == "By speaker")
    assert "Rated, not yet approved" not in table.headers
    assert "Rated, not yet approved" not in [b.label for b in report.legend]


def test_the_speaker_track_record_counts_a_draft_verdict_apart(retracted):
    report = build_report(retracted, ExportRequest(format="md", output="-", report="speaker",
                                                   speaker="Vladimir Makei",
                                                   include_drafts=True))
    figures = {f.label: f.value for f in report.cover_figures}
    assert figures["Broken"] == "0"  # retracted: no longer a published outcome
    assert figures["rated, not yet approved"] == "1"
    assert "1 verdict awaits a second analyst's approval" in report.sections[0].blocks[0].text
