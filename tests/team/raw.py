"""A deliberately bare client: plain SQL as a modified Factcheck could send it."""

from __future__ import annotations

import uuid

import psycopg


def add_statement(conn: psycopg.Connection, quote: str = "We will open the bridge this year",
                  **fields) -> str:
    statement_id = str(uuid.uuid4())
    columns = {"id": statement_id, "quote": quote, "stated_on": "2023-01-10",
               "kind": "promise", "verdict": "pending", **fields}
    names = ", ".join(columns)
    marks = ", ".join(["%s"] * len(columns))
    with conn.transaction():
        conn.execute(f"INSERT INTO factcheck.statements ({names}) VALUES ({marks})",
                     list(columns.values()))
    return statement_id


def update(conn: psycopg.Connection, table: str, record_id: str, **fields) -> int:
    """UPDATE one row; returns how many rows the server let it change."""
    sets = ", ".join(f"{name} = %s" for name in fields)
    with conn.transaction():
        return conn.execute(f"UPDATE factcheck.{table} SET {sets} WHERE id = %s",
                            [*fields.values(), record_id]).rowcount


def add_evidence(conn: psycopg.Connection, statement_id: str, stance: str,
                 summary: str = "Bridge still closed") -> str:
    evidence_id = str(uuid.uuid4())
    with conn.transaction():
        conn.execute("INSERT INTO factcheck.evidence (id, occurred_on, summary) "
                     "VALUES (%s, '2024-01-05', %s)", [evidence_id, summary])
        conn.execute("INSERT INTO factcheck.links (id, statement_id, evidence_id, stance) "
                     "VALUES (%s, %s, %s, %s)",
                     [str(uuid.uuid4()), statement_id, evidence_id, stance])
    return evidence_id


def statement(conn: psycopg.Connection, statement_id: str) -> dict:
    cursor = conn.execute("SELECT * FROM factcheck.statements WHERE id = %s", [statement_id])
    names = [c.name for c in cursor.description]
    row = cursor.fetchone()
    conn.rollback()  # leave no read transaction open between steps
    return dict(zip(names, row))


def last_change_set(conn: psycopg.Connection) -> dict:
    cursor = conn.execute("SELECT * FROM factcheck.change_sets ORDER BY seq DESC LIMIT 1")
    names = [c.name for c in cursor.description]
    row = dict(zip(names, cursor.fetchone()))
    conn.rollback()
    return row


def approve_in_import_mode(conn: psycopg.Connection, statement_id: str, approver_id: str) -> None:
    """Try to sign an approval directly, claiming to be a push (the import switch)."""
    with conn.transaction():
        conn.execute("SET LOCAL factcheck.import = 'on'")
        conn.execute("UPDATE factcheck.statements SET review_state = 'approved', "
                     "approved_by = %s WHERE id = %s", [approver_id, statement_id])
