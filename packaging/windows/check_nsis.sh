#!/usr/bin/env bash
# Compile packaging/windows/factcheck.nsi with Debian's makensis over a stand-in bundle
# (empty factcheck.exe / factcheckw.exe / _internal), to check the script on Linux: its
# syntax, includes, plugins and the files it names. The real installer is built on
# Windows by .github/workflows/installers.yml.
#
#   packaging/windows/check_nsis.sh            (installs Debian's nsis when missing)
set -euo pipefail
cd "$(dirname "$0")"
bash ../install-debs.sh nsis
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' ../../factcheck_app/__init__.py)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/dist/factcheck/_internal/resources"
printf 'MZ stand-in\n' > "$tmp/dist/factcheck/factcheck.exe"
printf 'MZ stand-in\n' > "$tmp/dist/factcheck/factcheckw.exe"
printf 'stand-in\n' > "$tmp/dist/factcheck/_internal/resources/seed-article.txt"
makensis -V2 -WX "-DVERSION=$VERSION" "-DDIST=$tmp/dist/factcheck" \
    "-DOUTFILE=$tmp/factcheck-$VERSION-setup.exe" factcheck.nsi
test -s "$tmp/factcheck-$VERSION-setup.exe"
echo "makensis: factcheck.nsi compiles ($(du -h "$tmp/factcheck-$VERSION-setup.exe" | cut -f1) with a stand-in bundle)"
