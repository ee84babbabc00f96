"""File → Open team workspace…: what the user typed is checked, the server tried, and what
is wrong said in the dialog itself (the dialog stays open to fix it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from factcheck_app.ui.settings import AppSettings
from factcheck_app.ui.team_dialog import PLACEHOLDER, TeamWorkspaceDialog


@pytest.fixture
def settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _dialog(qtbot, settings) -> TeamWorkspaceDialog:
    dialog = TeamWorkspaceDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _try(qtbot, dialog, url: str, password: str = "") -> str:
    dialog.url_box.setEditText(url)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() or dialog.result(), timeout=15_000)
    return dialog.error.text()


def test_the_fields_say_what_goes_in_them(qtbot, settings) -> None:
    dialog = _dialog(qtbot, settings)
    assert dialog.url_box.lineEdit().placeholderText() == PLACEHOLDER
    assert "~/.pgpass" in dialog.password_edit.placeholderText()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password


@pytest.mark.parametrize(("typed", "said"), [
    ("", "type the team workspace's connection url"),
    ("newsroom.factcheck", "starts with postgresql://"),
    ("postgresql://ana@db.example.org/news?colour=blue", "the connection url is not valid"),
])
def test_a_bad_url_is_named_and_nothing_is_tried(qtbot, settings, typed, said) -> None:
    dialog = _dialog(qtbot, settings)
    text = _try(qtbot, dialog, typed)
    assert said in text.lower()
    assert dialog.isVisible() and dialog.url is None and dialog.open_button.isEnabled()
    assert settings.recent_team_urls() == []


def test_a_server_that_is_not_there_is_said_plainly(qtbot, settings, tmp_path) -> None:
    dialog = _dialog(qtbot, settings)
    url = f"postgresql://ana@/newsroom?host={tmp_path / 'no-server'}"
    text = _try(qtbot, dialog, url, "s3cret")
    assert "the server is not reachable" in text.lower() and "s3cret" not in text
    assert dialog.isVisible() and dialog.url is None
    assert dialog.url_box.isEnabled() and not dialog.status.isVisible()  # ready to fix it
