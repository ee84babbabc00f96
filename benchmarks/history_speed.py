"""History as change sets against the per-field history, measured in the same run.

    .venv/bin/python benchmarks/history_speed.py [-n 100000] [--workspace PATH]
        [--baseline-rev REV] [--baseline-workspace PATH] [--runs 3] [--baseline-tab-runs 1]
        [--migrated PATH]
    .venv/bin/python benchmarks/history_speed.py --check-only --workspace PATH [--runs 5]
        [--check-baseline-rev REV]

For this checkout and for the baseline (the Factcheck of git revision REV, by default the
last one with per-field history, unpacked with `git archive` into a temporary folder and
run from there), on a workspace of N statements built by each one's own
benchmarks/make_workspace.py (or the given files, reused: building takes minutes):
  - bytes per statement (the file and its WAL over the number of statements);
  - `factcheck check` (the whole check_workspace), median of --runs;
  - the History tab of a statement with EDITS (800) changes: reading its dossier and
    filling the tab, median of --runs (the baseline's takes minutes, so by default once).
The EDITS edits are made through the services on first use and recognised afterwards, so
both files can be reused. --migrated PATH also copies the baseline file to PATH, opens it
with this checkout (migration m002) and reports the time and the size after. Figures are
printed, never asserted.

--check-only times just `factcheck check` on --workspace (built if absent, reused after),
wall and CPU (user + system of the process, its threads included), against the code of
--check-baseline-rev (by default the last commit before the check ran SQLite's own check
beside the replay), alternating the two so both see the same load; medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_REV = "cc80dee"  # the last commit whose history has one row per field
CHECK_BASELINE_REV = "853eddd"  # the last commit whose check ran its steps one after another
EDITS = 800

# Runs in a subprocess against either version of the code, so it uses only the
# services and widgets both have.
MEASURE = r"""
import json, os, statistics, sys, time
from pathlib import Path
from types import SimpleNamespace
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from factcheck_app.services import queries, statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.ui.detail_review import HistoryTab

path, edits, runs, tab_runs = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
ws = Workspace.open(path, backup_on_open=False)
count = ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0]
analyst = ws.store.db.execute("SELECT name FROM users WHERE role = 'analyst' ORDER BY name LIMIT 1").fetchone()[0]
ws.sign_in(analyst)
target = ws.store.db.execute("SELECT id FROM statements WHERE source_id IS NULL AND review_state = 'draft' "
                       "ORDER BY quote LIKE 'Benchmark edit %' DESC, id LIMIT 1").fetchone()[0]
quote = ws.store.db.execute("SELECT quote FROM statements WHERE id = ?", [target]).fetchone()[0]
done = int(quote.split()[-1]) if quote.startswith("Benchmark edit ") else 0
began = time.perf_counter()
for i in range(done + 1, edits + 1):
    statements.edit_statement(ws, statement_id=target, quote=f"Benchmark edit {i}")
edit_s = (time.perf_counter() - began) / (edits - done) if edits > done else None
checks, problems = [], None
for _ in range(runs):
    began = time.perf_counter()
    problems = check_workspace(ws)
    checks.append(time.perf_counter() - began)
app = QApplication.instance() or QApplication(sys.argv[:1])
tab = HistoryTab(SimpleNamespace(ws=ws))
tab.resize(520, 600)
tab.show()
tabs = []
for _ in range(tab_runs):
    began = time.perf_counter()
    tab.load(queries.get_statement(ws, target))
    app.processEvents()
    tabs.append(time.perf_counter() - began)
import factcheck_app
print(json.dumps({"code": str(Path(factcheck_app.__file__).resolve().parent.parent),
                  "statements": count, "bytes": size, "check_s": statistics.median(checks),
                  "problems": len(problems), "tab_s": statistics.median(tabs),
                  "tab_rows": tab.table.rowCount(), "edit_ms": edit_s and edit_s * 1000,
                  "edits_made": edits - done}))
ws.close()
"""


# One check in a fresh process: (wall s, CPU s, problems found).
CHECK_ONCE = r"""
import json, resource, sys, time
from pathlib import Path
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
import factcheck_app

ws = Workspace.open(Path(sys.argv[1]), backup_on_open=False)
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
wall, used = time.perf_counter(), cpu()
problems = check_workspace(ws)
print(json.dumps({"code": str(Path(factcheck_app.__file__).resolve().parent.parent),
                  "wall": time.perf_counter() - wall, "cpu": cpu() - used,
                  "problems": len(problems)}))
ws.close()
"""


def _check_once(src: Path, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHECK_ONCE, str(path)], env=_env(src), cwd=src,
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if Path(result["code"]) != src.resolve():  # measuring the wrong code would mislead
        raise SystemExit(f"measured the code in {result['code']}, not {src}")
    return result


def check_only(path: Path, rev: str, runs: int, n: int) -> int:
    """Time `check` alone, this checkout against `rev`, alternating runs."""
    _build(ROOT, path, n)
    with tempfile.TemporaryDirectory(prefix="factcheck-check-") as tmp:
        base_src = _baseline_source(rev, Path(tmp))
        new, old = [], []
        for i in range(runs):
            new.append(_check_once(ROOT, path))
            old.append(_check_once(base_src, path))
            print(f"run {i + 1}: now {new[-1]['wall']:.1f} s wall / {new[-1]['cpu']:.1f} s CPU, "
                  f"{rev} {old[-1]['wall']:.1f} s wall / {old[-1]['cpu']:.1f} s CPU", flush=True)
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu")}
           for name, rs in (("new", new), ("old", old))}
    print(f"\n`check` on {path.name}, median of {runs} (load average "
          f"{os.getloadavg()[0]:.1f} at the end)\n")
    print(f"{'measure':14} {'this checkout':>14} {rev:>14} {'target':>10}")
    print(f"{'wall':14} {med['new']['wall']:>13.1f}s {med['old']['wall']:>13.1f}s {'< 10 s':>10}")
    print(f"{'CPU':14} {med['new']['cpu']:>13.1f}s {med['old']['cpu']:>13.1f}s")
    print(f"problems found: {new[-1]['problems']} / {old[-1]['problems']}")
    return 0


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(src))
    env.pop("FACTCHECK_TODAY", None)
    return env


def _build(src: Path, path: Path, n: int) -> None:
    if path.exists():
        return
    print(f"building {path} ({n:,} statements) with {src.name}…", flush=True)
    subprocess.run([sys.executable, str(src / "benchmarks" / "make_workspace.py"), str(path),
                    "-n", str(n), "-q"], env=_env(src), cwd=src, check=True)


def _measure(src: Path, path: Path, runs: int, tab_runs: int) -> dict:
    # Run in `src`: `python -c` puts the working folder first on the path, before PYTHONPATH.
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path.resolve()), str(EDITS),
                          str(runs), str(tab_runs)], env=_env(src), cwd=src, check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if Path(result["code"]) != src.resolve():  # measuring the wrong code would mislead
        raise SystemExit(f"measured the code in {result['code']}, not {src}")
    return result


def _baseline_source(rev: str, into: Path) -> Path:
    archive = into / "baseline.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev], check=True)
    src = into / "baseline"
    with tarfile.open(archive) as tar:
        tar.extractall(src, filter="data")
    return src


def _migrate(baseline: Path, target: Path) -> tuple[float, int]:
    for extra in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        extra.unlink(missing_ok=True)
    shutil.rmtree(Path(f"{target}.backups"), ignore_errors=True)
    shutil.copyfile(baseline, target)
    code = ("import sys, time; from factcheck_app.storage.store import Store; "
            "t = time.perf_counter(); Store(sys.argv[1], backup_on_open=False).close(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, str(target.resolve())], env=_env(ROOT),
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1]), target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--workspace", type=Path, help="change-set workspace (built if absent)")
    parser.add_argument("--baseline-workspace", type=Path,
                        help="per-field workspace (built by the baseline if absent)")
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-tab-runs", type=int, default=1)
    parser.add_argument("--migrated", type=Path, help="also migrate a copy of the baseline here")
    parser.add_argument("--check-only", action="store_true",
                        help="time only `check` on --workspace, against --check-baseline-rev")
    parser.add_argument("--check-baseline-rev", default=CHECK_BASELINE_REV)
    args = parser.parse_args(argv)
    if args.check_only:
        if not args.workspace:
            parser.error("--check-only needs --workspace PATH (built there if absent, then reused)")
        return check_only(args.workspace.resolve(), args.check_baseline_rev, args.runs, args.n)
    with tempfile.TemporaryDirectory(prefix="factcheck-history-") as tmp:
        folder = Path(tmp)
        base_src = _baseline_source(args.baseline_rev, folder)
        new_path = (args.workspace or folder / "change-sets.factcheck").resolve()
        old_path = (args.baseline_workspace or folder / "per-field.factcheck").resolve()
        _build(ROOT, new_path, args.n)
        _build(base_src, old_path, args.n)
        new = _measure(ROOT, new_path, args.runs, args.runs)
        # Copied before it is measured: measuring adds the edits.
        migrated = _migrate(old_path, args.migrated) if args.migrated else None
        old = _measure(base_src, old_path, args.runs, args.baseline_tab_runs)
    per = {k: v["bytes"] / v["statements"] for k, v in (("new", new), ("old", old))}
    print(f"\n{new['statements']:,} statements; History tab of one statement with "
          f"{EDITS} edits ({new['tab_rows']} rows now, {old['tab_rows']} in the baseline)\n")
    print(f"{'measure':34} {'change sets':>14} {'per-field':>14} {'target':>12}")
    print(f"{'bytes per statement':34} {per['new']:>14,.0f} {per['old']:>14,.0f} "
          f"{'<= ' + format(per['old'] / 5, ',.0f'):>12}")
    print(f"{'check, median of ' + str(args.runs):34} {new['check_s']:>13.1f}s "
          f"{old['check_s']:>13.1f}s {'< 10 s':>12}")
    print(f"{'History tab (median of ' + str(args.runs) + ' / ' + str(args.baseline_tab_runs) + ')':34} "
          f"{new['tab_s'] * 1000:>12.0f}ms {old['tab_s'] * 1000:>12.0f}ms {'< 200 ms':>12}")
    if new["edit_ms"] and old["edit_ms"]:  # only when the edits were made in this run
        print(f"{'one statement edit':34} {new['edit_ms']:>12.1f}ms {old['edit_ms']:>12.1f}ms")
    print(f"problems found by check: {new['problems']} / {old['problems']}")
    if migrated:
        seconds, size = migrated
        print(f"baseline migrated by this checkout in {seconds:.0f} s: "
              f"{size / old['statements']:,.0f} bytes per statement")
    return 0


if __name__ == "__main__":
    sys.exit(main())
