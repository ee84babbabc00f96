"""Recording statements: deadlines, listing and filters, speakers, and the demo workspace."""

from __future__ import annotations

import json
from datetime import date

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.filters import StatementFilter
from factcheck_app.services import evidence as ev
from factcheck_app.services import queries, review, speakers, statements
from factcheck_app.services.check import check_workspace
from factcheck_app.services.workspace import Workspace
from tests.history_helpers import history_count


def _add(ws: Workspace, quote: str, **fields) -> str:
    fields.setdefault("stated_on", "2023-01-10")
    return statements.add_statement(ws, quote=quote, **fields).created


# ---------------------------------------------------------------- deadlines
def test_typed_phrase_fills_check_by_and_is_kept(ws: Workspace) -> None:
    sid = _add(ws, "The holding will start", check_by="by the end of June")
    s = queries.get_statement(ws, sid)
    assert (s["check_by"], s["check_by_phrase"]) == ("2023-06-30", "by the end of June")


def test_vague_phrase_keeps_the_phrase_and_no_date(ws: Workspace) -> None:
    sid = _add(ws, "Soon, very soon", check_by="in due course")
    s = queries.get_statement(ws, sid)
    assert (s["check_by"], s["check_by_phrase"]) == (None, "in due course")
    assert s["state"] == "no_date"


def test_explicit_date_needs_no_phrase(ws: Workspace) -> None:
    sid = _add(ws, "Done by March", check_by="2023-03-01")
    s = queries.get_statement(ws, sid)
    assert (s["check_by"], s["check_by_phrase"]) == ("2023-03-01", None)
    with pytest.raises(InvalidInput, match="not a real date"):
        _add(ws, "Impossible", check_by="2023-02-30")


def test_correcting_the_stated_date_rereads_a_relative_phrase(ws: Workspace) -> None:
    sid = _add(ws, "This year, the road opens", check_by="this year")
    assert queries.get_statement(ws, sid)["check_by"] == "2023-12-31"
    statements.edit_statement(ws, statement_id=sid, stated_on="2022-01-10")
    s = queries.get_statement(ws, sid)
    assert (s["check_by"], s["check_by_phrase"]) == ("2022-12-31", "this year")
    # an explicit date does not depend on when it was said
    fixed = _add(ws, "Opens on 1 March", check_by="2023-03-01")
    statements.edit_statement(ws, statement_id=fixed, stated_on="2022-05-01")
    assert queries.get_statement(ws, fixed)["check_by"] == "2023-03-01"
    assert check_workspace(ws) == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"quote": "  "}, "needs its quote"),
    ({"stated_on": ""}, "needs the date it was made"),
    ({"stated_on": "someday"}, "not a date"),
    ({"kind": "rumour"}, "kind must be one of promise, prediction, denial, assertion, threat"),
    ({"speaker_id": "no-such-speaker"}, "no speaker with id"),
    ({"colour": "red"}, "statements have no field 'colour'"),
])
def test_bad_statement_input_is_refused_and_nothing_recorded(ws: Workspace, fields: dict,
                                                             message: str) -> None:
    ws.sign_in("ana")
    before = history_count(ws)
    base = {"quote": "We will", "stated_on": "2023-01-10"}
    with pytest.raises(InvalidInput, match=message):
        statements.add_statement(ws, **{**base, **fields})
    assert ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0
    assert history_count(ws) == before


# ---------------------------------------------------------------- listing and filters
@pytest.fixture
def listing(ws: Workspace) -> dict[str, str]:
    ws.sign_in("ana")
    minister = speakers.add_speaker(ws, name="Jana Novak", aliases="the minister").created
    mayor = speakers.add_speaker(ws, name="Tom Berg", title="Mayor").created
    ids = {
        "metro": _add(ws, "The metro opens in March", speaker_id=minister, tags="transport, city",
                      check_by="2023-03-31", kind="promise"),
        "tram": _add(ws, "Trams every five minutes", speaker_id=mayor, tags="Transport",
                     check_by="2023-06-01", kind="promise"),
        "taxes": _add(ws, "No new taxes", speaker_id=minister, tags="tax", kind="denial",
                      check_by="2023-06-20"),
        "parks": _add(ws, "Parks for everyone", speaker_id=mayor, check_by="soon"),
        "later": _add(ws, "A new stadium", speaker_id=mayor, check_by="2024-12-31"),
    }
    statements.set_verdict(ws, statement_id=ids["taxes"], verdict="broken")
    return ids


def _ids(ws: Workspace, **f) -> set[str]:
    return {r["id"] for r in queries.list_statements(ws, StatementFilter(**f))}


def test_speaker_filter(ws: Workspace, listing: dict[str, str]) -> None:
    minister = speakers.speaker_by_name(ws, "the minister")["id"]  # found by alias
    assert _ids(ws, speaker_ids=(minister,)) == {listing["metro"], listing["taxes"]}


def test_verdict_filter(ws: Workspace, listing: dict[str, str]) -> None:
    assert _ids(ws, verdicts=("broken",)) == {listing["taxes"]}
    assert _ids(ws, verdicts=("pending",)) == set(listing.values()) - {listing["taxes"]}


def test_tag_filter_is_normalised(ws: Workspace, listing: dict[str, str]) -> None:
    assert _ids(ws, tags=("transport",)) == {listing["metro"], listing["tram"]}
    assert _ids(ws, tags=("transport", "city")) == {listing["metro"]}
    assert queries.get_statement(ws, listing["metro"])["tags"] == ["city", "transport"]
    statements.edit_statement(ws, statement_id=listing["metro"], tags="rail")
    assert _ids(ws, tags=("transport",)) == {listing["tram"]}
    assert _ids(ws, tags=("rail",)) == {listing["metro"]}


def test_due_and_overdue_depend_on_today(ws: Workspace, listing: dict[str, str]) -> None:
    on = Workspace(ws.store, ws.user, today=date(2023, 6, 10))
    # grace of 14 days: check-by 2023-06-01 is due, 2023-03-31 overdue, broken taxes is rated
    assert _ids(on, due="due") == {listing["tram"]}
    assert _ids(on, due="overdue") == {listing["metro"]}
    assert _ids(on, due="due_or_overdue") == {listing["metro"], listing["tram"]}
    states = {r["id"]: r["state"] for r in queries.list_statements(on)}
    assert states == {listing["metro"]: "overdue", listing["tram"]: "due",
                      listing["taxes"]: "resolved", listing["parks"]: "no_date",
                      listing["later"]: "upcoming"}
    later = Workspace(ws.store, ws.user, today=date(2023, 7, 1))
    assert _ids(later, due="overdue") == {listing["metro"], listing["tram"]}
    assert _ids(later, due="due") == set()


def test_today_can_be_set_for_a_whole_process(ws: Workspace, listing: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_TODAY", "2023-04-05")
    assert ws.today() == date(2023, 4, 5)
    assert _ids(ws, due="due") == {listing["metro"]}


def test_queue_for(ws: Workspace, listing: dict[str, str]) -> None:
    ana, rob, rita = (ws.find_user(n).id for n in ("ana", "rob", "rita"))
    review.submit(ws, statement_id=listing["metro"])
    review.submit(ws, statement_id=listing["tram"])
    review.assign(ws, statement_id=listing["tram"], user="rita")
    assert _ids(ws, queue_for=rob) == {listing["metro"]}  # unassigned, written by someone else
    assert _ids(ws, queue_for=rita) == {listing["metro"], listing["tram"]}
    assert _ids(ws, queue_for=ana) == set()  # her own work is not waiting for her
    ws.sign_in("rob")
    review.request_changes(ws, statement_id=listing["metro"], comment="Source?")
    assert _ids(ws, queue_for=ana) == {listing["metro"]}
    assert _ids(ws, queue_for=rob) == set()


def test_filters_combine_with_search_and_sort(ws: Workspace, listing: dict[str, str]) -> None:
    rows = queries.list_statements(ws, StatementFilter(text="tram OR metro", kinds=("promise",)))
    assert rows == []  # every word must match
    rows = queries.list_statements(ws, StatementFilter(kinds=("promise",), sort="check_by",
                                                       descending=False))
    assert [r["id"] for r in rows] == [listing["metro"], listing["tram"]]
    assert queries.count_statements(ws, StatementFilter(text="metro")) == 1


# ---------------------------------------------------------------- speakers
def test_merge_keeps_aliases_and_moves_statements(ws: Workspace) -> None:
    ws.sign_in("ana")
    keep = speakers.add_speaker(ws, name="Aleksandr Lukashenko", aliases="Lukashenko").created
    dup = speakers.add_speaker(ws, name="Alexander Lukashenka",
                               aliases="the president; A. Lukashenka").created
    moved = _add(ws, "We support our brothers", speaker_id=dup)
    stays = _add(ws, "We never hid it", speaker_id=keep)
    speakers.merge_speakers(ws, keep_id=keep, merge_id=dup)

    kept = speakers.speaker_by_name(ws, "Aleksandr Lukashenko")
    assert json.loads(kept["aliases"]) == ["Lukashenko", "Alexander Lukashenka", "the president",
                                           "A. Lukashenka"]
    for name in ("Alexander Lukashenka", "the president", "a. lukashenka"):
        assert speakers.speaker_by_name(ws, name)["id"] == keep
    assert ws.store.db.execute("SELECT count(*) FROM speakers").fetchone()[0] == 1
    assert _ids(ws, speaker_ids=(keep,)) == {moved, stays}
    assert queries.get_statement(ws, moved)["speaker"]["name"] == "Aleksandr Lukashenko"
    assert [r["speaker_name"] for r in queries.list_statements(ws, StatementFilter(
        text="the president"))] == ["Aleksandr Lukashenko", "Aleksandr Lukashenko"]
    assert check_workspace(ws) == []


def test_merging_the_speaker_of_an_approved_statement_sends_it_back_to_review(
        demo_ws: Workspace) -> None:
    """The speaker is part of what was approved; the workspace must still pass its check."""
    keep = speakers.speaker_by_name(demo_ws, "Lukashenko")["id"]
    gone = speakers.speaker_by_name(demo_ws, "Peskov")["id"]
    approved = [r["id"] for r in queries.list_statements(
        demo_ws, StatementFilter(speaker_ids=(gone,), review_states=("approved",)))]
    assert len(approved) == 1
    speakers.merge_speakers(demo_ws, keep_id=keep, merge_id=gone)
    s = queries.get_statement(demo_ws, approved[0])
    assert s["speaker_id"] == keep
    assert s["review_state"] == "draft"
    assert s["history"][-1]["reason"] == "content changed after approval"
    assert check_workspace(demo_ws) == []


# ---------------------------------------------------------------- the demo workspace
def test_demo_workspace(demo_ws: Workspace) -> None:
    ws = demo_ws
    assert ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 12
    assert check_workspace(ws) == []
    assert {u.name: u.role for u in ws.users()} == {"maya": "admin", "ana": "analyst",
                                                     "rob": "reviewer"}

    broken = queries.list_statements(ws, StatementFilter(verdicts=("broken",),
                                                         review_states=("approved",)))
    assert len(broken) == 2
    for row in broken:
        stances = {e["stance"] for e in queries.get_statement(ws, row["id"])["evidence"]}
        assert "contradicts" in stances

    media = queries.list_statements(ws, StatementFilter(text="media holding"))
    assert len(media) == 1
    assert (media[0]["check_by"], media[0]["check_by_phrase"]) == (
        "2023-06-30", "in the first half of the year")

    states = [r["review_state"] for r in queries.list_statements(ws)]
    assert "in_review" in states and "changes_requested" in states
    sent_back = queries.list_statements(ws, StatementFilter(review_states=("changes_requested",)))
    assert queries.get_statement(ws, sent_back[0]["id"])["comments"][-1]["body"].startswith(
        "Name the evidence")
    rob = ws.find_user("rob").id
    assert queries.list_statements(ws, StatementFilter(queue_for=rob))  # work waiting for rob
    assert ws.store.db.execute("SELECT count(*) FROM attachments").fetchone()[0] >= 1


def test_demo_overdue_and_track_record(demo_ws: Workspace) -> None:
    ws = Workspace(demo_ws.store, demo_ws.user, today=date(2024, 3, 1))
    overdue = queries.list_statements(ws, StatementFilter(due="overdue"))
    assert "media holding" in " ".join(r["quote"] for r in overdue)
    board = queries.dashboard(ws)
    assert board["in_review"] == 1 and board["overdue"] == len(overdue)
    assert board["verdict_mix"]["broken"] == 2
    peskov = next(r for r in speakers.list_speakers(ws) if r["name"] == "Dmitri Peskov")
    assert (peskov["statements"], peskov["checkable"], peskov["broken"]) == (1, 1, 1)


def test_evidence_with_an_invalid_url_is_refused(demo_ws: Workspace) -> None:
    before = demo_ws.store.db.execute("SELECT count(*) FROM evidence").fetchone()[0]
    with pytest.raises(InvalidInput, match="must start with http"):
        ev.add_evidence(demo_ws, summary="x", url="javascript:alert(1)")
    assert demo_ws.store.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == before


def test_editing_evidence_or_a_source_to_an_invalid_url_is_refused(ws: Workspace) -> None:
    from factcheck_app.services import sources

    evidence_id = ev.add_evidence(ws, summary="x", url="https://example.org").created
    source_id = sources.add_source(ws, title="T", url="https://example.org").created
    history = history_count(ws)
    with pytest.raises(InvalidInput, match="must start with http"):
        ev.edit_evidence(ws, evidence_id=evidence_id, url="javascript:alert(1)")
    with pytest.raises(InvalidInput, match="must start with http"):
        sources.edit_source(ws, source_id=source_id, url="javascript:alert(1)")
    with pytest.raises(InvalidInput, match="needs a title"):
        sources.edit_source(ws, source_id=source_id, title="  ")
    assert history_count(ws) == history
    assert ws.store.db.execute("SELECT url FROM evidence").fetchone()[0] == "https://example.org"


def test_non_numeric_or_negative_source_offsets_are_refused(ws: Workspace) -> None:
    from factcheck_app.services import sources

    source_id = sources.add_source(ws, title="T", full_text="We will build it.").created
    with pytest.raises(InvalidInput, match="whole numbers"):
        _add(ws, "build", source_id=source_id, source_start="x", source_end="5")
    with pytest.raises(InvalidInput, match="does not occur"):
        _add(ws, "it.", source_id=source_id, source_start=-3, source_end=17)
    assert ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0


def test_only_the_creator_or_an_admin_may_delete_a_statement(ws):
    from factcheck_app.domain.errors import PermissionDenied
    from factcheck_app.services import statements as st

    ws.sign_in("ana")
    statement_id = st.add_statement(ws, quote="Mine", stated_on="2024-01-01").created
    ws.sign_in("rob")
    with pytest.raises(PermissionDenied, match="recorded this statement"):
        st.delete_statement(ws, statement_id=statement_id)
    ws.sign_in("admin")
    st.delete_statement(ws, statement_id=statement_id)
    assert ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0


def test_renaming_a_speaker_to_an_existing_name_is_refused(ws):
    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services import speakers as sp

    ws.sign_in("ana")
    sp.add_speaker(ws, name="Jane Doe")
    other = sp.add_speaker(ws, name="J. Doe").created
    with pytest.raises(InvalidInput, match="merge"):
        sp.edit_speaker(ws, speaker_id=other, name="jane doe")


def test_assigning_to_a_user_that_does_not_exist_is_refused(ws):
    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services import statements as st

    ws.sign_in("ana")
    statement_id = st.add_statement(ws, quote="Q", stated_on="2024-01-01").created
    with pytest.raises(InvalidInput, match="no active user"):
        st.edit_statement(ws, statement_id=statement_id, assignee_id="not-a-user")


def test_a_speaker_named_with_a_refused_statement_is_not_created(ws):
    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services import statements as st

    ws.sign_in("ana")
    with pytest.raises(InvalidInput):
        st.add_statement(ws, quote="Q", stated_on="not a date", speaker="Brand New Person")
    assert ws.store.db.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0
    statement_id = st.add_statement(ws, quote="Q", stated_on="2024-01-01",
                                    speaker="Brand New Person").created
    assert ws.store.db.execute("SELECT speaker_id FROM statements WHERE id = ?",
                         [statement_id]).fetchone()[0] is not None


def test_search_finds_statements_evidence_and_sources(ws: Workspace) -> None:
    from factcheck_app.services import sources  # noqa: PLC0415

    ws.sign_in("ana")
    statements.add_statement(ws, quote="The bridge opens this year", stated_on="2023-01-10")
    statements.add_statement(ws, quote="Taxes stay as they are", stated_on="2023-02-01")
    ev.add_evidence(ws, summary="Bridge still closed to traffic", occurred_on="2024-01-05")
    sources.add_source(ws, title="Evening news", full_text="The minister promised the bridge "
                       "would open before winter.")
    found = queries.search_all(ws, "bridge")
    assert [s["quote"] for s in found["statements"]] == ["The bridge opens this year"]
    assert [e["summary"] for e in found["evidence"]] == ["Bridge still closed to traffic"]
    assert [s["title"] for s in found["sources"]] == ["Evening news"]
    assert "[bridge]" in found["sources"][0]["snippet"]
    assert [e["summary"] for e in ev.list_evidence(ws, text="clos")] == \
        ["Bridge still closed to traffic"]
    assert ev.list_evidence(ws, text="taxes") == []


def test_dashboard_counts_a_rated_statement_apart_until_approved(ws: Workspace) -> None:
    ws.sign_in("ana")
    sid = statements.add_statement(ws, quote="Prices fall", stated_on="2023-01-10").created
    statements.set_verdict(ws, statement_id=sid, verdict="unverifiable")
    mix = queries.dashboard(ws)["verdict_mix"]
    assert mix.get("unverifiable", 0) == 0 and sum(mix.values()) == 1
