"""Right-click a statement or evidence row: delete it (confirmed) or retract it (with a reason)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from factcheck_app.services import evidence, statements
from factcheck_app.ui import removal_menu
from factcheck_app.ui.evidence_view import COL_TITLE, EvidenceView
from factcheck_app.ui.statement_model import COL_REVIEW
from tests.history_helpers import field_rows


def _actions(menu) -> dict:
    return {a.text(): a for a in menu.actions() if a.text()}


def _history(path, table: str, record_id: str) -> list[tuple]:
    """(user_name, action, reason) of each change to the record, oldest first."""
    return [(user, action, reason) for user, action, _, reason in
            field_rows(path, table, record_id)]


def _ids_in_state(window, state: str) -> list[str]:
    model = window.statements.model
    return [model.row_dict(r)["id"] for r in range(model.rowCount())
            if model.row_dict(r)["review_state"] == state]


def test_deleting_a_draft_from_its_row_menu_asks_first(window, sample_path, monkeypatch):
    view = window.statements
    statement_id = next(i for i in _ids_in_state(window, "draft")
                        if statements.read_for_edit(window.ctx.ws, i)["created_by"]
                        == window.ctx.ws.user.id)
    rows = view.model.rowCount()
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked = []
    monkeypatch.setattr(removal_menu.QMessageBox, "question",
                        lambda parent, title, text, *a: (asked.append(text), answers.pop(0))[1])
    menu = view.removal.statement_menu(statement_id)
    _actions(menu)["Delete statement…"].trigger()  # Cancel: nothing happens
    assert view.model.rowCount() == rows and view.model.row_of(statement_id) is not None
    _actions(view.removal.statement_menu(statement_id))["Delete statement…"].trigger()
    assert "the history keeps a record" in asked[0]
    assert view.model.rowCount() == rows - 1 and view.model.row_of(statement_id) is None
    assert _history(sample_path, "statements", statement_id)[-1][:2] == ("ana", "delete")


def test_an_approved_row_offers_retract_not_delete(window, app_controller, sample_path,
                                                  monkeypatch):
    statement_id = _ids_in_state(window, "approved")[0]
    actions = _actions(window.statements.removal.statement_menu(statement_id))
    assert not actions["Delete statement…"].isEnabled()
    assert "retract instead" in actions["Delete statement…"].toolTip()
    warned = []
    monkeypatch.setattr(removal_menu.QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(removal_menu.QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("The figures were revised", True))
    actions["Retract statement…"].trigger()  # ana is an analyst: refused, and told why
    assert warned and "only a reviewer or admin may retract" in warned[0].lower()
    assert statements.read_for_edit(window.ctx.ws, statement_id)["review_state"] == "approved"

    assert app_controller.open(sample_path, "rob")
    rob = app_controller.window
    _actions(rob.statements.removal.statement_menu(statement_id))["Retract statement…"].trigger()
    row = rob.statements.model.row_of(statement_id)
    assert rob.statements.model.index(row, COL_REVIEW).data() == "Retracted"
    assert ("rob", "workflow", "Retracted: The figures were revised") in \
        _history(sample_path, "statements", statement_id)


def test_retracting_evidence_from_its_row_menu_marks_it(app_controller, sample_path, qtbot,
                                                       monkeypatch):
    assert app_controller.open(sample_path, "rob")
    window = app_controller.window
    view = EvidenceView(window.ctx)
    qtbot.addWidget(view)
    target = next(r for r in evidence.list_evidence(window.ctx.ws) if r["links"])
    monkeypatch.setattr(removal_menu.QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("The photo was staged", True))
    _actions(view.removal.evidence_menu(target["id"]))["Retract evidence…"].trigger()
    view.select_id(target["id"])
    row = view.model.row_of(target["id"])
    assert view.model.index(row, COL_TITLE).data().startswith("Retracted · ")
    assert not _actions(view.removal.evidence_menu(target["id"]))["Retract evidence…"].isEnabled()
    texts = [w.text() for w in view.details.findChildren(removal_menu.QWidget)
             if hasattr(w, "text") and w.isVisibleTo(view.details)]
    assert any("The photo was staged" in t for t in texts)
    view.resize(1280, 720)
