"""The content-addressed file store: nothing lands outside it, same content is kept once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from factcheck_app.domain.errors import InvalidInput, NotWritable
from factcheck_app.services import evidence as ev
from factcheck_app.services import sources
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import attachments

HOSTILE_NAMES = ["../../evil", "/etc/passwd", "a\x00b", "..", "../", "..\\..\\win.ini",
                 "C:\\Windows\\evil.dll", "\n\r\t", "~/.bashrc", ".hidden", ""]


def _tree(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_names_never_write_outside_the_files_folder(ws: Workspace, name: str) -> None:
    root = ws.path.parent
    before = _tree(root)
    ws.sign_in("ana")
    data = f"archived copy for {name!r}".encode()
    source_id = sources.add_source(ws, title="Press release", file_bytes=data,
                                   file_name=name).created
    new = _tree(root) - before
    files_dir = ws.store.files_dir
    assert new, "the file was not stored at all"
    for path in new:
        assert path == files_dir or files_dir in path.parents, path
    stored = [p for p in new if p.is_file()]
    sha = hashlib.sha256(data).hexdigest()
    assert stored == [files_dir / sha[:2] / sha]
    assert stored[0].read_bytes() == data
    row = sources.get_source(ws, source_id)
    assert row["file_sha256"] == sha
    shown = row["file_name"]
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown
    assert not shown.startswith(".") and shown.strip() == shown and shown
    assert check_workspace(ws) == []


@pytest.mark.parametrize(("name", "shown"), [
    ("../../evil", "evil"), ("/etc/passwd", "passwd"), ("a\x00b", "ab"),
    ("..", "attachment"), ("C:\\Windows\\evil.dll", "evil.dll"), ("report.pdf", "report.pdf"),
])
def test_safe_file_name(name: str, shown: str) -> None:
    assert attachments.safe_file_name(name) == shown


@pytest.mark.parametrize("digest", ["../../evil", "/etc/passwd", "a\x00b", "ab" * 31 + "/x",
                                    "A" * 64, ""])
def test_blob_path_accepts_only_a_digest(tmp_path: Path, digest: str) -> None:
    with pytest.raises(InvalidInput, match="not a SHA-256 digest"):
        attachments.blob_path(tmp_path, digest)


def test_identical_content_is_stored_once(ws: Workspace, tmp_path: Path) -> None:
    ws.sign_in("ana")
    one = tmp_path / "scan.pdf"
    two = tmp_path / "copy of scan.pdf"
    one.write_bytes(b"%PDF-1.4 same bytes")
    two.write_bytes(b"%PDF-1.4 same bytes")
    first = ev.add_evidence(ws, summary="Budget passed", files=[one]).created
    second = ev.add_evidence(ws, summary="Budget passed, again", files=[two]).created
    ev.attach_files(ws, evidence_id=first, files=[two])
    blobs = [p for p in ws.store.files_dir.rglob("*") if p.is_file()]
    assert len(blobs) == 1
    assert blobs[0].read_bytes() == b"%PDF-1.4 same bytes"
    names = {row["file_name"] for row in ws.store.db.query("SELECT file_name FROM attachments")}
    assert names == {"scan.pdf", "copy of scan.pdf"}
    with ev.open_attachment(ws, ev.get_evidence(ws, second)["attachments"][0]["id"]) as stored:
        assert stored.name == str(blobs[0])
    assert check_workspace(ws) == []


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    files_dir = tmp_path / "x.factcheck.files"
    for i in range(3):
        attachments.store_bytes(files_dir, f"content {i}".encode())
    leftovers = [p for p in files_dir.rglob(".incoming-*")]
    assert leftovers == []
    assert len([p for p in files_dir.rglob("*") if p.is_file()]) == 3


def test_missing_source_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    ws.sign_in("ana")
    with pytest.raises(InvalidInput, match="no such file"):
        ev.add_evidence(ws, summary="x", files=[tmp_path / "nope.pdf"])
    assert ws.store.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0


COPY_NAMES = [*HOSTILE_NAMES, "NUL", "con.txt", "LPT1.log", "a" * 400 + ".pdf", "é" * 300,
              "report.pdf ", "what?.pdf", "x" * 5000]


@pytest.mark.parametrize("name", COPY_NAMES)
def test_copy_out_writes_one_file_directly_in_the_folder(tmp_path: Path, name: str) -> None:
    files_dir, folder = tmp_path / "ws.factcheck.files", tmp_path / "open"
    folder.mkdir()
    sha = attachments.store_bytes(files_dir, b"evidence bytes")
    before = _tree(tmp_path)
    with open(attachments.blob_path(files_dir, sha), "rb") as stored:
        copy = attachments.copy_out(stored, name, folder)
    assert _tree(tmp_path) - before == {copy}
    assert copy.parent == folder.resolve() and copy.read_bytes() == b"evidence bytes"
    assert copy.name not in ("", ".", "..") and len(copy.name.encode()) <= 255
    assert copy.name.split(".")[0].lower() not in ("nul", "con", "lpt1")


def test_copy_out_never_follows_a_planted_symlink(tmp_path: Path) -> None:
    files_dir, folder = tmp_path / "ws.factcheck.files", tmp_path / "open"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (folder / "report.pdf").symlink_to(victim)
    sha = attachments.store_bytes(files_dir, b"evidence bytes")
    with pytest.raises(NotWritable, match="already exists"), \
            open(attachments.blob_path(files_dir, sha), "rb") as stored:
        attachments.copy_out(stored, "report.pdf", folder)
    assert victim.read_text() == "keep me"
