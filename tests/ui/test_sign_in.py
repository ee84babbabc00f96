"""Signing in in the window: the passphrase unlocks the key; a wrong one is refused there."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from factcheck_app.services.demo import SAMPLE_PASSPHRASE
from factcheck_app.services.workspace import Workspace
from factcheck_app.ui.dialogs import SignInDialog


@pytest.fixture
def dialog(sample_path, qtbot):
    ws = Workspace.open(sample_path, backup_on_open=False)
    made = SignInDialog(ws, "rob")
    qtbot.addWidget(made)
    yield made
    ws.close()


def test_wrong_passphrase_is_refused_in_the_dialog(dialog):
    assert dialog.users.currentItem().text().startswith("Rob Kessler")
    dialog.passphrase.setText("not rob's passphrase")
    dialog.sign_in_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.identity is None
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "wrong passphrase for Rob Kessler; nothing was changed"
    dialog.passphrase.setText(SAMPLE_PASSPHRASE)
    dialog.sign_in_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.identity.user.name == "rob" and dialog.identity.signer is not None


def test_an_empty_passphrase_is_refused(dialog):
    dialog.sign_in_button.click()
    assert dialog.identity is None
    assert "Rob Kessler signs in with a passphrase" in dialog.error.text()


def test_sign_up_asks_for_the_passphrase_twice(dialog):
    assert dialog.repeat.isHidden()
    dialog.new_name.setText("zoe")
    assert not dialog.repeat.isHidden()
    dialog.passphrase.setText("zoe's passphrase")
    dialog.repeat.setText("zoe's passphrasf")
    dialog.sign_in_button.click()
    assert dialog.error.text() == "the two passphrases differ"
    assert "zoe" not in [u.name for u in dialog.ws.users()]
    dialog.repeat.setText("zoe's passphrase")
    dialog.sign_in_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.identity.user.name == "zoe" and dialog.identity.user.role == "analyst"


def test_the_window_does_not_open_as_someone_without_their_passphrase(
        app_controller, sample_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", "a guess")
    assert not app_controller.open(sample_path, "rob")
    assert app_controller.window is None
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", SAMPLE_PASSPHRASE)
    assert app_controller.open(sample_path, "rob")
    assert "Rob Kessler" in app_controller.window.windowTitle()
