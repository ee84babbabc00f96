"""Change sets: one history row per use case, written as the use case ends."""

from __future__ import annotations

import re

import pytest

from factcheck_app.services import queries, statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import history, records


def _writes(ws: Workspace, action) -> list[str]:
    """The statements run to change the file while `action` runs (not those that triggers
    run: SQLite traces those with a leading comment, or repeats the statement that fired
    them)."""
    seen: list[str] = []
    ws.store.db.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        ws.store.db.conn.set_trace_callback(None)
    own = [sql for i, sql in enumerate(seen) if not sql.startswith("--")
           and (i == 0 or sql != seen[i - 1])]
    own = [sql for i, sql in enumerate(own) if i == 0 or sql != own[i - 1]]
    writes = [re.match(r"(INSERT|UPDATE|DELETE)(?: OR \w+)?(?: INTO| FROM)? \[?(\w+)", sql)
              for sql in own]
    return [f"{m[1]} {m[2]}" for m in writes if m]


@pytest.mark.parametrize("editor", ["ana", "rob"])  # the author, then someone else
def test_one_edit_is_one_update_and_one_change_set(ws: Workspace, editor: str) -> None:
    ws.sign_in("ana")
    statement_id = statements.add_statement(ws, quote="Taxes will fall",
                                            stated_on="2023-03-01").created
    ws.sign_in(editor)
    before = history.head(ws.store.db)
    writes = _writes(ws, lambda: statements.edit_statement(
        ws, statement_id=statement_id, quote="Taxes will fall by 2%",
        expectation="The tax rate is lower", tags="tax, budget"))
    assert writes == ["UPDATE statements", "INSERT history", "INSERT history_records",
                      "INSERT signatures"]  # the editor's signature of the new head
    seq, digest = history.head(ws.store.db)
    assert seq == before[0] + 1 and len(digest) == 32 and digest != before[1]
    changed = [h["field"] for h in queries.record_history(ws, "statements", statement_id)
               if h["seq"] == seq]
    assert sorted(changed) == sorted(["expectation", "quote", "tags"]
                                     + (["last_editor_id"] if editor == "rob" else []))
    assert queries.get_statement(ws, statement_id)["last_editor_id"] == ws.user.id
    assert check_workspace(ws) == []


def test_a_use_case_of_many_records_is_one_change_set(ws: Workspace) -> None:
    ws.sign_in("ana")
    seq = history.head(ws.store.db)[0]
    with ws.store.transaction() as db:
        rows = records.insert_many(db, "speakers", [{"id": f"sp-{i}", "name": f"Speaker {i}"}
                                                    for i in range(3)], actor=ws.actor)
        records.update(db, "speakers", rows[0]["id"], {"title": "Minister"}, actor=ws.actor)
        records.delete(db, "speakers", rows[2]["id"], actor=ws.actor, reason="duplicate")
    assert history.head(ws.store.db)[0] == seq + 1
    [(header, changes)] = list(history.change_sets(ws.store.db, [seq + 1]))
    assert (header.user_name, header.action) == ("ana", "create")
    assert [(c.record_id, c.op, c.action, c.reason) for c in changes] == [
        ("sp-0", "c", "create", None), ("sp-1", "c", "create", None),
        ("sp-2", "c", "create", None), ("sp-0", "u", "edit", None),
        ("sp-2", "d", "delete", "duplicate")]
    assert changes[3].fields == {"title": (None, "Minister")}
    assert check_workspace(ws) == []


def test_a_failed_inner_use_case_drops_only_its_own_changes(ws: Workspace) -> None:
    ws.sign_in("ana")
    with ws.store.transaction() as db:
        records.insert(db, "speakers", {"id": "kept", "name": "Kept"}, actor=ws.actor)
        with pytest.raises(RuntimeError), ws.store.transaction() as inner:
            records.insert(inner, "speakers", {"id": "gone", "name": "Gone"}, actor=ws.actor)
            raise RuntimeError("refused half-way")
    seq = history.head(ws.store.db)[0]
    [(_, changes)] = list(history.change_sets(ws.store.db, [seq]))
    assert [c.record_id for c in changes] == ["kept"]
    assert records.find(ws.store.db, "speakers", "gone") is None
    assert check_workspace(ws) == []


def test_a_callback_sees_each_new_head_inside_its_transaction(ws: Workspace) -> None:
    """Where a signature of the head is made: after the row, before the commit."""
    seen: list[tuple[int, bytes, bool]] = []
    history.on_change_set(ws.store.db, lambda db, seq, digest: seen.append(
        (seq, digest, db.conn.in_transaction)))
    ws.sign_in("ana")
    statements.add_statement(ws, quote="We will win", stated_on="2024-01-01")
    assert seen == [(*history.head(ws.store.db), True)]
