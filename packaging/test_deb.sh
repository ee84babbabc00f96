#!/usr/bin/env bash
# Build the .deb (unless given one) and test it as a user would get it:
#
#   packaging/test_deb.sh                 # make package, then test dist/factcheck_<v>_<arch>.deb
#   packaging/test_deb.sh path/to.deb     # test that package, no build
#
# 1. metadata: dpkg-deb -I / -c (name, version, Depends, the file list, owners, modes)
# 2. validators: desktop-file-validate, appstreamcli validate --no-net, the MIME XML
#    through update-mime-database, lintian (no errors; overrides in packaging/linux)
# 3. a throwaway root (dpkg-deb -x): from the installed copy, with HOME, XDG_* and
#    FACTCHECK_DATA_DIR in a temp dir: --version, demo, check, extract, deadline, PDF
#    export (skipped with a note if `export --format pdf --report due` is not there yet);
#    the window offscreen for a few seconds (killed by `timeout`: it must still be running,
#    with no traceback or Qt abort), and on a virtual X server (Xvfb) mapped, then closed
#    with Ctrl+Q (exit 0). Outputs are compared with the source run's (.venv). The
#    installation must be byte-for-byte unchanged afterwards (user data goes elsewhere),
#    and the root must hold exactly what the package lists.
# 4. as root with apt: apt-get install ./deb (pulls Depends), run it from /usr/bin,
#    apt-get remove: /opt/factcheck and every packaged file gone. Skipped when not root,
#    when factcheck is already installed, or with FACTCHECK_TEST_APT=0.
# Prints package size, installed size and start-up times next to the source run's, and
# ends with "N passed, N failed"; the exit status is 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${PY:-.venv/bin/python}
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' factcheck_app/__init__.py)
ARCH=$(dpkg --print-architecture)
DEB=${1:-}
passed=0 failed=0 skipped=0
ok()   { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
bad()  { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
skip() { skipped=$((skipped + 1)); printf '  skip  %s\n' "$*"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
section() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

TMP=$(mktemp -d /tmp/factcheck-debtest.XXXXXX)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# Tools the checks use (Debian packages; installed when missing, quiet otherwise), and
# the fonts the package Depends on, which the throwaway-root runs below need like any
# other dependency (the shared libraries are there already: make package installs them).
bash packaging/install-debs.sh desktop-file-utils appstream lintian shared-mime-info \
    poppler-utils xvfb xdotool x11-utils file fonts-dejavu-core >/dev/null || true

section "build"
if [ -z "$DEB" ]; then
  DEB=dist/factcheck_${VERSION}_${ARCH}.deb
  t0=$(now)
  if make --no-print-directory package > "$TMP/build.log" 2>&1; then
    ok "make package ($(elapsed "$t0" "$(now)") s)"
  else
    tail -30 "$TMP/build.log"; bad "make package"; echo "0 passed, 1 failed"; exit 1
  fi
fi
[ -f "$DEB" ] || { echo "no package at $DEB" >&2; echo "0 passed, 1 failed"; exit 1; }
DEB=$(readlink -f "$DEB")
echo "  package: $DEB"

section "metadata (dpkg-deb -I / -c)"
field() { dpkg-deb -f "$DEB" "$1"; }
check "Package is factcheck" test "$(field Package)" = factcheck
check "Version is $VERSION (factcheck_app/__init__.py)" test "$(field Version)" = "$VERSION"
check "Architecture is $ARCH" test "$(field Architecture)" = "$ARCH"
depends=$(field Depends)
for lib in libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libwayland-cursor0 \
           libwayland-egl1 libegl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core; do
  check "Depends names $lib" grep -qE "(^|, )$lib( |,|$)" <<<"$depends"
done
if command -v apt-cache >/dev/null; then
  unknown=$(tr ',' '\n' <<<"$depends" | sed 's/(.*//; s/ //g' | while read -r name; do
              apt-cache show "$name" >/dev/null 2>&1 || echo "$name"; done | paste -sd' ' -)
  check "every Depends is a package apt knows${unknown:+ (unknown: $unknown)}" test -z "$unknown"
fi
check "no maintainer scripts" bash -c "! dpkg-deb -I '$DEB' | grep -qE '^ +[0-9]+ bytes.* (preinst|postinst|prerm|postrm)\b'"
dpkg-deb -c "$DEB" > "$TMP/contents.txt"
listed() { grep -qE " \./$1( ->|$)" "$TMP/contents.txt"; }
for path in opt/factcheck/factcheck usr/bin/factcheck usr/share/applications/factcheck.desktop \
    usr/share/metainfo/org.factcheck.Factcheck.metainfo.xml usr/share/mime/packages/factcheck.xml \
    usr/share/icons/hicolor/scalable/apps/factcheck.svg usr/share/doc/factcheck/copyright \
    usr/share/doc/factcheck/changelog.gz usr/share/man/man1/factcheck.1.gz \
    opt/factcheck/_internal/resources/samples/seed-article.txt \
    opt/factcheck/_internal/resources/icons/factcheck.svg; do
  check "contains /$path" listed "$path"
done
for size in 16 24 32 48 64 128 256; do
  check "icon ${size}x${size}" listed "usr/share/icons/hicolor/${size}x${size}/apps/factcheck.png"
done
check "/usr/bin/factcheck -> /opt/factcheck/factcheck" \
    grep -q " \./usr/bin/factcheck -> /opt/factcheck/factcheck$" "$TMP/contents.txt"
check "every entry owned by root/root" bash -c "! awk '{print \$2}' '$TMP/contents.txt' | grep -v '^root/root$'"
check "nothing outside /opt/factcheck and the usual /usr/share places" bash -c "! awk '{print \$6}' '$TMP/contents.txt' | grep -vE '^\./(\$|opt/(factcheck/.*)?\$|usr/\$|usr/bin/(factcheck)?\$|usr/share/\$|usr/share/(applications|icons|metainfo|mime|doc|man|lintian)/)'"
check "no Qt translations, no unused Qt modules or plugins" bash -c "! grep -E 'PySide6/Qt/translations|Qt6(Network|Qml|Quick|Pdf|PrintSupport|Sql|OpenGLWidgets|EglFS)|platforms/libq(eglfs|linuxfb|vnc)|platformthemes/libqgtk3|/tls/|/sqldrivers/' '$TMP/contents.txt'"
check "no development articles (test material, not for republication)" bash -c "! grep -q 'resources/samples/articles' '$TMP/contents.txt'"

section "validators"
ROOT=$TMP/root
dpkg-deb -x "$DEB" "$ROOT"
unstripped=$(find "$ROOT/opt/factcheck" -name '*.so*' -type f -exec file {} + | grep -c 'not stripped')
check "shared libraries stripped ($unstripped not stripped)" test "$unstripped" -eq 0
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate" desktop-file-validate "$ROOT/usr/share/applications/factcheck.desktop"
  grep -q '^Exec=factcheck gui %f$' "$ROOT/usr/share/applications/factcheck.desktop" \
      && ok "desktop Exec=factcheck gui %f" || bad "desktop Exec line"
  grep -q '^MimeType=application/x-factcheck-workspace;$' "$ROOT/usr/share/applications/factcheck.desktop" \
      && ok "desktop MimeType" || bad "desktop MimeType"
else skip "desktop-file-validate (desktop-file-utils not installed)"; fi
if command -v appstreamcli >/dev/null; then
  if appstreamcli validate --no-net "$ROOT"/usr/share/metainfo/*.metainfo.xml > "$TMP/as.txt" 2>&1
  then ok "appstreamcli validate --no-net ($(tail -1 "$TMP/as.txt"))"
  else cat "$TMP/as.txt"; bad "appstreamcli validate --no-net"; fi
else skip "appstreamcli (appstream not installed)"; fi
if command -v update-mime-database >/dev/null; then
  mkdir -p "$TMP/mime/packages" && cp "$ROOT/usr/share/mime/packages/factcheck.xml" "$TMP/mime/packages/"
  # (it notes on stderr that the temp dir is not on XDG_DATA_DIRS: not an error)
  if update-mime-database "$TMP/mime" 2>"$TMP/mime.err" && ! grep -qi "error\|warning" "$TMP/mime.err" \
     && grep -q 'application/x-factcheck-workspace:\*\.factcheck' "$TMP/mime/globs2"; then
    ok "MIME type: *.factcheck -> application/x-factcheck-workspace"
  else cat "$TMP/mime.err"; bad "MIME XML (update-mime-database)"; fi
else skip "MIME XML (shared-mime-info not installed)"; fi
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$DEB" > "$TMP/lintian.txt" 2>&1
  errors=$(grep -c '^E:' "$TMP/lintian.txt"); warnings=$(grep -c '^W:' "$TMP/lintian.txt")
  if [ "$errors" -eq 0 ]; then ok "lintian: 0 errors, $warnings warnings (overrides: packaging/linux/lintian-overrides)"
  else grep '^E:' "$TMP/lintian.txt" | head -20; bad "lintian: $errors errors"; fi
else skip "lintian (not installed)"; fi

section "installed copy (dpkg-deb -x into $ROOT)"
FC=$ROOT/opt/factcheck/factcheck
manifest() { (cd "$ROOT" && find . -printf '%p %y %s %m %T@\n' | LC_ALL=C sort; \
              find . -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum); }
manifest > "$TMP/manifest.before"
# The root holds exactly what the package lists.
awk '{print $6}' "$TMP/contents.txt" | sed 's|/$||; s|^\./||' | grep -v '^\.\?$' | LC_ALL=C sort > "$TMP/listed.txt"
(cd "$ROOT" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort) > "$TMP/found.txt"
check "the root holds exactly the $(wc -l < "$TMP/listed.txt") listed entries" cmp -s "$TMP/listed.txt" "$TMP/found.txt"
# A user's environment, all of it in the temp dir; no display for these.
export HOME=$TMP/home XDG_DATA_HOME=$TMP/home/.local/share XDG_CONFIG_HOME=$TMP/home/.config \
       XDG_CACHE_HOME=$TMP/home/.cache QT_QPA_PLATFORM=offscreen
unset FACTCHECK_USER FACTCHECK_TODAY DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME" "$TMP/work" "$TMP/src"
export FACTCHECK_DATA_DIR=$TMP/data
# Also through a symlink, as /usr/bin/factcheck is one.
mkdir -p "$TMP/bin" && ln -s "$FC" "$TMP/bin/factcheck"
SRC=()
if [ -x "$PY" ] && "$PY" -c "import factcheck_app" 2>/dev/null; then SRC=("$REPO/$PY" -m factcheck_app); fi

out=$("$TMP/bin/factcheck" --version 2>&1)
check "factcheck --version (via a symlink) prints 'factcheck $VERSION'" test "$out" = "factcheck $VERSION"
W=$TMP/work/demo.factcheck
out=$("$FC" demo "$W" 2>&1); echo "  $out"
check "factcheck demo" test -s "$W"
out=$("$FC" check "$W" 2>&1); echo "  $out"
check "factcheck check: ok" grep -q ": ok" <<<"$out"
out=$("$FC" statement list "$W" --format json 2>&1)
check "statement list --format json: 12 statements" test "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$out" 2>/dev/null)" = 12
out=$("$FC" deadline "within six months" --stated 2023-01-10 2>&1)
[ ${#SRC[@]} -gt 0 ] && src_out=$("${SRC[@]}" deadline "within six months" --stated 2023-01-10 2>&1) || src_out=$out
check "deadline: same as the source run ($out)" test "$out" = "$src_out"
# Text extraction (trafilatura and its data files) on the development articles.
for article in resources/samples/articles/*.html; do
  name=$(basename "$article" .html)
  "$FC" extract "$article" --format json > "$TMP/work/$name.json" 2>"$TMP/work/$name.err"
  if [ ${#SRC[@]} -gt 0 ]; then
    "${SRC[@]}" extract "$article" --format json > "$TMP/src/$name.json" 2>/dev/null
    check "extract $name: identical to the source run" cmp -s "$TMP/work/$name.json" "$TMP/src/$name.json"
  else
    check "extract $name" test -s "$TMP/work/$name.json"
  fi
done
# PDF report (QPdfWriter, fonts from the system).
if "$FC" export --help 2>/dev/null | grep -q -- "--report" && "$FC" export --help | grep -q "pdf"; then
  if "$FC" export "$W" --format pdf --report due --output "$TMP/work/due.pdf" > "$TMP/pdf.log" 2>&1 \
     && [ "$(head -c 5 "$TMP/work/due.pdf")" = "%PDF-" ]; then
    ok "export --format pdf --report due ($(du -k "$TMP/work/due.pdf" | cut -f1) KiB)"
    if command -v pdffonts >/dev/null && [ ${#SRC[@]} -gt 0 ]; then
      "${SRC[@]}" demo "$TMP/src/demo.factcheck" >/dev/null 2>&1
      "${SRC[@]}" export "$TMP/src/demo.factcheck" --format pdf --report due --output "$TMP/src/due.pdf" >/dev/null 2>&1
      fonts() { pdffonts "$1" | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); print $1}' | sort -u | paste -sd' ' -; }
      installed_fonts=$(fonts "$TMP/work/due.pdf"); source_fonts=$(fonts "$TMP/src/due.pdf")
      check "PDF fonts as in the source run: $installed_fonts" test "$installed_fonts" = "$source_fonts"
      check "PDF pages as in the source run" test "$(pdfinfo "$TMP/work/due.pdf" | grep Pages)" = "$(pdfinfo "$TMP/src/due.pdf" | grep Pages)"
    fi
  else cat "$TMP/pdf.log"; bad "export --format pdf --report due"; fi
else
  skip "PDF export: 'factcheck export --format pdf --report due' is not in this build yet"
fi

# The window, offscreen, for a few seconds: still running when `timeout` ends it (124),
# no traceback, no Qt abort, the sample workspace built in the data folder.
timeout -s TERM 6 "$FC" gui > "$TMP/gui.out" 2> "$TMP/gui.err"; rc=$?
if [ $rc -eq 124 ] && ! grep -qE "Traceback|Fatal Python error|Aborted|could not load the Qt platform plugin|cannot open the window" "$TMP/gui.err"; then
  ok "window offscreen: ran 6 s until stopped, no error output"
else echo "  exit $rc"; sed 's/^/  | /' "$TMP/gui.err" | head -20; bad "window offscreen (exit $rc)"; fi
check "first start built the sample workspace in FACTCHECK_DATA_DIR" test -s "$TMP/data/Sample.factcheck"
check "the log went to FACTCHECK_DATA_DIR/logs" test -f "$TMP/data/logs/factcheck.log"
check "no traceback in the log" bash -c "! grep -q Traceback '$TMP/data/logs/factcheck.log'"
# Without FACTCHECK_DATA_DIR: the platform's user data folder ($XDG_DATA_HOME/factcheck).
(unset FACTCHECK_DATA_DIR; timeout -s TERM 6 "$FC" gui > /dev/null 2> "$TMP/gui2.err"); rc=$?
check "window offscreen without FACTCHECK_DATA_DIR (exit $rc)" test $rc -eq 124
check "sample workspace in \$XDG_DATA_HOME/factcheck" test -s "$XDG_DATA_HOME/factcheck/Sample.factcheck"

# On a virtual X server: time to the window being mapped, then Ctrl+Q must close it (exit 0).
declare -A MAPPED FIRST
window_run() {  # label, command...: sets MAPPED[label]; ok/bad on a clean close
  local label=$1; shift
  local t0 pid wid rc=0
  t0=$(now)
  # maya's passphrase (the sample's), so the main window opens instead of the sign-in dialog
  FACTCHECK_PASSPHRASE=sample-passphrase "$@" gui "$W" --as maya \
    > "$TMP/x-$label.out" 2> "$TMP/x-$label.err" & pid=$!
  wid=""
  for _ in $(seq 600); do  # poll every 50 ms (xdotool's own --sync polls every 500 ms)
    # the first window of the process on screen: the start-up frame, its first paint
    if [ -z "${FIRST[$label]:-}" ] && [ -n "$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1)" ]; then
      FIRST[$label]=$(elapsed "$t0" "$(now)")
    fi
    # the main window, titled "demo.factcheck — <user> — Factcheck" (a bare "Factcheck"
    # top-level may come and go before it)
    wid=$(xdotool search --onlyvisible --name "^demo\.factcheck .*Factcheck$" 2>/dev/null | head -1)
    [ -n "$wid" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$wid" ]; then
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    sed 's/^/  | /' "$TMP/x-$label.err" | head; bad "$label window on Xvfb: never mapped"; return
  fi
  MAPPED[$label]=$(elapsed "$t0" "$(now)")
  sleep 1
  # Ctrl+Q to the focused window (there is no window manager: focus it first). A key
  # press that arrives while the window is still settling can be lost: try 3 times.
  for _ in 1 2 3; do
    xdotool windowfocus --sync "$wid" 2>/dev/null; xdotool key ctrl+q 2>/dev/null
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null || break
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  | window $wid: $(xdotool getwindowname "$wid" 2>&1)"
    kill "$pid"; wait "$pid"; bad "$label window: Ctrl+Q did not close it"; return
  fi
  wait "$pid"; rc=$?
  if [ $rc -eq 0 ] && ! grep -qE "Traceback|Fatal Python error|Aborted" "$TMP/x-$label.err"; then
    ok "$label window on Xvfb: first window after ${FIRST[$label]:--} s, main window after ${MAPPED[$label]} s, closed by Ctrl+Q with exit 0"
  else sed 's/^/  | /' "$TMP/x-$label.err" | head; bad "$label window on Xvfb: exit $rc"; fi
}
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
  exec 5> "$TMP/xvfb.display"
  Xvfb -displayfd 5 -screen 0 1600x1000x24 -nolisten tcp > "$TMP/xvfb.log" 2>&1 & XVFB_PID=$!
  for _ in $(seq 50); do [ -s "$TMP/xvfb.display" ] && break; sleep 0.1; done
  exec 5>&-
  export DISPLAY=:$(head -1 "$TMP/xvfb.display"); unset QT_QPA_PLATFORM
  window_run installed "$FC"
  [ ${#SRC[@]} -gt 0 ] && window_run source "${SRC[@]}"
  export QT_QPA_PLATFORM=offscreen; unset DISPLAY
  kill "$XVFB_PID" 2>/dev/null; wait "$XVFB_PID" 2>/dev/null; XVFB_PID=""
else
  skip "window on Xvfb (xvfb or xdotool not installed)"
fi

manifest > "$TMP/manifest.after"
check "the installation is unchanged after all runs (no user data inside it)" cmp -s "$TMP/manifest.before" "$TMP/manifest.after"

section "apt-get install / remove"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null || [ "${FACTCHECK_TEST_APT:-1}" = 0 ]; then
  skip "apt install (needs root and apt-get; FACTCHECK_TEST_APT=0 turns it off)"
elif dpkg-query -W -f='${Status}' factcheck 2>/dev/null | grep -q "install ok installed"; then
  skip "apt install: factcheck is already installed on this machine; not touching it"
else
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DEB" > "$TMP/apt.log" 2>&1; then
    ok "apt-get install ./$(basename "$DEB") (Depends resolved)"
    out=$(/usr/bin/factcheck --version 2>&1)
    check "/usr/bin/factcheck --version" test "$out" = "factcheck $VERSION"
    check "/usr/bin/factcheck demo + check" bash -c "/usr/bin/factcheck demo '$TMP/work/apt.factcheck' && /usr/bin/factcheck check '$TMP/work/apt.factcheck' | grep -q ': ok'"
    missing=$(find /opt/factcheck -name '*.so*' -type f -exec ldd {} + 2>/dev/null | grep -c "not found")
    check "every bundled library resolves (ldd: $missing not found)" test "$missing" -eq 0
    dpkg -L factcheck > "$TMP/dpkg-L.txt"
    if DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq factcheck > "$TMP/apt-remove.log" 2>&1; then
      ok "apt-get remove factcheck"
    else tail "$TMP/apt-remove.log"; bad "apt-get remove factcheck"; fi
    check "/opt/factcheck is gone" test ! -e /opt/factcheck
    check "/usr/bin/factcheck is gone" test ! -e /usr/bin/factcheck -a ! -L /usr/bin/factcheck
    left=$(while read -r f; do [ -f "$f" ] || [ -L "$f" ] && echo "$f"; done < "$TMP/dpkg-L.txt" | wc -l)
    check "no packaged file left behind ($left)" test "$left" -eq 0
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq factcheck > /dev/null 2>&1
  else
    tail -20 "$TMP/apt.log"; bad "apt-get install ./$(basename "$DEB")"
  fi
fi

section "sizes and start-up times"
echo "  package:        $(du -h "$DEB" | cut -f1)  ($(stat -c %s "$DEB") bytes)"
echo "  installed:      $(dpkg-deb -f "$DEB" Installed-Size) KiB (Installed-Size); /opt/factcheck $(du -sh "$ROOT/opt/factcheck" | cut -f1)"
best_of() {  # best wall time of 5 runs of a command
  local best="" t0 t
  for _ in 1 2 3 4 5; do
    t0=$(now); "$@" >/dev/null 2>&1; t=$(elapsed "$t0" "$(now)")
    best=$(awk -v a="$t" -v b="${best:-999}" 'BEGIN { print (a < b) ? a : b }')
  done
  echo "$best"
}
printf '  %-34s %10s %10s\n' "" installed source
src_version="-"; [ ${#SRC[@]} -gt 0 ] && src_version=$(best_of "${SRC[@]}" --version)
printf '  %-34s %9ss %9ss\n' "factcheck --version (best of 5)" "$(best_of "$FC" --version)" "$src_version"
printf '  %-34s %9ss %9ss\n' "first window on screen (Xvfb)" "${FIRST[installed]:--}" "${FIRST[source]:--}"
printf '  %-34s %9ss %9ss\n' "main window on screen (Xvfb)" "${MAPPED[installed]:--}" "${MAPPED[source]:--}"

echo
echo "packaging test: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
