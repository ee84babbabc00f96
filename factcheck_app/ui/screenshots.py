"""Save a PNG of every view on the sample workspace: `python -m factcheck_app.ui.screenshots DIR`.

Used to look at what we build and to refresh the README picture. Runs offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ..services.demo import SAMPLE_PASSPHRASE, build_demo
    from .app import Application, create_qapplication
    from .detail_pane import DetailPane
    from .settings import AppSettings

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="factcheck-shots-"))
    workspace = tmp / "Sample.factcheck"
    build_demo(workspace).close()
    # The shots are of the sample, whose passphrase is public; no one is there to type it.
    os.environ.setdefault("FACTCHECK_PASSPHRASE", SAMPLE_PASSPHRASE)
    app = create_qapplication()
    settings = AppSettings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
    controller = Application(app, settings, sync=True, ask=False)
    controller.open(workspace, "rob")
    window = controller.window
    window.resize(1440, 880)
    window.show()
    saved: list[Path] = []

    def shot(name: str, widget=None) -> None:
        for _ in range(3):
            QApplication.processEvents()
        path = out_dir / f"{name}.png"
        (widget or window).grab().save(str(path))
        saved.append(path)

    window.show_view("all")
    view = window.statements
    for row in range(view.model.rowCount()):
        if view.model.index(row, 0).data().startswith("Not a single"):
            view.table.selectRow(row)
    shot("main-window")
    for tab in ("Evidence", "Verdict", "Review", "History", "Timeline", "Check-by"):
        window.detail.tabs.setCurrentIndex(DetailPane.TABS.index(tab))
        shot(f"detail-{tab.lower()}")
    window.detail.tabs.setCurrentIndex(0)
    for key in ("due", "queue", "speakers", "sources", "evidence", "dashboard"):
        window.show_view(key)
        if key in ("due", "queue"):
            window.statements.select_first()
        shot(f"view-{key}")
    window.show_view("all")
    window.statements.search.setText("zzzz-nothing")
    window.statements.apply_filters()
    shot("empty-search")
    controller.close()
    return saved


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    for path in take(target):
        print(path)
