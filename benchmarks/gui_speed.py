"""How fast the window is on a large workspace, against baselines measured in the same run.

    .venv/bin/python benchmarks/gui_speed.py [--n 100000] [--workspace PATH] [--runs 5]

Prints, each as the median of several runs:
  - process start to first painted window, for Factcheck (`factcheck gui PATH`, whose
    start-up frame is painted before the app's modules load) and for a bare PySide6
    window (target: Factcheck <= 1.5x the bare window);
  - when the full main window is shown, and its statements table's first paint after
    that (target < 100 ms);
  - search-as-you-type latency (query + model reset + repaint) for a rare and for the most
    frequent term, next to the raw FTS5 query for the same term (targets: <= 50 ms typical,
    <= 250 ms most frequent);
  - peak resident memory of the window process (target < 300 MB).
Figures are printed, never asserted: timing is not a test.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = r"""
import sys, time
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("bare")); w.resize(1400, 860)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("PAINTED", time.time(), flush=True); QTimer.singleShot(0, app.quit)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""

def _env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _bare_start() -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True,
                         env=_env(), timeout=300).stdout
    painted = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("PAINTED"))
    return painted - start


def _app_start(path: Path) -> dict[str, float]:
    """Run the real command (`factcheck gui PATH`) with its start-up trace; it quits itself
    once the statements table is painted. Returns seconds since process start per milestone."""
    home = Path(tempfile.mkdtemp(prefix="factcheck-bench-home-"))
    env = {**_env(), "FACTCHECK_STARTUP_TRACE": "exit", "XDG_CONFIG_HOME": str(home / "config"),
           "FACTCHECK_DATA_DIR": str(home / "data")}
    start = time.time()
    err = subprocess.run([sys.executable, "-m", "factcheck_app", "gui", str(path), "--as", "bench"],
                         capture_output=True, text=True, env=env, timeout=300, cwd=ROOT).stderr
    marks: dict[str, float] = {}
    for line in err.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1].startswith("peak_rss_kb="):
            marks["rss_kb"] = float(parts[1].split("=")[1])
        elif len(parts) == 3 and parts[0] == "startup":
            marks[parts[1]] = float(parts[2]) - start
    if "table" not in marks:
        raise SystemExit(f"the window did not start:\n{err[-2000:]}")
    return marks


def _ensure_user(path: Path) -> None:
    from factcheck_app.services import users
    from factcheck_app.services.workspace import Workspace

    with Workspace.open(path, backup_on_open=False) as ws:
        admin = next(u for u in ws.users() if u.role == "admin")
        ws.sign_in(admin.name)
        if not any(u.name == "bench" for u in ws.users()):
            users.add_user(ws, name="bench", role="reviewer", display_name="Benchmark")


def _terms(path: Path) -> tuple[str, str, int, int]:
    """The most frequent indexed word, and a rare one (a handful of hits)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'statements_fts', 'row')")
    frequent, f_count = conn.execute(
        "SELECT term, doc FROM temp.vocab WHERE length(term) > 3 ORDER BY doc DESC LIMIT 1").fetchone()
    rare, r_count = conn.execute(
        "SELECT term, doc FROM temp.vocab WHERE doc BETWEEN 3 AND 20 AND length(term) > 4 "
        "ORDER BY doc DESC LIMIT 1").fetchone()
    conn.close()
    return rare, frequent, r_count, f_count


def _raw_fts(path: Path, term: str, runs: int) -> float:
    conn = sqlite3.connect(path)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        conn.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?", [term]).fetchone()
        conn.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH ? LIMIT 200", [term]).fetchall()
        times.append(time.perf_counter() - t)
    conn.close()
    return statistics.median(times)


def _search_latency(path: Path, terms: list[str], runs: int) -> dict[str, float]:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from factcheck_app.ui.app import Application, create_qapplication
    from factcheck_app.ui.settings import AppSettings

    app = create_qapplication()
    tmp = tempfile.mkdtemp()
    settings = AppSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
    controller = Application(app, settings, sync=True, ask=False)
    controller.open(path, "bench")
    window = controller.window
    window.show()
    QApplication.processEvents()
    view = window.statements
    results = {}
    for term in terms:
        times = []
        for i in range(runs):
            # Type the word letter by letter, as a user does; time the last keystroke.
            view.search.blockSignals(True)
            view.search.setText(term[:-1])
            view.search.blockSignals(False)
            view.apply_filters()
            view.search.blockSignals(True)
            view.search.setText(term)
            view.search.blockSignals(False)
            t = time.perf_counter()
            view.apply_filters()
            view.table.viewport().repaint()
            times.append(time.perf_counter() - t)
        results[term] = statistics.median(times)
        view.search.setText("")
        view.apply_filters()
    controller.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workspace", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.workspace
    if path is None:
        path = Path(tempfile.gettempdir()) / f"factcheck-bench-{args.n}.factcheck"
        if not path.exists():
            from benchmarks.make_workspace import make_workspace

            print(f"generating {args.n:,} statements in {path} …", flush=True)
            make_workspace(path, args.n)
    _ensure_user(path)
    size_mb = path.stat().st_size / 1e6
    print(f"workspace: {path} ({size_mb:.0f} MB)")

    bare = [_bare_start() for _ in range(args.runs)]
    app_runs = [_app_start(path) for _ in range(args.runs)]
    app_start = [m["painted"] for m in app_runs]
    table_ready = [m["table"] for m in app_runs]
    rss = [m.get("rss_kb", 0) for m in app_runs]
    rare, frequent, r_count, f_count = _terms(path)
    latency = _search_latency(path, [rare, frequent], args.runs)
    raw = {term: _raw_fts(path, term, args.runs) for term in (rare, frequent)}

    ms = lambda s: f"{s * 1000:7.1f} ms"  # noqa: E731
    b, a = statistics.median(bare), statistics.median(app_start)
    print(f"\nmedian of {args.runs} runs")
    t = statistics.median(table_ready)
    w = statistics.median(m["window"] for m in app_runs)
    print(f"start → first painted window   factcheck {ms(a)}   bare PySide6 {ms(b)}   "
          f"ratio {a / b:.2f}x (target ≤ 1.5x)")
    print(f"start → main window shown      {ms(w)}   table painted {ms(t)}: {ms(t - w)} after "
          "the main window (target < 100 ms)")
    for term, count, target in ((rare, r_count, 50), (frequent, f_count, 250)):
        print(f"search {term!r:>16} ({count:>6,} hits)  {ms(latency[term])}   raw FTS5 {ms(raw[term])}"
              f"   (target ≤ {target} ms)")
    print(f"peak RSS of the window process {max(rss) / 1024:7.1f} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
