"""The versioned server schema (team/schema/*.sql) and the runner that applies it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import sql

from ..domain.errors import WorkspaceInvalid, WorkspaceTooNew

SCHEMA = "factcheck"
_PLACEHOLDER = re.compile(r"@(prefix|owner|analyst|reviewer|admin)@")


@dataclass(frozen=True)
class Roles:
    """A workspace's roles. Roles are server-wide, so each workspace gets its own
    random prefix: two workspaces on one server never share a group role."""

    prefix: str

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    def group(self, role: str) -> str:
        return f"{self.prefix}_{role}"

    def names(self) -> dict[str, str]:
        return {"prefix": self.prefix, "owner": self.owner,
                **{r: self.group(r) for r in ("analyst", "reviewer", "admin")}}


def migrations() -> list[tuple[str, str]]:
    """(name, SQL text) of every schema file, in order."""
    folder = resources.files(__package__) / "schema"
    files = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(p.name.removesuffix(".sql"), p.read_text(encoding="utf-8")) for p in files]


def render(text: str, roles: Roles) -> str:
    names = roles.names()
    return _PLACEHOLDER.sub(lambda m: names[m.group(1)], text)


def applied(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(sql.SQL("SELECT name FROM {}.schema_migrations ORDER BY name")
                        .format(sql.Identifier(SCHEMA))).fetchall()
    return [row[0] for row in rows]


def is_team_workspace(conn: psycopg.Connection) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.schema_migrations"]).fetchone()
    return row[0] is not None


def roles_of(conn: psycopg.Connection) -> Roles:
    if not is_team_workspace(conn):
        raise WorkspaceInvalid("this database holds no Factcheck team workspace "
                               "(create one with: factcheck team init URL)")
    row = conn.execute(sql.SQL("SELECT value FROM {}.team_meta WHERE id = 'role_prefix'")
                       .format(sql.Identifier(SCHEMA))).fetchone()
    return Roles(row[0])


def check_schema(conn: psycopg.Connection) -> Roles:
    """Refuse a database that holds no team workspace, or one whose schema this
    Factcheck does not know (newer) or has not fully applied (older); else its roles."""
    roles = roles_of(conn)
    missing = pending(conn)
    if missing:
        raise WorkspaceInvalid(f"this team workspace's schema is older than this Factcheck "
                               f"(it lacks {missing[0]}); upgrade it with: factcheck team "
                               "upgrade URL")
    conn.rollback()
    return roles


def pending(conn: psycopg.Connection) -> list[str]:
    """The schema files not applied yet; refuses a schema from a newer Factcheck."""
    done, known = set(applied(conn)), [name for name, _ in migrations()]
    unknown = sorted(done - set(known))
    if unknown:
        raise WorkspaceTooNew(f"this team workspace was set up by a newer Factcheck (schema "
                              f"{unknown[-1]}); update Factcheck to use it")
    return [name for name in known if name not in done]


def apply_pending(conn: psycopg.Connection, roles: Roles) -> list[str]:
    """Apply the schema files not yet applied, as the owner role, inside the caller's
    transaction (so a failed upgrade changes nothing). Returns the names applied."""
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(roles.owner)))
    conn.execute(sql.SQL("SET LOCAL search_path = {}, pg_catalog").format(sql.Identifier(SCHEMA)))
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                 "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
    done = set(applied(conn))
    names = []
    for name, text in migrations():
        if name in done:
            continue
        conn.execute(render(text, roles))
        conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", [name])
        names.append(name)
    conn.execute(sql.SQL("GRANT SELECT ON schema_migrations TO {}")
                 .format(sql.Identifier(roles.group("analyst"))))
    conn.execute("RESET ROLE")
    conn.execute("RESET search_path")
    return names
