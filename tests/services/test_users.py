"""Users and settings: names that cannot pass for another user, a verdict scale that stays usable."""

from __future__ import annotations

import json

import pytest

from factcheck_app.domain.errors import InvalidInput, PermissionDenied
from factcheck_app.services import statements, users
from factcheck_app.services.workspace import Workspace
from tests.history_helpers import history_count


@pytest.mark.solo_only(reason="sign-up makes a key in the file; a team's logins are made by an admin")
def test_sign_up_cannot_take_another_users_display_name(ws: Workspace) -> None:
    # rob is a reviewer shown as "Rob Kessler"
    with pytest.raises(InvalidInput, match="another user"):
        users.register(ws, name="Rob Kessler")
    with pytest.raises(InvalidInput, match="another user"):
        users.register(ws, name="mallory", display_name="rob kessler")
    with pytest.raises(InvalidInput, match="another user"):
        users.register(ws, name="mallory", display_name="rob")
    assert ws.find_user("Rob Kessler").name == "rob"


def test_signing_in_prefers_the_exact_user_name(ws: Workspace) -> None:
    # A workspace written before names were checked can hold such a clash.
    with ws.store.transaction() as db:
        db.execute("UPDATE users SET display_name = 'rob' WHERE name = 'ana'")
    assert ws.find_user("rob").name == "rob"
    assert ws.find_user("ROB").role == "reviewer"


def test_verdict_scale_given_as_json_text_is_stored_as_a_scale(ws: Workspace) -> None:
    levels = [
        {"key": "pending", "label": "Pending", "colour": "#888", "rating": None,
         "required_stance": None},
        {"key": "true", "label": "True", "colour": "#0a0", "rating": 5,
         "required_stance": "supports"},
    ]
    users.set_setting(ws, key="verdict_scale", value=json.dumps(levels))  # as the CLI passes it
    assert ws.scale.keys == ("pending", "true")
    assert ws.scale.level("true").required_stance == "supports"


@pytest.mark.parametrize("value", [
    "not json", "\"a string\"", "[1, 2]", "{\"key\": \"pending\"}",
    "[{\"key\": \"held\", \"label\": \"Held\", \"colour\": \"#0a0\", \"rating\": 5, "
    "\"required_stance\": null}]",
    "[{\"key\": \"pending\", \"label\": \"P\", \"colour\": \"#888\", \"rating\": null, "
    "\"required_stance\": \"agrees\"}]",
])
def test_an_unusable_verdict_scale_is_refused_and_nothing_changes(ws: Workspace, value: str) -> None:
    before = history_count(ws)
    with pytest.raises(InvalidInput):
        users.set_setting(ws, key="verdict_scale", value=value)
    assert history_count(ws) == before
    assert "held" in ws.scale.keys


def test_verdict_scale_must_keep_verdicts_in_use(ws: Workspace) -> None:
    statement_id = statements.add_statement(ws, quote="q", stated_on="2023-01-01").created
    statements.set_verdict(ws, statement_id=statement_id, verdict="held")
    levels = [{"key": "pending", "label": "Pending", "colour": "#888", "rating": None,
               "required_stance": None}]
    with pytest.raises(InvalidInput, match="'held'"):
        users.set_setting(ws, key="verdict_scale", value=levels)
    assert ws.scale.level("held")


def test_a_role_change_applies_to_an_open_session_at_once(tmp_path):
    from factcheck_app.services import review, statements
    from factcheck_app.services import users as us

    path = tmp_path / "w.factcheck"
    admin = Workspace.create(path, admin="admin")
    us.add_user(admin, name="ana", role="analyst")
    us.add_user(admin, name="rob", role="reviewer")
    rob = Workspace.open(path, user="rob")  # another window, signed in before the change
    admin.sign_in("ana")
    statement_id = statements.add_statement(admin, quote="Q", stated_on="2024-01-01").created
    review.submit(admin, statement_id=statement_id)
    admin.sign_in("admin")
    us.set_role(admin, name="rob", role="analyst")
    with pytest.raises(PermissionDenied, match="only a reviewer or admin"):
        review.approve(rob, statement_id=statement_id)
    rob.close()
    admin.close()
