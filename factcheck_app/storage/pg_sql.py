"""The SQL storage writes, as PostgreSQL reads it: `?` placeholders become `%s`, `[ident]`
becomes `"ident"`, and a literal `%` is escaped (psycopg reads `%` as a placeholder)."""

from __future__ import annotations

import functools
import re

# Outside string literals and quoted identifiers: a placeholder, a bracketed identifier,
# or a per-cent sign; the literals themselves pass through with only `%` doubled.
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\[([A-Za-z_][A-Za-z0-9_]*)\]|\?|%""")
# A named parameter (`:name`, as sqlite3 takes with a dict), never a `::type` cast.
_NAMED = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_][A-Za-z0-9_]*)""")


@functools.lru_cache(maxsize=2048)  # storage sends the same few hundred texts again and again
def to_postgresql(sql: str) -> str:
    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f'"{match.group(1)}"'
        return token.replace("%", "%%")  # a literal: keep it, but escape its per-cents

    return _TOKENS.sub(replace, sql)


@functools.lru_cache(maxsize=256)
def named_to_postgresql(sql: str) -> str:
    """The same, for a query whose parameters come as a dict: `:name` becomes `%(name)s`."""
    return _NAMED.sub(lambda m: f"%({m.group(1)})s" if m.group(1) else m.group(0),
                      to_postgresql(sql))

