"""Fixtures for window tests: a real sample workspace and a window on it, offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from factcheck_app.ui.app import Application, create_qapplication  # noqa: E402
from factcheck_app.ui.settings import AppSettings  # noqa: E402


@pytest.fixture
def sample_path(demo_copy):
    return demo_copy


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
    # Closed by app_controller's teardown, which drops edits a test left unsaved rather
    # than ask about them (qtbot's own closing would open the Save / Discard prompt).
    return app_controller.window


@pytest.fixture
def answer(qapp):
    """Click a button, by its text, in the next modal dialog (a message box the window
    opens with exec()); returns what each dialog said, to check the wording."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox  # noqa: PLC0415

    seen: list[str] = []

    def schedule(*texts: str) -> list[str]:
        """One button per dialog, in the order the dialogs open."""
        pending = list(texts)
        # a dialog open already (the one a test drives) is not the next one
        answered: list = [QApplication.activeModalWidget()] if QApplication.activeModalWidget() \
            else []

        def click(tries: int = 0) -> None:
            box = QApplication.activeModalWidget()
            if box is None or not box.isVisible() or (answered and box is answered[-1]):
                if tries < 800:  # up to 20 s: an export may be slow on a busy machine
                    QTimer.singleShot(25, lambda: click(tries + 1))
                return
            text = box.text() + "\n" + box.informativeText() if isinstance(box, QMessageBox) \
                else box.windowTitle()
            text += "\n[" + ", ".join(b.text().replace("&", "")
                                      for b in box.findChildren(QAbstractButton)) + "]"
            seen.append(text)
            answered.append(box)
            wanted = pending.pop(0)
            for button in box.findChildren(QAbstractButton):
                if button.text().replace("&", "") == wanted:
                    button.click()
                    break
            else:
                box.close()
                seen.append(f"no button {wanted!r}")
            if pending:
                QTimer.singleShot(25, click)

        QTimer.singleShot(0, click)
        return seen

    return schedule
