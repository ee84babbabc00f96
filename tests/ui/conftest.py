"""Fixtures for window tests: a real sample workspace and a window on it, offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from factcheck_app.services.demo import build_demo  # noqa: E402
from factcheck_app.ui.app import Application, create_qapplication  # noqa: E402
from factcheck_app.ui.settings import AppSettings  # noqa: E402


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "sample.factcheck"
    build_demo(path).close()
    return path


@pytest.fixture
def app_controller(qapp, tmp_path):
    create_qapplication()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    controller = Application(qapp, settings, sync=True, ask=False)
    yield controller
    controller.close()


@pytest.fixture
def window(app_controller, sample_path, qtbot):
    """The main window on the sample workspace, signed in as the analyst ana."""
    assert app_controller.open(sample_path, "ana")
    win = app_controller.window
    qtbot.addWidget(win)
    return win
