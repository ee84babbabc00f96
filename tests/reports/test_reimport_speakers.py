"""Our own JSON and ClaimReview exports, imported into another workspace, give each new
speaker the job title and kind (person or body) it had; a speaker already there stays as
it is."""

from __future__ import annotations

import pytest

from factcheck_app.cli import main
from factcheck_app.services import speakers
from factcheck_app.services.workspace import Workspace


def _export_and_import(source, tmp_path, capsys, fmt: str, *, before=None) -> dict[str, dict]:
    exported = tmp_path / f"out.{'jsonld' if fmt == 'claimreview' else 'json'}"
    assert main(["export", str(source), "--format", fmt, "-o", str(exported)]) == 0
    target = tmp_path / "other.factcheck"
    assert main(["init", str(target), "--as", "maya"]) == 0
    if before:
        with Workspace.open(target, user="maya") as ws:
            before(ws)
    assert main(["import", str(target), str(exported), "--as", "maya"]) == 0
    capsys.readouterr()
    with Workspace.open(target, readonly=True, backup_on_open=False) as ws:
        return {row["name"]: row for row in speakers.list_speakers(ws)}


@pytest.mark.parametrize("fmt", ["json", "claimreview"])
def test_a_re_import_keeps_each_speakers_title_and_kind(published_path, tmp_path, capsys, fmt):
    imported = _export_and_import(published_path, tmp_path, capsys, fmt)
    assert imported["Dmitri Peskov"]["title"] == "Kremlin spokesman"
    assert imported["Dmitri Peskov"]["kind"] == "person"
    assert imported["Aleksandr Lukashenko"]["title"] == "President of Belarus"
    if fmt == "json":  # the full export has every statement, the border committee's too
        committee = imported["Belarusian State Border Committee"]
        assert committee["kind"] == "body" and committee["country"] == "Belarus"
        assert imported["Anatoli Lappo"]["affiliation"] == "State Border Committee"


def test_a_speaker_already_in_the_workspace_is_left_as_it_is(published_path, tmp_path, capsys):
    def add_peskov(ws):
        speakers.add_speaker(ws, name="Dmitri Peskov", title="Press secretary")

    imported = _export_and_import(published_path, tmp_path, capsys, "json", before=add_peskov)
    assert imported["Dmitri Peskov"]["title"] == "Press secretary"
    assert imported["Dmitri Peskov"]["statements"] == 1


def test_a_speaker_of_an_unknown_kind_is_refused_naming_the_row(ws, tmp_path):
    from factcheck_app.domain.errors import InvalidInput
    from factcheck_app.services.importing import import_file

    data = tmp_path / "bad.json"
    data.write_text('{"statements": [{"quote": "We will", "stated_on": "2024", '
                    '"speaker": "Ivan", "speaker_details": {"kind": "robot"}}]}')
    ws.sign_in("ana")
    with pytest.raises(InvalidInput, match=r"row 1, speaker: .*robot"):
        import_file(ws, data)
    assert speakers.find_speaker(ws, "Ivan") is None
