"""Evidence files through the services, on a workspace file and on a team workspace alike:
attach, open a copy, verify, and export them in a report and a verifiable package."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services import evidence as ev
from factcheck_app.services import review, sources, statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.reports import ExportRequest, export, render, verify_package
from factcheck_app.services.workspace import Workspace
from tests.history_helpers import history_count

PHOTO = b"\xff\xd8\xff\xe0 the bridge, still closed " + bytes(range(256)) * 4000  # ~1 MB


def _photo(tmp_path: Path, name: str = "bridge photo.jpg", data: bytes = PHOTO) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _approved_with_photo(ws: Workspace, photo: Path) -> tuple[str, str]:
    """ana records a broken promise with a photo as contradicting evidence; rob approves."""
    ws.sign_in("ana")
    sid = statements.add_statement(ws, quote="We will open the bridge this year",
                                   stated_on="2023-01-10", kind="promise",
                                   check_by="by the end of the year").created
    eid = ev.add_evidence(ws, summary="Bridge still closed", occurred_on="2024-01-05",
                          files=[photo]).created
    ev.link(ws, statement_id=sid, evidence_id=eid, stance="contradicts")
    statements.set_verdict(ws, statement_id=sid, verdict="broken", rationale="Still closed")
    review.submit(ws, statement_id=sid)
    ws.sign_in("rob")
    review.approve(ws, statement_id=sid)
    return sid, eid


def test_an_attached_file_comes_back_byte_for_byte(ws: Workspace, tmp_path: Path) -> None:
    ws.sign_in("ana")
    photo = _photo(tmp_path)
    eid = ev.add_evidence(ws, summary="Bridge still closed", files=[photo]).created
    memo = _photo(tmp_path, "memo.pdf", b"%PDF-1.4 the ministry's memo")
    ev.attach_files(ws, evidence_id=eid, files=[memo, photo])  # the photo again: same bytes
    shown = ev.get_evidence(ws, eid)["attachments"]
    assert sorted((a["file_name"], a["sha256"], a["size"]) for a in shown) == sorted([
        ("bridge photo.jpg", hashlib.sha256(PHOTO).hexdigest(), len(PHOTO)),
        ("bridge photo.jpg", hashlib.sha256(PHOTO).hexdigest(), len(PHOTO)),
        ("memo.pdf", hashlib.sha256(memo.read_bytes()).hexdigest(), memo.stat().st_size)])
    for a in shown:
        with ev.open_attachment(ws, a["id"]) as stored:
            assert stored.read() == (tmp_path / a["file_name"]).read_bytes()
    folder = tmp_path / "open"
    folder.mkdir()
    memo_id = next(a["id"] for a in shown if a["file_name"] == "memo.pdf")
    copy = ev.copy_to_open(ws, attachment_id=memo_id, folder=folder)
    assert copy == folder.resolve() / "memo.pdf" and copy.read_bytes() == memo.read_bytes()
    assert check_workspace(ws) == []


def test_a_source_keeps_its_archived_copy(ws: Workspace) -> None:
    ws.sign_in("ana")
    page = "<html><body>The minister said: we will open the bridge.</body></html>".encode()
    sid = sources.add_source(ws, title="Ministry page", file_bytes=page,
                             file_name="page.html").created
    assert sources.get_source(ws, sid)["file_sha256"] == hashlib.sha256(page).hexdigest()
    assert check_workspace(ws) == []


def test_a_missing_file_is_refused_and_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    ws.sign_in("ana")
    before = history_count(ws)
    with pytest.raises(InvalidInput, match="no such file"):
        ev.add_evidence(ws, summary="x", files=[_photo(tmp_path), tmp_path / "nope.pdf"])
    assert ev.list_evidence(ws) == [] and history_count(ws) == before


def test_a_package_carries_the_evidence_file_and_verifies(ws: Workspace, tmp_path: Path
                                                          ) -> None:
    sid, _ = _approved_with_photo(ws, _photo(tmp_path))
    out = export(ws, ExportRequest(format="package", output=tmp_path / "p.zip",
                                   report="dossier", statement_ids=(sid,)))
    check = verify_package(out)
    assert check.ok and check.checked >= 5, check.problems()
    with zipfile.ZipFile(out) as z:
        evidence = [n for n in z.namelist() if n.startswith("evidence/")]
        assert len(evidence) == 1 and evidence[0].endswith("-bridge photo.jpg")
        assert z.read(evidence[0]) == PHOTO
        doc = json.loads(z.read("data/statements.json"))
        manifest = json.loads(z.read("manifest.json"))
    if ws.store.engine == "sqlite":  # a file signs each approval with the approver's key
        assert len(check.approvals) == 1 and "approved by Rob Kessler" in check.approvals[0]
    else:  # a team server vouches for its approvals itself: the package says so
        assert check.approvals == []
        assert [e["path"] for e in manifest["not_included"]][0] == "signatures/approvals.json"
    assert [a["package_path"] for s in doc["statements"] for e in s["evidence"]
            for a in e["attachments"]] == evidence


def test_a_dossier_names_the_evidence_file_and_its_hash(ws: Workspace, tmp_path: Path) -> None:
    sid, _ = _approved_with_photo(ws, _photo(tmp_path))
    page = render(ws, ExportRequest(format="html", output=tmp_path / "d.html",
                                    report="dossier", statement_ids=(sid,))).decode()
    assert "bridge photo.jpg" in page and hashlib.sha256(PHOTO).hexdigest()[:12] in page
    pdf = render(ws, ExportRequest(format="pdf", output=tmp_path / "d.pdf", report="dossier",
                                   statement_ids=(sid,)))
    assert pdf.startswith(b"%PDF-")
