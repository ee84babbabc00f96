"""Before Qt starts: is there a display, and are the system libraries Qt's xcb plugin needs there?

Qt aborts the process with a cryptic "could not load the Qt platform plugin" when
a library is missing; this check names the missing Debian packages instead.
Runs without importing Qt (importing it is harmless, creating the app is not).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

# soname -> Debian package, for the libraries Qt's xcb platform plugin links.
DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libwayland-client.so.0": "libwayland-client0",
}


def qt_plugin_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for candidate in (root / "Qt" / "plugins", root / "plugins"):
        if candidate.is_dir():
            return candidate
    return None


def missing_libraries(*libraries: Path) -> list[str]:
    """Sonames `ldd` cannot resolve for the libraries (empty when ldd is unavailable)."""
    try:
        out = subprocess.run(["ldd", *map(str, libraries)], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split()[0] for line in out.splitlines() if "not found" in line})


def _stamp(files: list[Path]) -> str:
    """Qt's files plus the dynamic linker's cache, which changes whenever system
    libraries are installed or removed: any change means checking again."""
    ld_cache = Path("/etc/ld.so.cache")
    files = files + ([ld_cache] if ld_cache.exists() else [])
    return "\n".join(f"{f}:{f.stat().st_mtime_ns}:{f.stat().st_size}" for f in files)


def _checked_file() -> Path | None:
    """Remembers that these Qt libraries resolved, so later starts skip `ldd` (~50 ms)."""
    from .paths import user_data_dir  # noqa: PLC0415

    try:
        return user_data_dir() / "qt-libraries-ok"
    except OSError:
        return None


def problems(env: dict[str, str] | None = None) -> list[str]:
    env = dict(os.environ if env is None else env)
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc")) or not sys.platform.startswith("linux"):
        return []
    found: list[str] = []
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        found.append("no display: DISPLAY (X11) or WAYLAND_DISPLAY is not set. Run Factcheck "
                     "from a desktop session, or under a virtual X server: xvfb-run make run")
    plugins = qt_plugin_dir()
    if plugins is None:
        return found + ["PySide6 is not installed in this Python environment (run: make setup)"]
    xcb = plugins / "platforms" / "libqxcb.so"
    wayland = env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")
    if xcb.exists() and not wayland:
        files = [xcb, *sorted((plugins.parent / "lib").glob("libQt6XcbQpa.so*"))[:1]]
        stamp, memo = _stamp(files), _checked_file()
        if memo is not None and memo.exists() and memo.read_text() == stamp:
            return found
        lost = missing_libraries(*files)
        if not lost and memo is not None:
            memo.write_text(stamp)
        if lost:
            packages = sorted({DEBIAN_PACKAGES.get(so, so) for so in lost})
            found.append(
                "Qt's X11 (xcb) platform plugin needs system libraries that are missing: "
                f"{', '.join(lost)}.\n  On Debian/Ubuntu install them with:\n"
                f"    sudo apt-get install {' '.join(packages)}"
            )
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"factcheck: cannot open the window: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
