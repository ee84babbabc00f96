"""Opening an attachment from a hostile workspace: the stored name never says where to write."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # noqa: E402
import tempfile  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from factcheck_app.services import demo, evidence  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.ui import evidence_view  # noqa: E402
from factcheck_app.ui.context import UiContext  # noqa: E402
from factcheck_app.ui.evidence_view import EvidenceView  # noqa: E402
from factcheck_app.ui.runner import SyncRunner  # noqa: E402


def _hostile_names(tmp_path: Path, tag: str) -> list[tuple[str, Path]]:
    """(stored name, the file it would create if it steered the copy)."""
    system_tmp = Path(tempfile.gettempdir())
    return [
        (str(tmp_path / f"absolute-{tag}.txt"), tmp_path / f"absolute-{tag}.txt"),
        (f"../../escape-{tag}.txt", system_tmp / f"escape-{tag}.txt"),
        (f"..\\..\\escape-win-{tag}.txt", system_tmp / f"escape-win-{tag}.txt"),
        ("../" * 12 + f"{system_tmp.as_posix().lstrip('/')}/deep-{tag}.txt",
         system_tmp / f"deep-{tag}.txt"),
    ]


@pytest.mark.parametrize("index", range(4))
def test_opening_an_attachment_with_a_hostile_stored_name_stays_in_its_folder(
        tmp_path, qtbot, monkeypatch, index):
    path = tmp_path / "hostile.factcheck"
    demo.build_demo(path).close()
    tag = uuid.uuid4().hex[:12]
    stored, forbidden = _hostile_names(tmp_path, tag)[index]
    # A workspace handed over by someone else: its attachment row names a path.
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE attachments SET file_name = ? WHERE rowid = "
                     "(SELECT min(rowid) FROM attachments WHERE evidence_id IS NOT NULL)",
                     [stored])
    ws = Workspace.open(path, user="ana")
    runner = SyncRunner(path, "ana")
    opened = []
    monkeypatch.setattr(evidence_view.QDesktopServices, "openUrl", opened.append)
    try:
        view = EvidenceView(UiContext(ws, runner))
        qtbot.addWidget(view)
        target = next(r for r in evidence.list_evidence(ws) if r["files"])
        view.select_id(target["id"])
        attachment = next(a for a in view.details.shown_attachments if a["file_name"] == stored)
        view.open_attachment(attachment)
        copy = Path(opened[0].toLocalFile())
        assert not forbidden.exists(), f"{stored!r} wrote {forbidden}"
        assert copy.parent.parent == Path(view._open_dir.name).resolve()
        assert "/" not in copy.name and "\\" not in copy.name and copy.name.endswith(".txt")
        with evidence.open_attachment(ws, attachment["id"]) as original:
            assert copy.read_bytes() == original.read()
    finally:
        runner.shutdown()
        ws.close()
