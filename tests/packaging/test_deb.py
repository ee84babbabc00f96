"""The Debian package, built and tested installed: a wrapper around packaging/test_deb.sh.

It builds the package (PyInstaller, ~1-1.5 min with a warm cache on 2 cores), lints it,
unpacks it into a throwaway root and runs the installed copy (commands, PDF export, the
window offscreen and on Xvfb), then installs and removes it with apt when root:
about 2.5 minutes in all, 4 on a fresh machine (pip and apt downloads). That would
multiply the ~30 s of `make test` several times over, so it carries the `package` mark,
which the default run deselects (pyproject.toml); it runs with `pytest -m package`:

- FACTCHECK_PACKAGE_TESTS=1, or no up-to-date .deb in dist/: build the .deb, then test it
  (apt install/remove included);
- a .deb for this version already in dist/ and newer than the sources: test that
  package (no build, no apt; ~1 minute).

`make package-test` runs the same script directly; the installers workflow
(.github/workflows/installers.yml) runs it on every change. Checks that need no build
run always: tests/packaging/test_packaging_files.py.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app import __version__

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "test_deb.sh"
SOURCES = ("factcheck_app", "packaging", "resources", "pyproject.toml")


def _arch() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()
                                                 and "__pycache__" not in p.parts
                                                 and p.suffix != ".md")
        for file in files:
            newest = max(newest, file.stat().st_mtime)
    return newest


def _plan() -> tuple[list[str], dict[str, str]] | str:
    """The script's arguments and environment, or why the test does not run."""
    if not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None:
        return "needs Debian's dpkg-deb"
    env = dict(os.environ)
    deb = ROOT / "dist" / f"factcheck_{__version__}_{_arch()}.deb"
    if (os.environ.get("FACTCHECK_PACKAGE_TESTS") == "1" or not deb.exists()
            or deb.stat().st_mtime < _newest_source()):
        return [], env  # build it
    env["FACTCHECK_TEST_APT"] = "0"  # a package found lying about: test it, install nothing
    return [str(deb)], env


@pytest.mark.package
def test_debian_package_installed_and_run() -> None:
    plan = _plan()
    if isinstance(plan, str):
        pytest.skip(plan)
    args, env = plan
    # The script sets its own HOME, XDG_* and FACTCHECK_DATA_DIR in a temp dir.
    result = subprocess.run(["bash", str(SCRIPT), *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=1200)
    report = result.stdout + result.stderr
    print(report)  # shown with -rP / -s: sizes and start-up times
    assert result.returncode == 0, "packaging/test_deb.sh failed:\n" + "\n".join(
        line for line in report.splitlines() if "FAIL" in line or line.startswith("  |"))
