"""The real command: `factcheck gui PATH` paints its frame, then the window, and exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

from factcheck_app.services.demo import build_demo


def test_gui_command_starts_and_paints_in_order(tmp_path):
    path = tmp_path / "s.factcheck"
    build_demo(path).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACTCHECK_STARTUP_TRACE": "exit",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "FACTCHECK_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "factcheck_app", "gui", str(path), "--as", "rob"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    events = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("startup ")]
    assert events.index("painted") < events.index("window") < events.index("table")
    assert "Traceback" not in done.stderr


def test_gui_refuses_without_display_and_names_it(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "factcheck_app", "gui", "--sample"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert "no display" in done.stderr
    assert "Traceback" not in done.stderr and "Fatal" not in done.stderr
