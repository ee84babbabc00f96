"""The compact diff of one change set: every record change of one use case, as JSON.

Layout (most of a workspace file is history, so it is kept small): a list of
table blocks, `[table, create_columns, entries]`. A created record is
`[id, "c", [values aligned to create_columns]]` (null: not set), an updated one
`[id, "u", {field: [old, new]}]`, a deleted one `[id, "d"]`. An entry whose
action or reason differs from its change set's header carries both after that:
`[id, "u", {...}, action, reason]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

CREATE, UPDATE, DELETE = "c", "u", "d"


@dataclass
class RecordChange:
    """One record's change within a change set.

    `fields` holds new values for a create and (old, new) pairs for an update.
    """

    table: str
    record_id: str
    op: str
    fields: dict[str, Any] = field(default_factory=dict)
    action: str = ""
    reason: str | None = None

    def pairs(self) -> Iterator[tuple[str, Any, Any]]:
        """(field, old, new) for each field this change touched."""
        for name, value in self.fields.items():
            if self.op == UPDATE:
                yield name, value[0], value[1]
            else:
                yield name, None, value


def encode(changes: Iterable[RecordChange], *, action: str, reason: str | None) -> str:
    """The diff text of `changes`, whose header is (action, reason)."""
    blocks: dict[str, tuple[dict[str, int], list[list[Any]]]] = {}
    for change in _merged(changes):
        columns, entries = blocks.setdefault(change.table, ({}, []))
        if change.op == CREATE:
            for name in change.fields:
                columns.setdefault(name, len(columns))
            entry: list[Any] = [change.record_id, CREATE, change.fields]  # aligned below
        elif change.op == UPDATE:
            entry = [change.record_id, UPDATE,
                     {k: [old, new] for k, (old, new) in change.fields.items()}]
        else:
            entry = [change.record_id, DELETE]
        if (change.action, change.reason) != (action, reason):
            if len(entry) == 2:
                entry.append({})
            entry += [change.action, change.reason]
        entries.append(entry)
    out = []
    for table, (columns, entries) in blocks.items():
        names = list(columns)
        for entry in entries:
            if entry[1] == CREATE:
                values = entry[2]
                entry[2] = [values.get(name) for name in names]
        out.append([table, names, entries])
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def decode(diff: str, *, action: str, reason: str | None,
           only: tuple[str, str] | None = None) -> Iterator[RecordChange]:
    """The record changes of a diff written by `encode`, in their order within each table;
    with `only` (table, id), just that record's (a bulk import's change set is large)."""
    for table, names, entries in json.loads(diff):
        if only is not None and table != only[0]:
            continue
        for entry in entries:
            record_id, op = entry[0], entry[1]
            if only is not None and record_id != only[1]:
                continue
            if op == CREATE:
                fields = {n: v for n, v in zip(names, entry[2]) if v is not None}
            elif op == UPDATE:
                fields = {k: (pair[0], pair[1]) for k, pair in entry[2].items()}
            else:
                fields = {}
            if len(entry) > 3:
                yield RecordChange(table, record_id, op, fields, entry[3], entry[4])
            else:
                yield RecordChange(table, record_id, op, fields, action, reason)


def touched(diff: str) -> Iterator[tuple[str, str]]:
    """(table, record id) of every entry, without building the changes."""
    for table, _names, entries in json.loads(diff):
        for entry in entries:
            yield table, entry[0]


def _merged(changes: Iterable[RecordChange]) -> Iterator[RecordChange]:
    """Fold back-to-back updates of one record with the same action and reason into one
    (an edit and its follow-up bookkeeping), keeping the first old and the last new value."""
    last: RecordChange | None = None
    for change in changes:
        if (last is not None and change.op == UPDATE and last.op == UPDATE
                and (change.table, change.record_id, change.action, change.reason)
                == (last.table, last.record_id, last.action, last.reason)):
            fields = dict(last.fields)
            for name, (old, new) in change.fields.items():
                fields[name] = (fields[name][0] if name in fields else old, new)
            last = RecordChange(last.table, last.record_id, UPDATE,
                                {k: v for k, v in fields.items() if v[0] != v[1]},
                                last.action, last.reason)
            continue
        if last is not None:
            yield last
        last = change
    if last is not None:
        yield last


def create_change(table: str, row: Mapping[str, Any], skip: frozenset[str], *,
                  action: str = "create", reason: str | None = None) -> RecordChange:
    """A created row's change: its set fields except `skip` and the id (the entry has it)."""
    return RecordChange(table, row["id"], CREATE,
                        {k: v for k, v in row.items()
                         if k != "id" and k not in skip and v is not None},
                        action, reason)
