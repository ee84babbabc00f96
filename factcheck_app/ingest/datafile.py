"""Reading JSON and CSV data files for import, refusing what would crash a parser.

Python's json recurses once per level of nesting, and csv refuses cells over
128 KB by default; both fail with errors that name no position. These readers
turn them into ValueErrors a user can act on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

# Factcheck's own files nest a handful of levels and ClaimReview a dozen; far
# deeper is a damaged or hostile file (and would exhaust the recursion limit).
MAX_DEPTH = 100
MAX_CELL_BYTES = 10 * 1024 * 1024  # a transcript pasted into one cell still fits


class DataFileError(ValueError):
    """The file cannot be read as data; the message says why and where."""


def kind_of(value: Any) -> str:
    """How a JSON value's type reads in a message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


def load_json(text: str) -> Any:
    """Parse JSON; DataFileError for invalid or too deeply nested documents."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise DataFileError(_too_deep()) from None
    if _depth(data) > MAX_DEPTH:
        raise DataFileError(_too_deep())
    return data


def _too_deep() -> str:
    return (f"the JSON is nested too deeply (more than {MAX_DEPTH} levels of [ ] or {{ }}); "
            "an import file is only a few levels deep")


def _depth(data: Any) -> int:
    """Deepest nesting of lists and objects, without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return deepest


def read_csv(text: str) -> tuple[list[str], Iterator[dict[str, str]]]:
    """(lower-cased column names, rows as dicts); a bad line raises DataFileError naming it."""
    # The limit is per process and counts characters; raising it is harmless, as a
    # cell can never be larger than the file already read into memory.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_BYTES))
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise _csv_error(reader, error) from None
    if not header or not any(h.strip() for h in header):
        raise DataFileError("the CSV file is empty")
    columns = [h.strip().lower() for h in header]

    def rows() -> Iterator[dict[str, str]]:
        try:
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue  # a blank line is not a row
                if any(c.strip() for c in cells[len(columns):]):  # not trailing commas
                    raise DataFileError(f"CSV line {reader.line_num}: {len(cells)} cells but only "
                                        f"{len(columns)} columns in the header")
                yield {c: (cells[i] if i < len(cells) else None) for i, c in enumerate(columns)}
        except csv.Error as error:
            raise _csv_error(reader, error) from None

    return columns, rows()


def _csv_error(reader: Any, error: csv.Error) -> DataFileError:
    text = str(error)
    if "field larger than field limit" in text:
        text = f"a cell is longer than {MAX_CELL_BYTES // (1024 * 1024)} MB"
    return DataFileError(f"CSV line {reader.line_num}: {text}")
