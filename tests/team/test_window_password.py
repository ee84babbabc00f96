"""The window asks for a team password in its own dialog, never on the terminal it was
started from (`make run` from a shell: a terminal prompt would hang the window)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from factcheck_app.ui.app import Application, create_qapplication
from factcheck_app.ui.settings import AppSettings
from factcheck_app.ui.team_dialog import TeamWorkspaceDialog

from .conftest import PASSWORDS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def controller(qapp, tmp_path, monkeypatch):
    """A window that may ask (as `factcheck app URL` does), started from a terminal that
    must never be used: libpq finds no stored password, getpass fails the test."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setattr("sys.stdin", _Terminal())
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or "")
    create_qapplication()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = Application(qapp, settings, sync=True, ask=True)
    app.asked_on_terminal = asked
    yield app
    app.close()
    assert asked == [], "the window asked on the terminal"


def _url(team) -> str:
    return f"postgresql://ana@/{team.dbname}?host={team.server.root}"


def _drive(qtbot, steps) -> dict:
    """Run `steps(dialog, seen)` on the dialog once it is up (its exec() blocks the test)."""
    seen: dict = {}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, TeamWorkspaceDialog):
            seen["message"] = dialog.error.text()
            steps(dialog, seen)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def _type_and_open(qtbot, dialog, password: str) -> None:
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)


def test_the_window_asks_for_the_password_in_its_dialog_and_opens(controller, team,
                                                                 qtbot) -> None:
    def steps(dialog, seen) -> None:
        seen["url"] = dialog.url_box.currentText()
        if os.environ.get("FACTCHECK_SCREENSHOTS"):
            dialog.grab().save(os.environ["FACTCHECK_SCREENSHOTS"] + "-asked.png")
        _type_and_open(qtbot, dialog, PASSWORDS["ana"])

    seen = _drive(qtbot, steps)
    assert controller.open(_url(team))
    assert "asks for a password" in seen["message"] and seen["url"] == _url(team)
    assert controller.session.ws.user.name == "ana"
    assert controller.window is not None and "ana" in controller.window.windowTitle()


def test_a_wrong_password_is_said_in_the_dialog_and_nothing_opens(controller, team,
                                                                 qtbot) -> None:
    def steps(dialog, seen) -> None:
        _type_and_open(qtbot, dialog, "not-anas-password")

        def said() -> None:
            if not dialog.error.isVisible() or "wrong password" not in dialog.error.text():
                QTimer.singleShot(20, said)
                return
            seen["said"] = dialog.error.text()
            seen["still_open"] = dialog.isVisible()
            if os.environ.get("FACTCHECK_SCREENSHOTS"):
                dialog.grab().save(os.environ["FACTCHECK_SCREENSHOTS"] + "-wrong.png")
            dialog.reject()

        QTimer.singleShot(20, said)

    seen = _drive(qtbot, steps)
    assert not controller.open(_url(team))
    assert seen["still_open"] and "not-anas-password" not in seen["said"]
    assert "cannot connect as ana" in seen["said"].lower() and "wrong password" in seen["said"]
    assert controller.window is None and controller.session is None
    assert controller.settings.recent_team_urls() == []


def test_a_wrong_password_in_the_url_is_asked_again_without_showing_it(controller, team,
                                                                      qtbot) -> None:
    def steps(dialog, seen) -> None:
        seen["url"] = dialog.url_box.currentText()
        dialog.reject()

    seen = _drive(qtbot, steps)
    inline = f"postgresql://ana:not-anas-password@/{team.dbname}?host={team.server.root}"
    assert not controller.open(inline)
    assert "wrong password" in seen["message"].lower()
    assert seen["url"] == _url(team) and "not-anas-password" not in seen["message"]
    assert controller.window is None


def test_a_libpq_string_given_to_the_window_is_named_not_echoed(qapp, team, tmp_path,
                                                               capsys) -> None:
    """`factcheck app "host=… password=…"`: no file of that name, and no password shown."""
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = Application(qapp, settings, sync=True, ask=False)
    conninfo = team.url("ana")
    assert not app.open(Path(conninfo))
    err = capsys.readouterr().err
    assert "looks like a PostgreSQL connection string" in err and PASSWORDS["ana"] not in err
    assert app.window is None
