"""What a statements view asks for: search text, filters and sort order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

SORT_COLUMNS = ("relevance", "stated", "check_by", "speaker", "verdict", "review_state", "kind", "quote", "updated")


@dataclass(frozen=True)
class StatementFilter:
    text: str = ""
    speaker_ids: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    review_states: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    stated_from: str | None = None
    stated_to: str | None = None
    check_by_from: str | None = None
    check_by_to: str | None = None
    due: str | None = None  # "due", "overdue", "due_or_overdue"
    queue_for: str | None = None  # user id: items waiting for them or sent back to them
    source_id: str | None = None
    ids: tuple[str, ...] = ()
    sort: str = "stated"
    descending: bool = True
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes) -> StatementFilter:
        return replace(self, **changes)
