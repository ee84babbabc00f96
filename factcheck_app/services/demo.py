"""The sample workspace, built from the article the product was conceived from.

It exercises every view: approved Broken promises with contradicting evidence,
an overdue promise, items in review and sent back, unverifiable boasts.
"""

from __future__ import annotations

from pathlib import Path

from ..resources import resource
from . import evidence as ev
from . import review, sources, speakers, statements, users
from .workspace import Workspace

SEED = ("samples", "seed-article.txt")
# Every sample user (maya, ana, rob) signs in with this passphrase (README).
SAMPLE_PASSPHRASE = "sample-passphrase"

SPEAKERS = [
    dict(name="Aleksandr Lukashenko", kind="person", aliases="Lukashenko; the president; "
         "Alexander Lukashenko", title="President of Belarus", country="Belarus"),
    dict(name="Dmitri Peskov", kind="person", aliases="Peskov; Dmitry Peskov",
         title="Kremlin spokesman", affiliation="Presidential Executive Office", country="Russia"),
    dict(name="Vladimir Makei", kind="person", aliases="Makei; Uladzimir Makei",
         title="Foreign Minister of Belarus (died November 2022)", country="Belarus"),
    dict(name="Anatoli Lappo", kind="person", aliases="Lappo; Anatoly Lappo",
         title="Chairman, State Border Committee", affiliation="State Border Committee",
         country="Belarus"),
    dict(name="Belarusian State Border Committee", kind="body",
         aliases="the Border Committee; State Border Committee", country="Belarus"),
]

# (key, quote, speaker, stated, kind, expectation, check-by as typed, tags)
STATEMENTS = [
    ("brothers", "We support and will continue to support our brothers,", "Aleksandr Lukashenko",
     "2023-01-10", "promise",
     "Belarus keeps supplying and hosting Russian forces throughout 2023.", "this year",
     "russia, military"),
    ("media", "Our destiny is to march together (both countries) and for something to serve as a "
     "car seat belt.\n\nTherefore, this media holding should start working this year, preferably "
     "in its first half,", "Aleksandr Lukashenko", "2023-01-10", "promise",
     "A joint Russian–Belarusian state media holding is launched and broadcasting.",
     "in the first half of the year", "media, union state"),
    ("rt", "You know how important you have been to us during these difficult times and what you, "
     "the technicians, the journalists, the correspondents... and your management demonstrated.",
     "Aleksandr Lukashenko", "2020-09", "assertion", "", "", "media"),
    ("medkit", "In a few months we have made a better medical kit than NATO, it can save lives,",
     "Aleksandr Lukashenko", "2023-01", "assertion",
     "Independent testing shows the Belarusian kit outperforms NATO's IFAK.", "", "military"),
    ("right", "You are doing the right thing,", "Aleksandr Lukashenko", "2023-01-09", "assertion",
     "", "", "russia"),
    ("hide", "We help our Russian brothers, we have never tried to hide it.",
     "Aleksandr Lukashenko", "2023-01-09", "assertion", "", "", "russia, military"),
    ("peskov", "It is beyond any doubt,", "Dmitri Peskov", "2022-02", "promise",
     "Russian troops return to their bases once Allied Resolve-2022 ends on 20 February 2022.",
     "2022-02-20", "troops, exercises"),
    ("makei", "Not a single soldier or piece of equipment will remain in Belarus after the "
     "exercises,", "Vladimir Makei", "2022-02", "denial",
     "No Russian soldier or equipment remains in Belarus after the exercises end "
     "(20 February 2022).", "2022-02-20", "troops, exercises"),
    ("conspiracy", "a conspiracy theory", "Aleksandr Lukashenko", "2022-12", "denial",
     "Belarusian armed forces do not enter the war against Ukraine.", "by the end of next year",
     "war"),
    ("uniforms", "There are no border guards on the other side, but soldiers in different "
     "uniforms,", "Belarusian State Border Committee", "2023-01", "assertion", "", "", "border"),
    ("bridges", "Almost all the bridges have been blown up, and the railways and highways have "
     "been completely mined", "Anatoli Lappo", "2022-10", "assertion",
     "Independent imagery shows the crossings destroyed or mined.", "", "border"),
    ("soon", "mines, anti-tank ditches and other blockades", "Belarusian State Border Committee",
     "2023-01", "assertion", "", "in the coming months", "border"),
]


def build_demo(path: Path | str) -> Workspace:
    """Create the sample workspace at `path` and return it open, signed in as the analyst."""
    article = resource(*SEED)
    text = article.read_text(encoding="utf-8")
    ws = Workspace.create(path, admin="maya", display_name="Maya Okafor",
                          passphrase=SAMPLE_PASSPHRASE)
    users.add_user(ws, name="ana", display_name="Ana Petrova", role="analyst",
                   passphrase=SAMPLE_PASSPHRASE)
    users.add_user(ws, name="rob", display_name="Rob Kessler", role="reviewer",
                   passphrase=SAMPLE_PASSPHRASE)
    # Unlock each key once (each unlock is deliberately slow), then switch between them.
    people = {"maya": ws.identity}
    for name in ("rob", "ana"):
        ws.sign_in(name, SAMPLE_PASSPHRASE)
        people[name] = ws.identity
    ids = {spec["name"]: speakers.add_speaker(ws, **spec).created for spec in SPEAKERS}
    source_id = sources.add_source(
        ws, title="Lukashenko promotes the integration of Belarus with Russia",
        outlet="El País (via The Limited Times)", published_on="2023-01-10", language="en",
        kind="article", full_text=text, file=article).created
    sid: dict[str, str] = {}
    for key, quote, speaker, stated, kind, expectation, check_by, tags in STATEMENTS:
        sid[key] = statements.add_statement(
            ws, quote=quote, speaker_id=ids[speaker], stated_on=stated, kind=kind,
            expectation=expectation, check_by=check_by, tags=tags, source_id=source_id).created

    offensive = ev.add_evidence(
        ws, occurred_on="2022-02-24", title="Offensive on Kyiv launched from Belarus",
        summary="Four days after Allied Resolve-2022 ended, Russian forces that had exercised in "
                "Belarus crossed into Ukraine and advanced on Kyiv from Belarusian territory.",
        excerpt="Finally, four days after the end of those exercises, Russia launched against "
                "kyiv from Belarusian territory.", source_id=source_id,
        files=[article]).created
    aircraft = ev.add_evidence(
        ws, occurred_on="2023-01-10", title="Russian aircraft deployed at Belarusian airbases",
        summary="Russian aircraft landed at Belarusian airfields ahead of joint air exercises "
                "from 16 January to 1 February 2023.",
        excerpt="Several Russian aircraft have already landed on its territory",
        source_id=source_id).created
    for key in ("peskov", "makei"):
        ev.link(ws, statement_id=sid[key], evidence_id=offensive, stance="contradicts",
                note="Troops stayed and attacked from Belarus four days after the exercises.")
        statements.set_verdict(ws, statement_id=sid[key], verdict="broken", confidence=0.95,
                               rationale="Russian forces did not leave Belarus after the "
                                         "exercises; they launched the offensive on Kyiv from "
                                         "Belarusian territory on 24 February 2022.")
        review.submit(ws, statement_id=sid[key])
    ev.link(ws, statement_id=sid["brothers"], evidence_id=aircraft, stance="supports",
            note="Hosting Russian aircraft is continued support.")
    ev.link(ws, statement_id=sid["hide"], evidence_id=aircraft, stance="context")
    statements.set_verdict(ws, statement_id=sid["medkit"], verdict="unverifiable",
                           rationale="No independent test of the kit has been published.",
                           confidence=0.6)
    review.submit(ws, statement_id=sid["medkit"])
    statements.set_verdict(ws, statement_id=sid["brothers"], verdict="held", confidence=0.8,
                           rationale="Russian aircraft and troops were hosted through 2023.")
    review.submit(ws, statement_id=sid["brothers"], comment="Ready for a second look.")
    review.assign(ws, statement_id=sid["brothers"], user="rob")
    review.submit(ws, statement_id=sid["conspiracy"])

    ws.adopt(people["rob"])
    for key in ("peskov", "makei", "medkit"):
        review.approve(ws, statement_id=sid[key], comment="Checked against the evidence.")
    review.request_changes(ws, statement_id=sid["conspiracy"],
                           comment="Name the evidence that would show Belarus entering the war.")
    ws.adopt(people["ana"])
    return ws
