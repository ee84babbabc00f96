"""The Open team workspace dialog against a real team server: wrong password, a database
that holds no workspace, and a good login, which is remembered without its password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from factcheck_app.team.throwaway import SUPERUSER
from factcheck_app.ui.settings import AppSettings
from factcheck_app.ui.team_dialog import TeamWorkspaceDialog
from tests.ui.test_team_dialog import _dialog, _try

from .conftest import PASSWORDS


@pytest.fixture
def settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _url(team, user: str, dbname: str | None = None) -> str:
    return f"postgresql://{user}@/{dbname or team.dbname}?host={team.server.root}"


def test_a_wrong_password_is_said_and_never_shown(qtbot, settings, team) -> None:
    dialog = _dialog(qtbot, settings)
    text = _try(qtbot, dialog, _url(team, "ana"), "not-anas-password")
    assert "wrong password" in text.lower() and "not-anas-password" not in text
    assert dialog.url is None


def test_no_password_and_none_stored_asks_for_one(qtbot, settings, team, tmp_path,
                                                  monkeypatch) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    dialog = _dialog(qtbot, settings)
    text = _try(qtbot, dialog, _url(team, "ana"))
    assert "asks for a password" in text and "~/.pgpass" in text


def test_a_database_without_a_workspace_is_named(qtbot, settings, team, pg_server,
                                                 empty_database) -> None:
    dialog = _dialog(qtbot, settings)
    # the server's superuser may log in anywhere; this database holds no workspace
    text = _try(qtbot, dialog, _url(team, SUPERUSER, empty_database), pg_server.password)
    assert "holds no factcheck team workspace" in text.lower()


def test_a_good_login_opens_and_is_remembered_without_its_password(qtbot, settings, team,
                                                                   tmp_path) -> None:
    dialog = _dialog(qtbot, settings)
    _try(qtbot, dialog, _url(team, "ana"), PASSWORDS["ana"])
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (dialog.url, dialog.password) == (_url(team, "ana"), PASSWORDS["ana"])
    assert "ana on database" in dialog.label
    assert settings.recent_team_urls() == [_url(team, "ana")]
    # An inline password is never remembered either.
    dialog = _dialog(qtbot, settings)
    inline = f"postgresql://ana:{PASSWORDS['ana']}@/{team.dbname}?host={team.server.root}"
    _try(qtbot, dialog, inline)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.recent_team_urls() == [_url(team, "ana")]
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text()
    assert team.dbname in stored and PASSWORDS["ana"] not in stored
    # ...and the next dialog starts on it, the keyboard in the password field.
    again = TeamWorkspaceDialog(settings)
    qtbot.addWidget(again)
    assert again.url_box.currentText() == _url(team, "ana")
