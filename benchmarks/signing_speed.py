"""What signing costs: a sign-in at the real key cost, and an edit with and without its signature.

    .venv/bin/python benchmarks/signing_speed.py [--edits 200] [--runs 5]

Median of --runs runs each, on a fresh workspace in a temporary folder:

  sign-in        unlocking a key sealed at the strong Argon2id cost (what a user waits)
  edit baseline  --edits statement edits with the signature hook and the signed-head
                 note switched off, measured in the same run on the same machine
  edit signed    the same edits as the app makes them: each signed, its head noted
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.services import statements  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.storage import store as store_module  # noqa: E402

PASSPHRASE = "benchmark-passphrase"


def _edits(ws: Workspace, statement_id: str, count: int, tag: str) -> float:
    began = time.perf_counter()
    for i in range(count):
        statements.edit_statement(ws, statement_id=statement_id, expectation=f"{tag} {i}")
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.pop("FACTCHECK_INSECURE_TEST_KEYS", None)  # the cost real users get
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FACTCHECK_DATA_DIR"] = folder
        ws = Workspace.create(Path(folder) / "b.factcheck", admin="admin", passphrase=PASSPHRASE)
        statement_id = statements.add_statement(ws, quote="We will build it",
                                                stated_on="2023-01-10").created
        sign_in, baseline, signed = [], [], []
        noted = store_module.anchors.remember
        for run in range(args.runs):
            began = time.perf_counter()
            ws.sign_in("admin", PASSPHRASE)
            sign_in.append(time.perf_counter() - began)
            ws.store._sign = lambda db: None  # baseline: no signature, no note
            store_module.anchors.remember = lambda db, **kw: None
            baseline.append(_edits(ws, statement_id, args.edits, f"baseline {run}"))
            del ws.store._sign
            store_module.anchors.remember = noted
            signed.append(_edits(ws, statement_id, args.edits, f"signed {run}"))
        ws.close()
    per = 1000 / args.edits
    base, sign = statistics.median(baseline) * per, statistics.median(signed) * per
    print(f"sign-in (Argon2id 3 passes, 64 MiB)  {statistics.median(sign_in) * 1000:8.1f} ms")
    print(f"edit baseline (unsigned)              {base:8.2f} ms per edit")
    print(f"edit signed                           {sign:8.2f} ms per edit "
          f"(+{sign - base:.2f} ms, {100 * (sign - base) / base:+.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
