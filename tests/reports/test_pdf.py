"""PDF reports, read back with pdftotext/pdfinfo."""

from __future__ import annotations

import os

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.reports import ExportRequest, export

from .helpers import pdf_info, pdf_pages, statement_id

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_dossier_pdf_has_quote_speaker_verdict_evidence_and_sign_off(demo, tmp_path):
    sid = statement_id(demo, "Makei")
    out = export(demo, ExportRequest(format="pdf", output=tmp_path / "d.pdf", report="dossier",
                                     statement_ids=(sid[:8],)))
    pages = pdf_pages(out)
    text = _flat(" ".join(pages))
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Not a single soldier or piece of equipment will remain in Belarus" in text
    assert "Vladimir Makei" in text
    assert "BROKEN" in text or "Broken" in text
    assert "Russian forces did not leave Belarus" in text  # the rationale
    assert "Evidence against" in text.replace("EVIDENCE AGAINST", "Evidence against")
    assert "24 February 2022" in text  # the contradicting evidence's date
    assert "Reviewed and approved by Rob Kessler" in text
    assert "Factcheck team" in text  # masthead and running header
    assert "DRAFT" not in text
    # title page plus numbered body pages
    assert len(pages) >= 2
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in page
        assert "Statement dossier" in page  # running header


def test_drafts_are_marked_on_every_page(demo, tmp_path):
    out = export(demo, ExportRequest(format="pdf", output=tmp_path / "p.pdf", report="period",
                                     include_drafts=True))
    pages = pdf_pages(out)
    assert len(pages) >= 3
    for page in pages:
        assert "DRAFT" in page
    text = _flat(" ".join(pages))
    assert "Our destiny is to march together" in text  # a draft statement is included


def test_published_period_report_leaves_drafts_out(demo, tmp_path):
    out = export(demo, ExportRequest(format="pdf", output=tmp_path / "p.pdf", report="period"))
    text = _flat(" ".join(pdf_pages(out)))
    assert "DRAFT" not in text
    assert "Our destiny is to march together" not in text  # not approved
    assert "It is beyond any doubt" in text  # approved, Broken
    assert "Notable broken statements" in text
    assert "further statements in scope are not yet approved" in text


def test_page_sizes(demo, tmp_path):
    a4 = export(demo, ExportRequest(format="pdf", output=tmp_path / "a4.pdf", report="due",
                                    include_drafts=True))
    letter = export(demo, ExportRequest(format="pdf", output=tmp_path / "l.pdf", report="due",
                                        include_drafts=True, page_size="letter"))
    assert "595.2" in pdf_info(a4)["Page size"] or "595" in pdf_info(a4)["Page size"]
    assert "(A4)" in pdf_info(a4)["Page size"]
    assert "612 x 792" in pdf_info(letter)["Page size"]


def test_speaker_report_counts_and_lists(demo, tmp_path):
    out = export(demo, ExportRequest(format="pdf", output=tmp_path / "s.pdf", report="speaker",
                                     speaker="Lukashenko", include_drafts=True))
    text = _flat(" ".join(pdf_pages(out)))
    assert "Aleksandr Lukashenko" in text
    assert "Track record" in text
    assert "Statements past their check-by date, by verdict" in text  # the chart's title
    assert "a better medical kit than NATO" in text


def test_unapproved_dossier_is_refused_unless_drafts_asked(demo, tmp_path):
    draft = statement_id(demo, "Lappo")
    with pytest.raises(InvalidInput, match="not approved"):
        export(demo, ExportRequest(format="pdf", output=tmp_path / "x.pdf", report="dossier",
                                   statement_ids=(draft,)))
    assert not (tmp_path / "x.pdf").exists()
    assert not list(tmp_path.iterdir())  # no temp file left behind
    out = export(demo, ExportRequest(format="pdf", output=tmp_path / "x.pdf", report="dossier",
                                     statement_ids=(draft,), include_drafts=True))
    assert all("DRAFT" in page for page in pdf_pages(out))


def test_hostile_text_is_printed_as_text(hostile, tmp_path):
    from .helpers import HOSTILE_ORG, XSS

    sid = statement_id(hostile, "-Mallory <b>bold</b>")
    out = export(hostile, ExportRequest(format="pdf", output=tmp_path / "h.pdf", report="dossier",
                                        statement_ids=(sid,)))
    text = _flat(" ".join(pdf_pages(out)))
    assert XSS in text
    assert "-Mallory <b>bold</b>" in text
    assert HOSTILE_ORG in text
