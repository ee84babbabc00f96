"""The window hears the team server: a change another login commits arrives as a Changes
broadcast (by_others) through the socket notifier; a dropped listener says so quietly in
the status bar and comes back by itself."""

from __future__ import annotations

from factcheck_app.services.live import EVERYTHING, LiveUpdates
from factcheck_app.ui import live
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
