"""Checks on the installer recipes that need no build (a few seconds; run with every `make test`).

They catch what a change to the app can break in the installers without anyone building
one: a Qt module the spec leaves out, a resource the bundle does not carry, metadata that
no longer names the current version, a desktop entry or AppStream file that does not
validate. The build itself is tested by tests/packaging/test_deb.py (opt-in).
"""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from factcheck_app import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "factcheck.spec"
LINUX = ROOT / "resources" / "linux"
ICONS = ROOT / "resources" / "icons"
APP = ROOT / "factcheck_app"


def _spec_constant(name: str):
    match = re.search(rf"^{name} = (\{{.*?\}}|\[.*?\])$", SPEC.read_text(), re.M | re.S)
    assert match, f"{name} not found in {SPEC.name}"
    return ast.literal_eval(match.group(1))


def _python_files():
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_spec_bundles_every_qt_module_the_app_imports() -> None:
    used: dict[str, str] = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names]
                                         if node.module == "PySide6" else [])
            for name in names:
                if name.startswith("PySide6.Qt"):
                    used.setdefault(name.split(".")[1], str(path.relative_to(ROOT)))
    bundled = _spec_constant("QT_USED")
    missing = {module: where for module, where in used.items() if module not in bundled}
    assert not missing, (f"imported but excluded from the bundle: {missing}; add them to "
                         "QT_USED in packaging/factcheck.spec")


def test_the_spec_names_the_cffi_backend_pynacl_imports_from_c() -> None:
    """PyNaCl's compiled bindings load cffi's `_cffi_backend` from C, where PyInstaller's
    analysis cannot see it; an installed copy without it failed on its first command."""
    import nacl

    folder = Path(nacl.__file__).parent
    compiled = [p for p in (*folder.rglob("*.so"), *folder.rglob("*.pyd"))
                if b"_cffi_backend" in p.read_bytes()]
    assert compiled, "PyNaCl's bindings are expected to be built with cffi"
    assert '"_cffi_backend"' in SPEC.read_text(), (
        "add \"_cffi_backend\" to hiddenimports in packaging/factcheck.spec")


def _resource_paths() -> list[tuple[str, ...]]:
    """Literal arguments of every resource(...) call in the app (incl. *CONSTANT tuples)."""
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), str(path))
        constants = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                     for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "resource"):
                continue
            parts: list[str] = []
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    parts.append(arg.value)
                elif isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name) \
                        and isinstance(constants.get(arg.value.id), ast.Tuple):
                    parts += [e.value for e in constants[arg.value.id].elts
                              if isinstance(e, ast.Constant)]
            if parts:
                found.append(tuple(parts))
    return found


def test_resources_the_app_reads_are_in_the_bundle() -> None:
    paths = _resource_paths()
    assert ("icons", "factcheck.svg") in paths and ("samples", "seed-article.txt") in paths
    left_out = _spec_constant("RESOURCES_LEFT_OUT")
    for parts in paths:
        assert (ROOT / "resources").joinpath(*parts).exists(), parts
        assert parts[:1] not in left_out and parts[:2] not in left_out, (
            f"resources/{'/'.join(parts)} is read at run time but RESOURCES_LEFT_OUT in "
            "packaging/factcheck.spec leaves it out of the bundle")


def test_metadata_names_the_current_version() -> None:
    metainfo = ET.parse(LINUX / "org.factcheck.Factcheck.metainfo.xml").getroot()
    newest = metainfo.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, (
        "add a <release> for this version to resources/linux/org.factcheck.Factcheck.metainfo.xml")
    first = (ROOT / "packaging" / "linux" / "changelog").read_text().splitlines()[0]
    assert first.startswith(f"factcheck ({__version__})"), (
        "add an entry for this version to packaging/linux/changelog")


def _desktop_entry() -> dict[str, str]:
    lines = (LINUX / "factcheck.desktop").read_text().splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_desktop_entry() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "factcheck gui %f"
    assert entry["Icon"] == "factcheck" and entry["Type"] == "Application"
    assert "application/x-factcheck-workspace;" in entry["MimeType"]
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(LINUX / "factcheck.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_appstream_metainfo_validates() -> None:
    if not shutil.which("appstreamcli"):
        pytest.skip("appstreamcli not installed (Debian package appstream)")
    result = subprocess.run(["appstreamcli", "validate", "--no-net",
                             str(LINUX / "org.factcheck.Factcheck.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_for_workspaces() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / "factcheck-mime.xml").getroot()
    kind = root.find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == "application/x-factcheck-workspace"
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.factcheck"]
    assert kind.find("m:sub-class-of", ns).get("type") == "application/vnd.sqlite3"
    # The desktop entry, the MIME XML, the NSIS script and the macOS bundle agree.
    assert "application/x-factcheck-workspace" in (ROOT / "packaging" / "windows" / "factcheck.nsi").read_text()
    assert "application/x-factcheck-workspace" in SPEC.read_text()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_icons_at_every_size() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "factcheck.png"
        assert _png_size(png) == (size, size), png
    ico = (ICONS / "factcheck.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 7)
    icns = (ICONS / "factcheck.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_nsis_script_compiles() -> None:
    """makensis over a stand-in bundle (Debian's nsis package; skipped without it)."""
    if not shutil.which("makensis"):
        pytest.skip("makensis not installed (Debian package nsis): packaging/windows/check_nsis.sh")
    result = subprocess.run(["bash", str(ROOT / "packaging" / "windows" / "check_nsis.sh")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_scripts_parse() -> None:
    for script in ("build_deb.sh", "test_deb.sh", "macos/build_dmg.sh", "windows/check_nsis.sh",
                   "install-debs.sh"):
        result = subprocess.run(["bash", "-n", str(ROOT / "packaging" / script)],
                                capture_output=True, text=True)
        assert result.returncode == 0, f"{script}: {result.stderr}"
