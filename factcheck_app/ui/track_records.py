"""A speaker's track record as bar segments, shared by the dashboard and the speakers list.

Only approved verdicts count as held, broken and so on; a verdict a second analyst has not
approved yet gets its own segment, so a draft never reads as a published outcome.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..domain.verdicts import (
    PENDING,
    UNAPPROVED,
    UNAPPROVED_COLOUR,
    UNAPPROVED_LABEL,
    VerdictScale,
)
from .charts import Segment, verdict_segments
EXPLANATION = ("Approved verdicts on statements past their check-by date. A verdict not yet "
               "approved by a second analyst is shown apart, in teal, and not counted "
               "as an outcome.")


def template(scale: VerdictScale) -> list[Segment]:
    """The segments of a track record, empty: approved verdicts, then unapproved, then
    pending (the order bars stack in and the legend reads)."""
    segments = [s for s in verdict_segments({}, scale) if s.key != PENDING]
    segments.append(Segment(UNAPPROVED, UNAPPROVED_LABEL, 0, UNAPPROVED_COLOUR))
    segments += [s for s in verdict_segments({}, scale) if s.key == PENDING]
    return segments


def segments(record: Mapping[str, object], empty: list[Segment]) -> list[Segment]:
    """A record's counts (by verdict key, UNAPPROVED, 'pending') on the template's segments."""
    return [Segment(s.key, s.label, int(record.get(s.key) or 0), s.colour) for s in empty]
