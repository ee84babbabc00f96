#!/usr/bin/env bash
# Build dist/factcheck_<version>_<arch>.deb: the PyInstaller bundle in /opt/factcheck,
# /usr/bin/factcheck, desktop entry, icons, MIME type, AppStream metadata, docs.
# Run by `make package` (which installs PyInstaller into .venv first). Everything happens
# in build/ (PyInstaller's cache in build/pyinstaller, the package tree in build/deb);
# only the .deb goes to dist/.
#
# Environment: PY (the Python with PyInstaller; default .venv/bin/python),
#              CLEAN=1 (rebuild the bundle from scratch instead of reusing the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' factcheck_app/__init__.py)
ARCH=$(dpkg --print-architecture)
BUNDLE=build/pyinstaller/dist/factcheck
STAGE=build/deb                 # dpkg-shlibdeps wants debian/control beside debian/PACKAGE
PKGROOT=$STAGE/debian/factcheck
OUT=dist/factcheck_${VERSION}_${ARCH}.deb
LINUX=packaging/linux
RES=resources/linux
[ -n "$VERSION" ] || { echo "cannot read __version__ from factcheck_app/__init__.py" >&2; exit 1; }
started=$(date +%s)
say() { printf '[%3ss] %s\n' "$(( $(date +%s) - started ))" "$*"; }

# Tools: dpkg-shlibdeps (dpkg-dev) reads the libraries with objdump (binutils);
# patchelf takes the build machine's paths out of the libraries' RUNPATH.
bash packaging/install-debs.sh dpkg-dev binutils patchelf

say "bundle: PyInstaller (packaging/factcheck.spec)"
"$PY" -m PyInstaller --noconfirm --log-level WARN ${CLEAN:+--clean} \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work \
    packaging/factcheck.spec

say "package tree: $PKGROOT"
rm -rf "$STAGE"
mkdir -p "$PKGROOT/DEBIAN" "$PKGROOT/opt" "$PKGROOT/usr/bin"
cp -a "$BUNDLE" "$PKGROOT/opt/factcheck"
# Absolute: the link crosses top-level directories (Debian policy 10.5). The bootloader
# resolves it, so the bundle finds its _internal/ folder.
ln -s /opt/factcheck/factcheck "$PKGROOT/usr/bin/factcheck"
install -Dm644 "$RES/factcheck.desktop" "$PKGROOT/usr/share/applications/factcheck.desktop"
install -Dm644 "$RES/org.factcheck.Factcheck.metainfo.xml" \
    "$PKGROOT/usr/share/metainfo/org.factcheck.Factcheck.metainfo.xml"
install -Dm644 "$RES/factcheck-mime.xml" "$PKGROOT/usr/share/mime/packages/factcheck.xml"
for size in 16 24 32 48 64 128 256; do
  install -Dm644 "resources/icons/hicolor/${size}x${size}/apps/factcheck.png" \
      "$PKGROOT/usr/share/icons/hicolor/${size}x${size}/apps/factcheck.png"
done
install -Dm644 resources/icons/factcheck.svg "$PKGROOT/usr/share/icons/hicolor/scalable/apps/factcheck.svg"
install -Dm644 "$LINUX/copyright" "$PKGROOT/usr/share/doc/factcheck/copyright"
install -Dm644 "$LINUX/lintian-overrides" "$PKGROOT/usr/share/lintian/overrides/factcheck"
install -d "$PKGROOT/usr/share/man/man1"
gzip -9n < "$LINUX/factcheck.1" > "$PKGROOT/usr/share/man/man1/factcheck.1.gz"
# The changelog must name this version; when __version__ moved on without an entry, one
# is added here (and a note printed) so that the package stays consistent.
changelog=$STAGE/changelog
if head -1 "$LINUX/changelog" | grep -q "^factcheck ($VERSION)"; then
  cp "$LINUX/changelog" "$changelog"
else
  echo "note: $LINUX/changelog has no entry for $VERSION; adding a generic one" >&2
  { printf 'factcheck (%s) unstable; urgency=medium\n\n  * New upstream release.\n\n' "$VERSION"
    printf ' -- %s  %s\n\n' "$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$LINUX/changelog" | head -1)" \
        "$(date -R)"
    cat "$LINUX/changelog"; } > "$changelog"
fi
gzip -9n < "$changelog" > "$PKGROOT/usr/share/doc/factcheck/changelog.gz"

# RUNPATH: Python's own extension modules (and libpython) carry the build machine's
# library folder (e.g. a pyenv lib folder); a path outside the package must
# not be searched on the user's machine. Only $ORIGIN-relative entries (Qt's) stay.
while IFS= read -r elf; do
  case "$elf" in *.so|*.so.*) ;; *) continue ;; esac   # never touch the bootloader
  runpath=$(patchelf --print-rpath "$elf")
  [ -n "$runpath" ] || continue
  keep=$(tr ':' '\n' <<<"$runpath" | grep '^\$ORIGIN' | paste -sd: - || true)
  [ "$keep" = "$runpath" ] && continue
  if [ -n "$keep" ]; then patchelf --set-rpath "$keep" "$elf"; else patchelf --remove-rpath "$elf"; fi
done < <("$PY" "$LINUX/system_libs.py" elf-files "$PKGROOT/opt/factcheck")

# Modes: directories 755, files 644, the one executable 755 (shared objects need no x bit).
find "$PKGROOT" -type d -exec chmod 0755 {} +
find "$PKGROOT" -type f -exec chmod 0644 {} +
chmod 0755 "$PKGROOT/opt/factcheck/factcheck"

say "Depends: system libraries the bundle links to (dpkg-shlibdeps)"
missing=$("$PY" "$LINUX/system_libs.py" missing-packages "$PKGROOT/opt/factcheck")
[ -z "$missing" ] || bash packaging/install-debs.sh $missing
mapfile -t elfs < <("$PY" "$LINUX/system_libs.py" elf-files "$PKGROOT/opt/factcheck")
libdirs=()
while IFS= read -r dir; do libdirs+=("-l$dir"); done < <(
  printf '%s\n' "${elfs[@]}" | xargs -n1 dirname | sort -u | sed "s|^$STAGE/||")
cat > "$STAGE/debian/control" <<EOF
Source: factcheck

Package: factcheck
Architecture: $ARCH
EOF
shlibs=$(cd "$STAGE" && dpkg-shlibdeps -O --warnings=1 --ignore-missing-info "${libdirs[@]}" \
         "${elfs[@]#"$STAGE"/}" 2>"../deb-shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "dpkg-shlibdeps found nothing; see build/deb-shlibdeps.log" >&2; exit 1; }
rm -f "$STAGE/debian/control"

# Not found by dpkg-shlibdeps: the fonts the PDF reports are set in (DejaVu, which covers
# Cyrillic as well), as in a source run on Debian.
depends="$shlibs, fonts-dejavu-core"
installed_kb=$(du -sk --exclude=DEBIAN "$PKGROOT" | cut -f1)
cat > "$PKGROOT/DEBIAN/control" <<EOF
Package: factcheck
Version: $VERSION
Architecture: $ARCH
Maintainer: $(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$LINUX/changelog" | head -1)
Installed-Size: $installed_kb
Depends: $depends
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Section: misc
Priority: optional
Description: track what officials said against what then happened
 Factcheck is a desktop workspace for analysts who hold officials to their
 word: record what was said, state what would show it held and by when, link
 the evidence that later arrives, rate the outcome, and have a second analyst
 approve it before it goes into a report.
 .
 Everything lives in one SQLite workspace file (*.factcheck), with an
 append-only, hash-chained history of every change. PDF, HTML and Markdown
 reports; every action of the window is also a command (factcheck --help).
 .
 This package is a self-contained bundle (Python, Qt 6 via PySide6) in
 /opt/factcheck.
EOF
(cd "$PKGROOT" && find . -path ./DEBIAN -prune -o -type f -print0 | LC_ALL=C sort -z \
   | xargs -0 md5sum | sed 's|  \./|  |') > "$PKGROOT/DEBIAN/md5sums"
chmod 0644 "$PKGROOT/DEBIAN/control" "$PKGROOT/DEBIAN/md5sums"

say "dpkg-deb --build --root-owner-group"
# Reproducible: every file dated like the changelog's entry.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$(sed -n 's/^ -- .*>  //p' "$changelog" | head -1)" +%s)}
export SOURCE_DATE_EPOCH
find "$PKGROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p dist
rm -f "$OUT"
dpkg-deb --root-owner-group -Zxz --build "$PKGROOT" "$OUT" >/dev/null
say "built $OUT: $(du -h "$OUT" | cut -f1) (installed: $(( installed_kb / 1024 )) MiB)"
