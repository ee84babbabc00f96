"""The window hears the team server: a change another login commits arrives as a Changes
broadcast (by_others) through the socket notifier; a dropped listener says so quietly in
the status bar and comes back by itself."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from factcheck_app.services import statements
from factcheck_app.services.live import EVERYTHING, LiveUpdates
from factcheck_app.ui import live
from factcheck_app.ui.app import Application
from factcheck_app.ui.settings import AppSettings
from factcheck_app.ui.statement_model import COL_QUOTE
from tests.ui.rows import select_row
from tests.ui.conftest import app_controller, sample_path, window  # noqa: F401 - fixtures

from . import raw
from .conftest import PASSWORDS


def _watch(team, window, monkeypatch) -> live.LiveWatcher:
    monkeypatch.setattr(live, "RETRY_SECONDS", (0.2,))  # a test need not wait a second
    updates = LiveUpdates(team.server.url(user="rob", dbname=team.dbname),
                          password=PASSWORDS["rob"])
    watcher = live.LiveWatcher(window.ctx, updates, window)
    live.install(window, watcher)
    return watcher




def test_a_change_by_another_login_is_broadcast_to_the_views(team, window, qtbot,
                                                             monkeypatch) -> None:
    watcher = _watch(team, window, monkeypatch)
    try:
        with qtbot.waitSignal(window.ctx.changed, timeout=10_000,
                              check_params_cb=lambda c: c.by_others) as blocker:
            with team.connect("ana") as ana:
                sid = raw.add_statement(ana, quote="A promise made on the server")
        changes = blocker.args[0]
        assert sid in changes.statements and "statements" in changes.tables
    finally:
        watcher.close()


def test_a_dropped_listener_shows_a_note_and_reconnects(team, window, qtbot,
                                                        monkeypatch) -> None:
    watcher = _watch(team, window, monkeypatch)
    note = window.findChild(type(window.user_label), "liveNote")
    window.show()
    try:
        with qtbot.waitSignal(watcher.note, timeout=10_000,
                              check_params_cb=lambda text: "paused" in text):
            with team.connect() as admin:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = %s AND query = 'LISTEN factcheck'", [team.dbname])
                admin.commit()
        assert note.isVisible() and "cannot be reached" in note.text()
        # Back by itself; whatever was missed meanwhile, every view reloads.
        with qtbot.waitSignal(window.ctx.changed, timeout=10_000,
                              check_params_cb=lambda c: c.by_others) as blocker:
            pass
        assert blocker.args[0].tables == EVERYTHING
        assert not note.isVisible()
        with qtbot.waitSignal(window.ctx.changed, timeout=10_000,
                              check_params_cb=lambda c: c.by_others) as blocker:
            with team.connect("ana") as ana:
                sid = raw.add_statement(ana, quote="Heard again after the reconnect")
        assert sid in blocker.args[0].statements
    finally:
        watcher.close()


def _window_on(team, qapp, tmp_path, login: str) -> Application:
    settings = AppSettings(QSettings(str(tmp_path / f"{login}.ini"), QSettings.Format.IniFormat))
    controller = Application(qapp, settings, sync=True, ask=False)
    url = f"postgresql://{login}@/{team.dbname}?host={team.server.root}"
    assert controller.open(url, password=PASSWORDS[login])
    controller.window.resize(1280, 720)
    controller.window.show()
    return controller


def _shows(window, quote_start: str) -> bool:
    model = window.statements.model
    return any(model.index(row, COL_QUOTE).data().startswith(quote_start)
               for row in range(model.rowCount()))


def test_an_edit_in_one_window_shows_in_the_other(team, qapp, qtbot, tmp_path) -> None:
    ana = _window_on(team, qapp, tmp_path, "ana")
    rob = _window_on(team, qapp, tmp_path, "rob")
    try:
        assert "ana on database" in ana.window.windowTitle()
        assert PASSWORDS["ana"] not in ana.window.windowTitle()
        assert "Team workspace: ana on database" in ana.window.user_label.text()
        ana.window.ctx.perform(lambda ws: statements.add_statement(
            ws, quote="The bridge opens in May", stated_on="2024-01-10", kind="promise"))
        assert _shows(ana.window, "The bridge opens in May")
        qtbot.waitUntil(lambda: _shows(rob.window, "The bridge opens in May"), timeout=10_000)

        # rob is typing in the statement when ana changes it: his edits stay, a bar says so
        sid = select_row(rob.window, "The bridge opens in May")
        rob.window.detail.show_tab("Check-by")
        rob.window.detail.expectation_tab.expectation.setPlainText("Rob's words, unsaved")
        version = rob.window.detail.dossier["version"]
        ana.window.ctx.perform(lambda ws: statements.edit_statement(
            ws, statement_id=sid, expected_version=version, expectation="Ana's words"))
        qtbot.waitUntil(rob.window.detail.elsewhere_bar.isVisible, timeout=10_000)
        assert rob.window.detail.expectation_tab.expectation.toPlainText() == \
            "Rob's words, unsaved"
        qtbot.mouseClick(rob.window.detail.elsewhere_bar.reload_button,
                         Qt.MouseButton.LeftButton)
        assert rob.window.detail.expectation_tab.expectation.toPlainText() == "Ana's words"
        # what only a workspace file has is off, and says why
        for action in rob.window.file_only_actions:
            assert not action.isEnabled() and "Not on a team workspace" in action.statusTip()
    finally:
        ana.close()
        rob.close()
