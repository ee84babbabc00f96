"""The review workflow rules: the whole transition table, roles, four-eyes, evidence."""

from __future__ import annotations

import itertools

import pytest

from factcheck_app.domain import workflow as wf
from factcheck_app.domain.errors import PermissionDenied, RuleViolation
from factcheck_app.domain.verdicts import DEFAULT_SCALE

# The table as the product defines it, written out by hand so that a change to
# workflow.TRANSITIONS has to be deliberate (the test does not read the table).
EXPECTED = {
    ("draft", "submit"): "in_review",
    ("changes_requested", "submit"): "in_review",
    ("in_review", "approve"): "approved",
    ("in_review", "request_changes"): "changes_requested",
    ("approved", "reopen"): "draft",
    ("approved", "retract"): "retracted",
    ("retracted", "reopen"): "draft",
}
STATES = ("draft", "in_review", "changes_requested", "approved", "retracted")
ACTIONS = ("submit", "approve", "request_changes", "reopen", "retract")
ALL_PAIRS = list(itertools.product(STATES, ACTIONS))
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in EXPECTED]


def facts(state: str = "in_review", *, role: str = "reviewer", actor: str = "u-rob",
          last_editor: str | None = "u-ana", four_eyes: bool = True,
          verdict: str = "partly_held", stances: tuple[str, ...] = ()) -> wf.ReviewFacts:
    return wf.ReviewFacts(
        state=state, verdict=verdict, actor_id=actor, actor_role=role,
        last_editor_id=last_editor, four_eyes=four_eyes,
        required_stance=DEFAULT_SCALE.level(verdict).required_stance,
        stances=frozenset(stances),
    )


def test_vocabulary_is_what_the_product_describes() -> None:
    assert wf.STATES == STATES
    assert wf.ACTIONS == ACTIONS
    assert wf.ROLES == ("analyst", "reviewer", "admin")


def test_table_has_exactly_the_expected_transitions() -> None:
    assert dict(wf.TRANSITIONS) == EXPECTED
    assert len(ALL_PAIRS) == 25 and len(ILLEGAL) == 18


@pytest.mark.parametrize(("state", "action"), list(EXPECTED))
def test_legal_transition_leads_to_its_state(state: str, action: str) -> None:
    assert wf.next_state(state, action) == EXPECTED[(state, action)]
    # an admin passes every role rule; nobody edited last, evidence is complete
    admin = facts(state, role="admin", actor="u-admin", last_editor="u-ana",
                  verdict="held", stances=("supports",))
    assert wf.check_action(action, admin) == EXPECTED[(state, action)]


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_illegal_transition_is_refused_naming_the_options(state: str, action: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        wf.next_state(state, action)
    message = str(refused.value)
    assert message.startswith(f"cannot {wf.ACTION_LABELS[action].lower()} a statement that is "
                              f"{wf.STATE_LABELS[state].lower()}")
    legal_here = [wf.ACTION_LABELS[a].lower() for (s, a) in EXPECTED if s == state]
    assert "from here you can: " + ", ".join(legal_here) in message
    # check_action refuses it too, for every role, before looking at roles
    for role in wf.ROLES:
        with pytest.raises(RuleViolation):
            wf.check_action(action, facts(state, role=role, actor="u-x", last_editor="u-y",
                                          verdict="held", stances=("supports",)))


def test_unknown_action_or_state_is_refused_not_crashing() -> None:
    with pytest.raises(RuleViolation, match="cannot publish a statement that is draft"):
        wf.next_state("draft", "publish")
    with pytest.raises(RuleViolation, match="cannot send to review a statement that is archived$"):
        wf.next_state("archived", "submit")


# ---------------------------------------------------------------- roles
ROLE_RULES = {
    "submit": {"analyst", "reviewer", "admin"},
    "approve": {"reviewer", "admin"},
    "request_changes": {"reviewer", "admin"},
    "reopen": {"reviewer", "admin"},
    "retract": {"reviewer", "admin"},
}


@pytest.mark.parametrize(("action", "role"), list(itertools.product(ACTIONS, wf.ROLES)))
def test_role_rules(action: str, role: str) -> None:
    state = next(s for (s, a) in EXPECTED if a == action)
    f = facts(state, role=role, actor="u-me", last_editor="u-other")
    if role in ROLE_RULES[action]:
        assert wf.check_action(action, f) == EXPECTED[(state, action)]
    else:
        with pytest.raises(PermissionDenied) as refused:
            wf.check_action(action, f)
        assert str(refused.value) == (
            f"only a reviewer or admin may {wf.ACTION_LABELS[action].lower()}; "
            "you are signed in as an analyst")


def test_illegal_transition_is_reported_before_the_role() -> None:
    """An analyst approving a draft learns the draft must be sent first, not about roles."""
    with pytest.raises(RuleViolation, match="from here you can: send to review"):
        wf.check_action("approve", facts("draft", role="analyst"))


# ---------------------------------------------------------------- four-eyes
@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_four_eyes_refuses_the_last_editor(action: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        wf.check_action(action, facts(actor="u-rob", last_editor="u-rob"))
    assert "four-eyes" in str(refused.value)
    assert "another reviewer must" in str(refused.value)


@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_four_eyes_off_lets_the_last_editor_act(action: str) -> None:
    f = facts(actor="u-rob", last_editor="u-rob", four_eyes=False)
    assert wf.check_action(action, f) == EXPECTED[("in_review", action)]


@pytest.mark.parametrize("action", ["approve", "request_changes"])
def test_four_eyes_allows_another_reviewer_and_unknown_editor(action: str) -> None:
    assert wf.check_action(action, facts(actor="u-rita", last_editor="u-rob"))
    assert wf.check_action(action, facts(actor="u-rita", last_editor=None))


def test_four_eyes_does_not_apply_to_submit_or_reopen() -> None:
    assert wf.check_action("submit", facts("draft", role="analyst", actor="u-ana",
                                           last_editor="u-ana")) == "in_review"
    assert wf.check_action("reopen", facts("approved", actor="u-rob",
                                           last_editor="u-rob")) == "draft"


def test_four_eyes_binds_admins_too() -> None:
    with pytest.raises(RuleViolation, match="four-eyes"):
        wf.check_action("approve", facts(role="admin", actor="u-adm", last_editor="u-adm"))


# ---------------------------------------------------------------- evidence rule
@pytest.mark.parametrize(("verdict", "needed"), [
    ("held", "supports"), ("broken", "contradicts"),
    ("partly_held", None), ("unverifiable", None), ("pending", None),
])
def test_scale_says_which_stance_each_verdict_needs(verdict: str, needed: str | None) -> None:
    assert DEFAULT_SCALE.level(verdict).required_stance == needed


@pytest.mark.parametrize(("verdict", "needed"), [("held", "supports"), ("broken", "contradicts")])
def test_approval_needs_the_required_stance(verdict: str, needed: str) -> None:
    other = {"supports": "contradicts", "contradicts": "supports"}[needed]
    for stances in ((), ("context",), (other,), (other, "context")):
        with pytest.raises(RuleViolation) as refused:
            wf.check_action("approve", facts(verdict=verdict, stances=stances))
        assert str(refused.value) == (
            f"a {verdict} verdict needs at least one linked piece of evidence that "
            f"{needed} the statement")
    assert wf.check_action("approve", facts(verdict=verdict, stances=(needed,))) == "approved"
    assert wf.check_action("approve", facts(verdict=verdict,
                                            stances=(needed, other, "context"))) == "approved"


@pytest.mark.parametrize("verdict", ["partly_held", "unverifiable"])
def test_verdicts_without_a_required_stance_approve_without_evidence(verdict: str) -> None:
    assert wf.check_action("approve", facts(verdict=verdict, stances=())) == "approved"


def test_evidence_rule_only_guards_approval() -> None:
    """Requesting changes on an unsupported Broken verdict is exactly what a reviewer does."""
    f = facts(verdict="broken", stances=())
    assert wf.check_action("request_changes", f) == "changes_requested"


# ---------------------------------------------------------------- allowed_actions
def test_allowed_actions_from_draft() -> None:
    assert wf.allowed_actions(facts("draft", role="analyst")) == [("submit", None)]


def test_allowed_actions_explain_refusals_for_an_analyst_in_review() -> None:
    result = dict(wf.allowed_actions(facts("in_review", role="analyst", actor="u-ana")))
    assert set(result) == {"approve", "request_changes"}
    assert result["approve"] == "only a reviewer or admin may approve; you are signed in as an analyst"
    assert result["request_changes"].startswith("only a reviewer or admin may request changes")


def test_allowed_actions_for_a_reviewer_who_edited_last() -> None:
    result = dict(wf.allowed_actions(facts("in_review", actor="u-rob", last_editor="u-rob",
                                           verdict="broken")))
    assert "four-eyes" in result["approve"]
    assert "four-eyes" in result["request_changes"]


def test_allowed_actions_name_missing_evidence() -> None:
    result = dict(wf.allowed_actions(facts("in_review", verdict="held", stances=("context",))))
    assert result == {
        "approve": "a held verdict needs at least one linked piece of evidence that supports "
                   "the statement",
        "request_changes": None,
    }


def test_allowed_actions_in_review_all_clear() -> None:
    assert wf.allowed_actions(facts("in_review", verdict="held", stances=("supports",))) == [
        ("approve", None), ("request_changes", None)]


@pytest.mark.parametrize(("role", "reason"), [
    ("analyst", "only a reviewer or admin may {}; you are signed in as an analyst"),
    ("reviewer", None), ("admin", None),
])
def test_allowed_actions_when_approved(role: str, reason: str | None) -> None:
    assert wf.allowed_actions(facts("approved", role=role)) == [
        (action, reason and reason.format(action)) for action in ("reopen", "retract")]


def test_allowed_actions_after_changes_requested() -> None:
    assert wf.allowed_actions(facts("changes_requested", role="analyst")) == [("submit", None)]
