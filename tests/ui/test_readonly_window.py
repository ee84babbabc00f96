"""The window on a read-only workspace: it opens, says so, and turns editing off."""

from __future__ import annotations

import stat

from factcheck_app.services import queries


def test_a_read_only_workspace_opens_read_only(app_controller, sample_path, qtbot):
    sample_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        before = sample_path.read_bytes()
        assert app_controller.open(sample_path, "ana")
        window = app_controller.window
        qtbot.addWidget(window)
        assert "[read-only]" in window.windowTitle()
        assert window.readonly_banner.isVisibleTo(window)
        assert "Read-only:" in window.readonly_banner.text()
        assert "the file is marked read-only" in window.readonly_banner.text()
        assert all(not a.isEnabled() for a in window.writing_actions)
        assert window.statements.model.rowCount() == 12  # reading works
        statement_id = window.statements.model.row_dict(0)["id"]
        menu = window.statements.removal.statement_menu(statement_id)
        assert all(not a.isEnabled() for a in menu.actions() if a.text())
        window.statements.select_id(statement_id)
        window.detail.show_statement(statement_id)
        window.detail.review_tab.act("submit")  # an edit that slips through is refused clearly
        assert "open read-only" in window.detail.review_tab.error.text()
        assert queries.get_statement(window.ctx.ws, statement_id)["review_state"] == \
            window.statements.model.row_dict(0)["review_state"]
        assert sample_path.read_bytes() == before
    finally:
        sample_path.chmod(stat.S_IRUSR | stat.S_IWUSR)
