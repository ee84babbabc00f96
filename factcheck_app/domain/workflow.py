"""The review workflow: states, the transition table and the rules that guard it.

Everything here is pure so that the CLI, the window and the tests all obey the
same table; services feed it facts and act on its answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PermissionDenied, RuleViolation

DRAFT = "draft"
IN_REVIEW = "in_review"
CHANGES_REQUESTED = "changes_requested"
APPROVED = "approved"
# Withdrawn after approval: kept with its reason, left out of published reports.
RETRACTED = "retracted"
STATES = (DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, RETRACTED)
STATE_LABELS = {
    DRAFT: "Draft",
    IN_REVIEW: "In review",
    CHANGES_REQUESTED: "Changes requested",
    APPROVED: "Approved",
    RETRACTED: "Retracted",
}

SUBMIT = "submit"
APPROVE = "approve"
REQUEST_CHANGES = "request_changes"
REOPEN = "reopen"
RETRACT = "retract"
# A retraction's reason opens with this in the review thread and the history.
RETRACTION_PREFIX = "Retracted: "
ACTIONS = (SUBMIT, APPROVE, REQUEST_CHANGES, REOPEN, RETRACT)
ACTION_LABELS = {
    SUBMIT: "Send to review",
    APPROVE: "Approve",
    REQUEST_CHANGES: "Request changes",
    REOPEN: "Reopen",
    RETRACT: "Retract",
}
# Actions that must say why, in the review thread.
REASONED_ACTIONS = (REQUEST_CHANGES, RETRACT)

ANALYST = "analyst"
REVIEWER = "reviewer"
ADMIN = "admin"
ROLES = (ANALYST, REVIEWER, ADMIN)

# (from state, action) -> to state. Anything absent is an illegal transition.
TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, SUBMIT): IN_REVIEW,
    (CHANGES_REQUESTED, SUBMIT): IN_REVIEW,
    (IN_REVIEW, APPROVE): APPROVED,
    (IN_REVIEW, REQUEST_CHANGES): CHANGES_REQUESTED,
    (APPROVED, REOPEN): DRAFT,
    (APPROVED, RETRACT): RETRACTED,
    (RETRACTED, REOPEN): DRAFT,
}

# Which roles may perform an action at all.
ACTION_ROLES: dict[str, tuple[str, ...]] = {
    SUBMIT: (ANALYST, REVIEWER, ADMIN),
    APPROVE: (REVIEWER, ADMIN),
    REQUEST_CHANGES: (REVIEWER, ADMIN),
    REOPEN: (REVIEWER, ADMIN),
    RETRACT: (REVIEWER, ADMIN),
}

FOUR_EYES_ACTIONS = (APPROVE, REQUEST_CHANGES)


@dataclass(frozen=True)
class ReviewFacts:
    """What the rules need to know about one statement and the acting user."""

    state: str
    verdict: str
    actor_id: str
    actor_role: str
    last_editor_id: str | None
    four_eyes: bool
    required_stance: str | None  # from the verdict scale
    stances: frozenset[str]  # stances of the linked evidence


def next_state(state: str, action: str) -> str:
    """Return the state an action leads to, or refuse with the legal options."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        legal = [ACTION_LABELS[a].lower() for (s, a) in TRANSITIONS if s == state]
        options = f"; from here you can: {', '.join(legal)}" if legal else ""
        raise RuleViolation(
            f"cannot {ACTION_LABELS.get(action, action).lower()} a statement that is "
            f"{STATE_LABELS.get(state, state).lower()}{options}"
        ) from None


def check_action(action: str, facts: ReviewFacts) -> str:
    """Apply every rule for `action`; return the new state or raise with a reason."""
    target = next_state(facts.state, action)
    if facts.actor_role not in ACTION_ROLES[action]:
        allowed = " or ".join(ACTION_ROLES[action])
        raise PermissionDenied(
            f"only a {allowed} may {ACTION_LABELS[action].lower()}; "
            f"you are signed in as a{'n' if facts.actor_role[0] in 'aeiou' else ''} "
            f"{facts.actor_role}"
        )
    if (
        action in FOUR_EYES_ACTIONS
        and facts.four_eyes
        and facts.last_editor_id is not None
        and facts.last_editor_id == facts.actor_id
    ):
        raise RuleViolation(
            "you edited this assessment last; another reviewer must "
            f"{ACTION_LABELS[action].lower()} it (four-eyes rule)"
        )
    if action == APPROVE and facts.required_stance:
        if facts.required_stance not in facts.stances:
            raise RuleViolation(
                f"a {facts.verdict.replace('_', ' ')} verdict needs at least one linked "
                f"piece of evidence that {facts.required_stance} the statement"
            )
    return target


def allowed_actions(facts: ReviewFacts) -> list[tuple[str, str | None]]:
    """Every action legal from the current state, with the reason it would be refused.

    The window uses this to enable buttons and to explain disabled ones.
    """
    result: list[tuple[str, str | None]] = []
    for (state, action) in TRANSITIONS:
        if state != facts.state:
            continue
        try:
            check_action(action, facts)
            result.append((action, None))
        except (RuleViolation, PermissionDenied) as refused:
            result.append((action, str(refused)))
    return result
