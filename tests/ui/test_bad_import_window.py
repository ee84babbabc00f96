"""File → Import data with a bad file: the window says what is wrong, and nothing changes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from factcheck_app.ui import main_window


def _count(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]


@pytest.mark.parametrize(("content", "message"), [
    ('{"statements": ' + "[" * 2000 + "]" * 2000 + "}", "nested too deeply"),
    (json.dumps({"statements": [{"quote": "q", "stated_on": "2023", "tags": [1]}]}),
     "row 1, field 'tags': must be a list of words"),
])
def test_import_data_names_the_problem(window, sample_path, tmp_path, monkeypatch, content,
                                       message):
    chosen = tmp_path / "bad.json"
    chosen.write_text(content)
    shown = []
    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(chosen), ""))
    monkeypatch.setattr(main_window.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    before = _count(sample_path)
    window.import_data()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Import stopped" and message.lower() in text.lower() and "Nothing was imported" in text
    assert "unexpected" not in text.lower()
    assert _count(sample_path) == before
