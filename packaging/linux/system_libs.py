"""The system libraries a bundle links to: which ELF files, which are missing here, from where.

    python packaging/linux/system_libs.py elf-files BUNDLE      # every ELF file, one a line
    python packaging/linux/system_libs.py missing-packages BUNDLE

`missing-packages` prints the Debian packages that provide the shared libraries the
bundle's ELF files need but this machine lacks (found with ldd; the soname -> package
table is the one `factcheck gui` uses to explain a missing library, plus a few more).
build_deb.sh installs them before dpkg-shlibdeps, which needs every library present to
compute the package's Depends. An unknown missing soname is an error, named on stderr.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from factcheck_app.launch_check import DEBIAN_PACKAGES  # noqa: E402

EXTRA_PACKAGES = {
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-present.so.0": "libxcb-present0",
    "libxcb-dri3.so.0": "libxcb-dri3-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libXrender.so.1": "libxrender1",
    "libXext.so.6": "libxext6",
    "libXi.so.6": "libxi6",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
}


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def missing_sonames(bundle: Path) -> dict[str, list[Path]]:
    missing: dict[str, list[Path]] = {}
    for path in elf_files(bundle):
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                missing.setdefault(line.split()[0], []).append(path)
    return missing


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("elf-files", "missing-packages"):
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Path(argv[1])
    if argv[0] == "elf-files":
        print("\n".join(str(p) for p in elf_files(bundle)))
        return 0
    table = {**DEBIAN_PACKAGES, **EXTRA_PACKAGES}
    packages, unknown = set(), []
    for soname, users in sorted(missing_sonames(bundle).items()):
        if soname in table:
            packages.add(table[soname])
        else:
            unknown.append(f"{soname} (needed by {users[0].relative_to(bundle)})")
    if unknown:
        print("no Debian package known for: " + ", ".join(unknown) +
              "; add it to EXTRA_PACKAGES in packaging/linux/system_libs.py", file=sys.stderr)
        return 1
    print(" ".join(sorted(packages)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
