"""The window on a full disk or an unwritable attachments folder: it says so, nothing changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from factcheck_app.services import evidence
from factcheck_app.ui import main_window
from factcheck_app.ui.evidence_view import EvidenceView


def _history(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]


def test_import_into_a_full_workspace_disk_says_the_disk_is_full(window, sample_path, tmp_path,
                                                                 monkeypatch):
    # SQLite's own page limit makes the workspace's writes fail exactly as a full disk does.
    writer = window.ctx.runner._worker.workspace().store.db
    pages = writer.execute("PRAGMA page_count").fetchone()[0]
    writer.execute(f"PRAGMA max_page_count = {pages + 3}")
    data = tmp_path / "many.csv"
    data.write_text("quote,stated_on\n" + "".join(
        f"Promise {n} {'about the bridge ' * 40},2023-01-10\n" for n in range(400)))
    shown = []
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(data), ""))
    monkeypatch.setattr(main_window.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    before = _history(sample_path)
    window.import_data()
    assert len(shown) == 1 and "disk is full" in shown[0] and "unexpected" not in shown[0]
    assert _history(sample_path) == before


def test_attaching_to_an_unwritable_files_folder_shows_why(window, sample_path, tmp_path, qtbot):
    files = sample_path.with_name(sample_path.name + ".files")
    shutil.rmtree(files)
    files.write_text("in the way")  # root ignores permission bits; a file in the way stops all
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    view = EvidenceView(window.ctx)
    qtbot.addWidget(view)
    target = next(r for r in evidence.list_evidence(window.ctx.ws) if r["files"] == 0)
    view.select_id(target["id"])
    before = _history(sample_path)
    view.attach_files([photo])
    assert view.refusal.isVisibleTo(view)
    assert "is not a folder; nothing was changed" in view.refusal.text()
    assert view.selected_row()["files"] == 0 and _history(sample_path) == before
