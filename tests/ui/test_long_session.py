"""A long session: tens of thousands of UI updates must not crash the interpreter.

Guards against the PySide6 6.12.0 / CPython 3.11 `none_dealloc` abort, which only
shows after thousands of calls of Qt methods that return nothing.
"""

from __future__ import annotations

from factcheck_app.ui.statement_model import COL_QUOTE


def test_tens_of_thousands_of_updates(window, qtbot):
    view = window.statements
    texts = ["soldier", "", "media", "brothers", ""]
    for i in range(200):  # each search resets the model and repaints: many void Qt calls
        view.search.setText(texts[i % len(texts)])
        view.apply_filters()
    for i in range(30_000):
        window.user_label.setText(f"tick {i}")
        view.count_label.setVisible(i % 2 == 0)
    view.search.setText("")
    view.apply_filters()
    assert view.model.rowCount() == 12
    assert view.model.index(0, COL_QUOTE).data()
