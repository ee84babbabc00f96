"""The verdict scale: workspace-configurable labels and colours, mapped to ClaimReview."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import InvalidInput

PENDING = "pending"
# Where a verdict not approved by a second analyst is counted: apart from the outcomes,
# so a draft never reads as a published held or broken (track records, mixes, reports).
UNAPPROVED = "unapproved"
UNAPPROVED_LABEL = "Rated, not yet approved"
UNAPPROVED_COLOUR = "#5b9fa8"  # teal: no level of the default scale uses it


def outcome(verdict: str | None, approved: bool) -> str:
    """The bucket a statement counts under: its verdict once approved, UNAPPROVED when
    rated but not approved (retracted included), PENDING when unrated."""
    if not verdict or verdict == PENDING:
        return PENDING
    return verdict if approved else UNAPPROVED


@dataclass(frozen=True)
class VerdictLevel:
    key: str
    label: str
    colour: str
    rating: int | None  # ClaimReview ratingValue; None for pending (not published)
    required_stance: str | None  # stance an approval needs at least one link of


@dataclass(frozen=True)
class VerdictScale:
    levels: tuple[VerdictLevel, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.levels)

    def level(self, key: str) -> VerdictLevel:
        for level in self.levels:
            if level.key == key:
                return level
        raise InvalidInput(
            f"unknown verdict {key!r}; the scale is: {', '.join(self.keys)}"
        )

    def normalise(self, text: str) -> str:
        """Accept a key or a label in any case ("Partly held", "partly-held")."""
        wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
        for level in self.levels:
            if wanted in (level.key, level.label.lower().replace(" ", "_")):
                return level.key
        return self.level(text).key  # raises with the list of valid keys

    @property
    def best_rating(self) -> int:
        return max(lv.rating for lv in self.levels if lv.rating is not None)

    @property
    def worst_rating(self) -> int:
        return min(lv.rating for lv in self.levels if lv.rating is not None)

    def to_json(self) -> str:
        return json.dumps([level.__dict__ for level in self.levels])

    @classmethod
    def from_json(cls, text: str | None) -> VerdictScale:
        if not text:
            return DEFAULT_SCALE
        return cls(tuple(VerdictLevel(**item) for item in json.loads(text)))


DEFAULT_SCALE = VerdictScale(
    (
        VerdictLevel(PENDING, "Pending", "#8a8f98", None, None),
        VerdictLevel("held", "Held", "#2e7d32", 5, "supports"),
        VerdictLevel("partly_held", "Partly held", "#b7881c", 3, None),
        VerdictLevel("broken", "Broken", "#c62828", 1, "contradicts"),
        VerdictLevel("unverifiable", "Unverifiable", "#5c6bc0", None, None),
    )
)
