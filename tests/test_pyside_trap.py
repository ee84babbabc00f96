"""The known PySide6 trap: 6.12.0 on CPython 3.11 corrupts None's refcount on every Qt
method returning void, and the interpreter aborts ("Fatal Python error: none_dealloc")
after a few thousand calls. The pin in pyproject.toml keeps us off it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

HAMMER = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject

    app = QCoreApplication(sys.argv)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        QObject().setObjectName("x")  # returns void: each call hands back None
    print("survived", sys.getrefcount(None) - before)
""")


def test_void_qt_calls_do_not_abort_the_interpreter() -> None:
    pytest.importorskip("PySide6")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", HAMMER], capture_output=True, text=True,
                          timeout=120, env=env)
    assert "none_dealloc" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("survived")
    # even short of aborting, None's refcount must not drift by one per call
    assert abs(int(done.stdout.split()[1])) < 1_000, done.stdout


def _pyside_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [r for r in map(Requirement, project["dependencies"])
            if r.name.lower().replace("_", "-") in ("pyside6-essentials", "pyside6")]


def test_installed_pyside_respects_the_pin_for_this_python() -> None:
    pyside = pytest.importorskip("PySide6")
    applicable = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate()]
    assert applicable, "pyproject.toml pins no PySide6 for this Python"
    installed = Version(pyside.__version__)
    for requirement in applicable:
        assert requirement.specifier.contains(installed, prereleases=True), (
            f"PySide6 {installed} installed, but pyproject.toml asks for {requirement}")
    if sys.version_info[:2] == (3, 11):
        assert installed < Version("6.12"), "PySide6 6.12.0 aborts on CPython 3.11"


def test_pin_excludes_the_broken_release_on_python_311() -> None:
    """The pin itself must keep 3.11 off 6.12.0 (a test of pyproject.toml, not the venv)."""
    env = {"python_version": "3.11", "python_full_version": "3.11.7"}
    for_311 = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]
    assert for_311
    assert not any(r.specifier.contains("6.12.0") for r in for_311)
    assert all(r.specifier.contains("6.11.3") for r in for_311)
