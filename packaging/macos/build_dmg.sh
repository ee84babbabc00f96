#!/usr/bin/env bash
# Build dist/Factcheck-<version>.dmg on macOS: Factcheck.app from packaging/factcheck.spec
# (BUNDLE, with the .factcheck document type), checked, signed ad hoc, put on a disk image
# beside a link to /Applications. Run by .github/workflows/installers.yml on macos-latest;
# locally: make setup && .venv/bin/pip install -e ".[package]" && packaging/macos/build_dmg.sh
#
# The .app holds Contents/MacOS/Factcheck (the window; Finder passes it the document to
# open) and Contents/MacOS/factcheck-cli (the command line). User data goes to
# ~/Library/Application Support/Factcheck, never into the .app.
# Not done here: signing with a Developer ID and notarisation (they need Apple credentials);
# an ad hoc signature runs on the machine that built it and, after the user's "Open" in
# System Settings > Privacy & Security, on others.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' factcheck_app/__init__.py)
APP=build/pyinstaller/dist/Factcheck.app
DMG=dist/Factcheck-$VERSION.dmg
[ "$(uname)" = Darwin ] || { echo "build_dmg.sh runs on macOS (hdiutil, codesign)" >&2; exit 1; }

"$PY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath build/pyinstaller/dist --workpath build/pyinstaller/work packaging/factcheck.spec

# The bundle as Finder and Launch Services will read it.
plutil -lint "$APP/Contents/Info.plist"
test "$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$APP/Contents/Info.plist")" = Factcheck
/usr/libexec/PlistBuddy -c 'Print :CFBundleDocumentTypes:0:CFBundleTypeExtensions:0' \
    "$APP/Contents/Info.plist" | grep -qx factcheck
test "$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")" = "$VERSION"
# PyInstaller signs ad hoc; make sure the signature covers the finished bundle.
codesign --verify --deep --strict "$APP" 2>/dev/null || codesign --force --deep --sign - "$APP"
codesign --verify --deep --strict --verbose=1 "$APP"

# A smoke test of the bundled command line, with user data in a temp folder.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FACTCHECK_DATA_DIR=$tmp/data QT_QPA_PLATFORM=offscreen
test "$("$APP/Contents/MacOS/factcheck-cli" --version)" = "factcheck $VERSION"
"$APP/Contents/MacOS/factcheck-cli" demo "$tmp/s.factcheck"
"$APP/Contents/MacOS/factcheck-cli" check "$tmp/s.factcheck"

# The disk image: the app and a link to /Applications to drag it onto.
rm -rf build/dmg && mkdir -p build/dmg dist
cp -R "$APP" build/dmg/
ln -s /Applications build/dmg/Applications
rm -f "$DMG"
hdiutil create -volname "Factcheck $VERSION" -srcfolder build/dmg -fs HFS+ -format UDZO \
    -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"
echo "built $DMG ($(du -h "$DMG" | cut -f1))"
