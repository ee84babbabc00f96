"""The layering rules, checked on the source: who may import what."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import factcheck_app

PACKAGE_DIR = Path(factcheck_app.__file__).resolve().parent
PACKAGE = "factcheck_app"

QT = ("PySide6", "shiboken6")
SQL = ("sqlite3", "sqlite_utils", "psycopg")


def _pkg(*names: str) -> tuple[str, ...]:
    return tuple(f"{PACKAGE}.{n}" for n in names)


@dataclass(frozen=True)
class Rule:
    applies: str  # which modules, in words
    forbidden: tuple[str, ...]  # module prefixes they may not import

    def matches(self, module: str, forbidden: str) -> bool:
        return module == forbidden or module.startswith(forbidden + ".")


def rules_for(module: str, path: Path) -> list[Rule]:
    """Every rule a module (dotted name) is bound by."""
    parts = module.split(".")
    layer = parts[1] if len(parts) > 1 else ""
    rules: list[Rule] = []
    if layer == "domain":
        rules.append(Rule("domain is pure Python", QT + SQL + _pkg("storage", "services", "ui")))
    elif layer == "storage":
        rules.append(Rule("storage knows nothing of use cases or Qt", QT + _pkg("services", "ui")))
    elif layer == "services":
        rules.append(Rule("services run without Qt", QT + _pkg("ui")))
    elif layer == "ui":
        rules.append(Rule("the window goes through services, never SQL",
                          SQL + _pkg("storage", "team")))
    elif layer == "team":
        rules.append(Rule("the team server's storage knows nothing of use cases or Qt",
                          QT + _pkg("services", "ui")))
    elif layer == "ingest":
        rules.append(Rule("ingest runs without Qt", QT + _pkg("ui")))
    elif layer == "reports":
        qt = () if "pdf" in path.stem else QT  # only the PDF writer may use Qt's printing
        rules.append(Rule("reports run without a window", qt + _pkg("ui")))
    elif module in _pkg("cli", "cli_commands", "cli_team", "cli_team_commands"):
        rules.append(Rule("the command line goes through services", _pkg("ui", "storage")))
    return rules


def module_name(path: Path, root: Path = PACKAGE_DIR, package: str = PACKAGE) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = [package, *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str,
                     is_package: bool) -> list[tuple[int, tuple[str, ...]]]:
    """For every import statement anywhere in the file (lazy ones included): its line and
    the absolute modules it may name (`from . import storage` names `<pkg>.storage`)."""
    found: list[tuple[int, tuple[str, ...]]] = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, (alias.name,)) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = tuple(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
            found.append((node.lineno, (target, *names)))
    return found


def violations(root: Path = PACKAGE_DIR, package: str = PACKAGE) -> list[str]:
    """One line per offending import statement."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root, package)
        rules = rules_for(module, path)
        if not rules:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, candidates in imported_modules(tree, module, path.name == "__init__.py"):
            hit = next(((imported, rule) for rule in rules for imported in candidates
                        for forbidden in rule.forbidden if rule.matches(imported, forbidden)),
                       None)
            if hit:
                problems.append(f"{path.relative_to(root.parent)}:{line} imports {hit[0]} "
                                f"({hit[1].applies})")
    return problems


def test_every_layer_keeps_to_its_imports() -> None:
    assert violations() == []


def test_the_walker_sees_every_layer() -> None:
    """Guard against a walker that checks nothing (wrong folder, renamed package)."""
    modules = {module_name(p) for p in PACKAGE_DIR.rglob("*.py")}
    for layer in ("domain", "storage", "services"):
        assert any(m.startswith(f"{PACKAGE}.{layer}.") for m in modules), layer
    assert f"{PACKAGE}.cli_commands" in modules
    checked = [m for m in modules if rules_for(m, Path(m.rsplit(".", 1)[-1] + ".py"))]
    assert len(checked) >= 25


BAD = {
    "domain/rules.py": "import sqlite3\n",
    "domain/nice.py": "from ..storage import records\n",
    "domain/lazy.py": "def f():\n    from PySide6.QtCore import QObject\n",
    "domain/sub/__init__.py": "from ... import services\n",
    "storage/db.py": "from factcheck_app.services.workspace import Workspace\n",
    "storage/qt.py": "import PySide6.QtCore as qc\n",
    "services/view.py": "from ..ui import window\n",
    "services/qtimer.py": "from PySide6 import QtCore\n",
    "ui/table.py": "import sqlite_utils\n",
    "ui/model.py": "from ..storage.records import get\n",
    "ui/raw.py": "from .. import storage\n",
    "ingest/gui.py": "import shiboken6\n",
    "reports/chart.py": "from PySide6.QtGui import QPainter\n",
    "reports/html.py": "from ..ui.theme import COLOURS\n",
    "cli_commands.py": "from .storage import backup as backups\n",
    "cli.py": "from .ui.app import run\n",
    "ui/team.py": "from ..team import admin\n",
    "ui/pg.py": "import psycopg\n",
    "team/qt.py": "from PySide6 import QtCore\n",
    "team/usecase.py": "from ..services import review\n",
}
GOOD = {
    "domain/ok.py": "import json\nfrom .errors import InvalidInput\nfrom . import dates\n",
    "storage/ok.py": "import sqlite3\nfrom ..domain.errors import NotFound\n",
    "services/ok.py": "from ..storage import records\nfrom ..domain import workflow\n",
    "ui/ok.py": "from PySide6.QtWidgets import QWidget\nfrom ..services import queries\n",
    "reports/pdf_writer.py": "from PySide6.QtGui import QPdfWriter\n",
    "ingest/ok.py": "import re\nfrom ..domain.dates import parse_fuzzy_date\n",
    "cli_commands.py": "from .services import maintenance\n",
    "team/ok.py": "import psycopg\nfrom ..storage import history\nfrom ..domain import records\n",
    "launch.py": "from .ui.app import run\n",  # the launcher is where the window starts
}


def _fake_package(root: Path, files: dict[str, str]) -> Path:
    pkg = root / PACKAGE
    for name, text in {"__init__.py": "", **files}.items():
        target = pkg / name
        target.parent.mkdir(parents=True, exist_ok=True)
        for parent in target.relative_to(pkg).parents:
            (pkg / parent / "__init__.py").touch()
        target.write_text(text)
    return pkg


@pytest.mark.parametrize("name", list(BAD))
def test_walker_flags_a_synthetic_bad_import(tmp_path: Path, name: str) -> None:
    pkg = _fake_package(tmp_path, {name: BAD[name]})
    found = violations(pkg, PACKAGE)
    assert len(found) == 1, found
    assert found[0].startswith(f"{PACKAGE}/{name}:")


def test_walker_accepts_allowed_imports(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path, GOOD)
    assert violations(pkg, PACKAGE) == []


# -- SQL stays in storage --------------------------------------------------------------
# Outside storage/ (and team/, the team server's storage) no code holds SQL, the raw
# connection or a cursor: services pass `ws.store`, or the handle their transaction
# yields, to a storage function. Keywords are matched in capitals (how SQL is written
# here) or, in lower case, only in a statement's full shape, so English ("update the
# file", "select a row") passes.
SQL_SHAPES = tuple(re.compile(p) for p in (
    r"\bSELECT\b[\s\S]*\bFROM\b",
    r"(?i)\bselect\s+(\*|distinct\b|count\s*\(|[\w.]+\s*,)[\s\S]*\bfrom\s+\w+",
    r"(?i)\bINSERT\s+(OR\s+\w+\s+)?INTO\s+[\w\"\[]",
    r"\bUPDATE\s+[\w\"\[\]{}]+\s+SET\b",
    r"(?i)\bupdate\s+\w+\s+set\s+\w+\s*=",
    r"\bDELETE\s+FROM\s+[\w\"\[{]",
    r"(?i)\bdelete\s+from\s+\w+\s+where\b",
    r"\bPRAGMA\s+\w+",
    r"(?i)^\s*pragma\s+\w+\s*(=|\(|;|$)",
    r"\bCREATE\s+(UNIQUE\s+|VIRTUAL\s+|TEMP(ORARY)?\s+)*(TABLE|INDEX|TRIGGER|VIEW)\b",
    r"\bALTER\s+TABLE\b",
    r"^\s*(BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?(\s+TRANSACTION)?|COMMIT|ROLLBACK"
    r"|SAVEPOINT\s+\w+|RELEASE\s+\w+)\s*;?\s*$",
))
RAW_ATTRIBUTES = frozenset({"db", "conn"})
RAW_CALLS = frozenset({"execute", "executemany", "query"})
SQL_HOMES = ("storage", "team")  # the layers that may hold SQL


def is_sql(text: str) -> bool:
    return any(shape.search(text) for shape in SQL_SHAPES)


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: prose about SQL is not SQL."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def sql_uses(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every SQL string, raw-connection attribute and cursor call."""
    found: list[tuple[int, str]] = []
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docs and is_sql(node.value):
            found.append((node.lineno, f"SQL text {node.value.strip()[:40]!r}"))
        elif isinstance(node, ast.JoinedStr):  # an f-string: its text with holes filled
            text = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
            parts = [v for v in node.values if isinstance(v, ast.Constant)]
            if is_sql(text) and not any(is_sql(p.value) for p in parts):
                found.append((node.lineno, f"SQL text {text.strip()[:40]!r}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in RAW_CALLS:
            found.append((node.lineno, f"a call of .{node.func.attr}()"))
        elif isinstance(node, ast.Attribute) and node.attr in RAW_ATTRIBUTES:
            found.append((node.lineno, f"the raw .{node.attr}"))
    return sorted(set(found))


def sql_violations(root: Path = PACKAGE_DIR, package: str = PACKAGE) -> list[str]:
    """One line per use of SQL or of the raw connection outside storage."""
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        layer = path.relative_to(root).parts[0]
        if layer in SQL_HOMES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        problems += [f"{path.relative_to(root.parent)}:{line} has {what} (SQL and the "
                     "connection belong in storage/)" for line, what in sql_uses(tree)]
    return problems


def test_sql_and_the_connection_stay_in_storage() -> None:
    assert sql_violations() == []


SQL_BAD = {
    "select": 'rows = ws.store.query("SELECT id FROM statements WHERE verdict = ?", [v])\n',
    "fstring": 'def f(db, t):\n    return db.execute(f"SELECT count(*) FROM {t}")\n',
    "lower": 'SQL = "select id, quote from statements where id = ?"\n',
    "insert": 'SQL = "INSERT INTO users (id) VALUES (?)"\n',
    "update": 'SQL = "UPDATE statements SET verdict = ? WHERE id = ?"\n',
    "delete": 'SQL = "DELETE FROM links WHERE id = ?"\n',
    "pragma": 'SQL = "PRAGMA user_version"\n',
    "create": 'SQL = "CREATE INDEX idx ON statements (verdict)"\n',
    "alter": 'SQL = "ALTER TABLE users ADD COLUMN x"\n',
    "begin": 'SQL = "BEGIN IMMEDIATE"\n',
    "db": "def f(ws):\n    return ws.db\n",
    "conn": "def f(store):\n    return store.conn\n",
    "executemany": "def f(cursor, rows):\n    cursor.executemany(SQL, rows)\n",
}
SQL_GOOD = ('"""Module prose may say SELECT x FROM y."""\n'
            'A = "update the file"\nB = "select a row from the list"\n'
            'C = "Delete from the list?"\nD = "begin"\nE = "Create table of contents"\n'
            'F = f"commit {n} changes"\nG = "an update set of rules"\n'
            'def f(ws):\n    return ws.store.transaction()\n')


@pytest.mark.parametrize("name", list(SQL_BAD))
def test_sql_checker_flags_a_planted_use(tmp_path: Path, name: str) -> None:
    pkg = _fake_package(tmp_path, {"services/planted.py": SQL_BAD[name],
                                   "storage/fine.py": SQL_BAD[name]})
    found = sql_violations(pkg, PACKAGE)
    assert found and all(f.startswith(f"{PACKAGE}/services/planted.py:") for f in found), found


def test_sql_checker_passes_english_and_storage(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path, {"services/prose.py": SQL_GOOD, "ui/prose.py": SQL_GOOD,
                                   "storage/rows.py": SQL_BAD["select"],
                                   "team/admin.py": SQL_BAD["pragma"]})
    assert sql_violations(pkg, PACKAGE) == []
