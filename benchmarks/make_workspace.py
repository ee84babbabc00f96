"""Generate a large, realistic Factcheck workspace for benchmarks.

    .venv/bin/python benchmarks/make_workspace.py PATH -n 100000 [--seed 1] [--force]

For N statements it writes about N/50 speakers (people and bodies, with aliases,
titles and countries), N/20 sources (headline, outlet, URL, date and a few
paragraphs of text that quote some of their statements at recorded offsets),
N/5 pieces of evidence linked to 1-3 statements each, verdict history, comments,
analysts and reviewers. Statements span 2015-2026 with day, month or year
precision, every kind, a few of ~30 tags, expectations, check-by dates and
phrases (resolved by the app's own deadline resolver), a verdict mix that is
mostly pending and a review-state mix whose approved statements obey the rules
(a Held verdict has a 'supports' link, a Broken one a 'contradicts' link) and
carry the right approved_hash.

Quotes are composed from word lists so full-text search sees very frequent
terms (FREQUENT_TERM is in ~30% of quotes) and rare ones (each of RARE_TERMS in
2-6 quotes, whatever N is).

Every row is written through storage.records.insert_many inside Store
transactions, so the hash-chained history records it (each batch of a
transaction as one change set) and `factcheck check` passes. The same seed gives the same records (ids, text, dates); only the
admin made by Workspace.create and its settings get fresh ids and times.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck_app.domain import records as rec  # noqa: E402
from factcheck_app.domain.deadlines import resolve_deadline  # noqa: E402
from factcheck_app.domain.verdicts import PENDING  # noqa: E402
from factcheck_app.domain.workflow import (  # noqa: E402
    ANALYST,
    APPROVED,
    CHANGES_REQUESTED,
    DRAFT,
    IN_REVIEW,
    REVIEWER,
)
from factcheck_app.services.workspace import Workspace  # noqa: E402
from factcheck_app.domain import signatures as sig  # noqa: E402
from factcheck_app.storage import records, signing  # noqa: E402
from factcheck_app.storage.connection import backups_dir_for, files_dir_for  # noqa: E402
from factcheck_app.storage.history import Actor  # noqa: E402

__all__ = ["FREQUENT_TERM", "RARE_TERMS", "TAGS", "make_workspace", "main"]

START = date(2015, 1, 1)
END = date(2026, 10, 31)  # fixed, not today, so the same seed gives the same workspace
SPAN_DAYS = (END - START).days
BATCH = 5_000  # rows per insert_many call: bounds the size of one change set
TRANSACTION_ROWS = 25_000  # rows per write transaction: keeps the WAL small
# Every generated user signs in with this. Their keys are sealed at the test cost (stored
# with each key): hundreds of strong unlocks would dominate the generation time.
PASSPHRASE = "benchmark-passphrase"

FREQUENT_TERM = "government"
# Words that occur nowhere else in the generated statements (not even as a prefix).
RARE_TERMS = (
    "hovercraft", "desalination", "beekeeping", "funicular", "sturgeon", "planetarium",
    "zeppelin", "velodrome", "icebreaker", "hydrofoil", "saffron", "tapestry",
    "glassworks", "catamaran", "marmot", "lighthouse", "aqueduct", "carillon",
)

TAGS = (
    "economy", "budget", "taxes", "inflation", "jobs", "pensions", "health", "hospitals",
    "education", "housing", "energy", "gas", "climate", "transport", "roads", "railways",
    "agriculture", "water", "border", "military", "troops", "exercises", "war", "russia",
    "union state", "media", "elections", "corruption", "justice", "migration", "digital",
)

# -- people, places, organisations -----------------------------------------------------
FIRST_NAMES = (
    "Aleksandr", "Dmitri", "Vladimir", "Anatoli", "Olga", "Natalia", "Sergei", "Irina",
    "Andrzej", "Katarzyna", "Marek", "Agnieszka", "Jonas", "Ruta", "Mindaugas", "Laura",
    "Peeter", "Kadri", "Janis", "Ilze", "Viktor", "Zsofia", "Petr", "Jana", "Tomas",
    "Elena", "Nikos", "Maria", "Giorgi", "Nino", "Armen", "Ana", "Ivan", "Milena",
    "Stefan", "Ioana", "Mehmet", "Ayse", "Oleksandr", "Yulia", "Kestutis", "Daina",
    "Emmanuel", "Claire", "Friedrich", "Ursula", "Pedro", "Lucia", "Matteo", "Giulia",
    "Lars", "Ingrid", "Arvid", "Sanna", "Bogdan", "Svetlana", "Ramzan", "Tamara",
)
LAST_NAMES = (
    "Lukashenko", "Peskov", "Makei", "Lappo", "Kowalski", "Nowak", "Wisniewska",
    "Kazlauskas", "Petrauskaite", "Tamm", "Saar", "Berzins", "Ozola", "Orban", "Novak",
    "Svoboda", "Dvorakova", "Papadopoulos", "Georgiou", "Beridze", "Kapanadze",
    "Hakobyan", "Petrovic", "Jovanovic", "Popescu", "Ionescu", "Yilmaz", "Demir",
    "Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Sokolov", "Volkov", "Morozova",
    "Lebedev", "Kuznetsova", "Dubois", "Lefevre", "Schneider", "Hoffmann", "Garcia",
    "Fernandez", "Rossi", "Bianchi", "Lindqvist", "Johansson", "Virtanen", "Korhonen",
    "Horvat", "Kovac", "Marinov", "Dimitrova", "Karimov", "Aliyev", "Nazarbayev",
    "Tokayev", "Rahmon", "Mirziyoyev", "Sandu", "Vulin", "Gavrilov", "Zhukov",
)
COUNTRIES = {
    "Belarus": ("Minsk", "Brest", "Grodno", "Vitebsk", "Gomel"),
    "Russia": ("Moscow", "St Petersburg", "Kaliningrad", "Smolensk", "Pskov"),
    "Ukraine": ("Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro"),
    "Poland": ("Warsaw", "Krakow", "Gdansk", "Bialystok", "Lublin"),
    "Lithuania": ("Vilnius", "Kaunas", "Klaipeda"),
    "Latvia": ("Riga", "Daugavpils", "Liepaja"),
    "Estonia": ("Tallinn", "Tartu", "Narva"),
    "Hungary": ("Budapest", "Debrecen", "Szeged"),
    "Serbia": ("Belgrade", "Novi Sad", "Nis"),
    "Georgia": ("Tbilisi", "Batumi", "Kutaisi"),
    "Armenia": ("Yerevan", "Gyumri"),
    "Moldova": ("Chisinau", "Balti"),
    "Kazakhstan": ("Astana", "Almaty", "Shymkent"),
    "Turkey": ("Ankara", "Istanbul", "Izmir"),
    "Romania": ("Bucharest", "Cluj-Napoca", "Iasi"),
    "Czech Republic": ("Prague", "Brno", "Ostrava"),
    "Germany": ("Berlin", "Hamburg", "Munich"),
    "France": ("Paris", "Lyon", "Marseille"),
    "Finland": ("Helsinki", "Tampere", "Turku"),
    "Azerbaijan": ("Baku", "Ganja"),
}
COUNTRY_NAMES = tuple(COUNTRIES)
CITIES = tuple(city for cities in COUNTRIES.values() for city in cities)
ADJECTIVES = {
    "Belarus": "Belarusian", "Russia": "Russian", "Ukraine": "Ukrainian", "Poland": "Polish",
    "Lithuania": "Lithuanian", "Latvia": "Latvian", "Estonia": "Estonian",
    "Hungary": "Hungarian", "Serbia": "Serbian", "Georgia": "Georgian", "Armenia": "Armenian",
    "Moldova": "Moldovan", "Kazakhstan": "Kazakh", "Turkey": "Turkish", "Romania": "Romanian",
    "Czech Republic": "Czech", "Germany": "German", "France": "French", "Finland": "Finnish",
    "Azerbaijan": "Azerbaijani",
}
PARTIES = (
    "People's Unity Party", "Democratic Alliance", "Civic Platform", "Labour Front",
    "National Renewal", "Green Coalition", "Social Democrats", "Freedom Movement",
    "Agrarian Union", "Reform Party", "Patriotic Bloc", "Independent",
)
MINISTRIES = (
    "Finance", "Health", "Education", "Defence", "Foreign Affairs", "Energy", "Transport",
    "Agriculture", "Justice", "Interior", "Economy", "Labour and Social Protection",
    "Digital Development", "Environment", "Information",
)
PERSON_TITLES = (
    "President of {country}", "Prime Minister of {country}", "Minister of {ministry}",
    "Deputy Minister of {ministry}", "Mayor of {city}", "Spokesperson, Ministry of {ministry}",
    "Member of Parliament", "Chair of the {party}", "Head of the State Border Committee",
    "Chief of the General Staff", "Chair of the Central Bank of {country}",
    "Presidential press secretary", "Speaker of Parliament", "Regional governor, {city} region",
)
BODY_NAMES = (
    ("{adj} Ministry of {ministry}", "the Ministry of {ministry}"),
    ("{adj} State Border Committee", "the Border Committee"),
    ("Central Election Commission of {country}", "the election commission"),
    ("National Statistics Office of {country}", "the statistics office"),
    ("Office of the President of {country}", "the presidential office"),
    ("{adj} Ministry of Defence", "the defence ministry"),
    ("{city} City Council", "the city council"),
    ("{adj} Central Bank", "the central bank"),
    ("{adj} State Security Committee", "the security service"),
    ("{adj} Prosecutor General's Office", "the prosecutor's office"),
)
OUTLETS = (
    ("El Pais", "elpais.com"), ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"),
    ("BBC News", "bbc.co.uk"), ("Deutsche Welle", "dw.com"), ("Radio Free Europe", "rferl.org"),
    ("Meduza", "meduza.io"), ("Belsat", "belsat.eu"), ("Kyiv Independent", "kyivindependent.com"),
    ("Politico Europe", "politico.eu"), ("Le Monde", "lemonde.fr"), ("Notes from Poland",
    "notesfrompoland.com"), ("LRT", "lrt.lt"), ("ERR News", "news.err.ee"), ("TASS", "tass.com"),
    ("BelTA", "belta.by"), ("Euronews", "euronews.com"), ("The Guardian", "theguardian.com"),
    ("Financial Times", "ft.com"), ("OC Media", "oc-media.org"), ("Balkan Insight",
    "balkaninsight.com"), ("Official website", "president.gov.by"), ("Parliament record",
    "parliament.example.org"), ("State television", "tvr.by"),
)
SOURCE_KINDS = ("article",) * 6 + ("transcript",) * 2 + ("video", "post", "document")

# -- the words statements are made of --------------------------------------------------
# topic -> (tags, things one promises, metrics, places something happens)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "economy": (("economy", "jobs"), (
        "{n},000 new jobs", "a new industrial park near {city}", "the special economic zone",
        "state support for small businesses", "the modernisation of our factories",
        "a car assembly plant in {city}"), ("growth", "unemployment", "industrial output")),
    "budget": (("budget", "taxes"), (
        "a balanced budget", "lower taxes for families", "the flat income tax of {n} percent",
        "an end to the budget deficit", "the reserve fund", "public sector wages"),
        ("the deficit", "public debt", "tax revenue")),
    "inflation": (("inflation", "economy"), (
        "stable prices for bread and milk", "a strong national currency",
        "price controls on basic goods", "the new exchange rate policy"),
        ("inflation", "food prices", "the exchange rate")),
    "pensions": (("pensions",), (
        "higher pensions from January", "the pension indexation", "a pension of at least "
        "{n}0 euros", "early retirement for miners and teachers"),
        ("the average pension", "the retirement age")),
    "health": (("health", "hospitals"), (
        "{n} new hospitals", "free medicines for pensioners", "a modern cancer centre in "
        "{city}", "vaccines for every child", "shorter waiting lists", "new ambulances for "
        "every district"), ("life expectancy", "infant mortality", "waiting times")),
    "education": (("education",), (
        "{n} new schools", "free school meals", "higher salaries for teachers",
        "a new university campus in {city}", "computers in every classroom",
        "the reform of entrance exams"), ("teacher salaries", "school enrolment")),
    "housing": (("housing",), (
        "{n},000 affordable homes", "cheap mortgages for young families",
        "the renovation of old apartment blocks", "rent controls in {city}",
        "social housing in every region"), ("house prices", "rents")),
    "energy": (("energy", "gas"), (
        "cheap gas for households", "the second reactor of the nuclear plant",
        "a new pipeline to {country}", "independence from imported electricity",
        "solar parks across the south", "the coal phase-out"), ("gas prices", "power cuts")),
    "climate": (("climate",), (
        "carbon neutrality", "{n} million new trees", "the closure of the oldest coal plants",
        "clean air in {city}", "electric buses in every city"), ("emissions", "air pollution")),
    "transport": (("transport", "roads", "railways"), (
        "the new motorway to {city}", "a high-speed railway to {country}",
        "the metro extension in {city}", "new trams for {city}", "the airport terminal",
        "repaired bridges on every main road"), ("travel times", "road deaths")),
    "agriculture": (("agriculture",), (
        "record harvests", "subsidies for farmers", "grain exports to {country}",
        "new irrigation canals", "protection for local farmers"), ("grain output", "food exports")),
    "water": (("water",), (
        "clean drinking water in every village", "the new sewage plant in {city}",
        "flood defences along the river"), ("water quality",)),
    "border": (("border", "migration"), (
        "a fence along the entire border", "new border crossings with {country}",
        "the reopening of the border", "order at the border", "faster customs checks"),
        ("illegal crossings", "queues at the border")),
    "military": (("military", "troops"), (
        "{n},000 more soldiers", "new air defence systems", "the modernisation of the army",
        "a joint air defence system with {country}", "a new medical kit for every soldier",
        "the return of all troops to their bases"), ("defence spending", "troop numbers")),
    "exercises": (("exercises", "troops"), (
        "the end of the joint exercises", "the withdrawal of foreign troops after the "
        "exercises", "transparency about the exercises", "the invitation of observers"),
        ("troop deployments",)),
    "war": (("war",), (
        "peace talks in {city}", "a ceasefire by the end of talks", "neutrality in the war",
        "no troops sent across the border", "humanitarian corridors"), ("casualties",)),
    "alliance": (("russia", "union state"), (
        "the integration programmes of the Union State", "a common currency with Russia",
        "a joint media holding", "a single energy market with Russia",
        "closer ties with our brothers in {country}"), ("trade with Russia",)),
    "media": (("media",), (
        "a free press", "the new state media holding", "licences for independent channels",
        "an end to fake news", "the protection of journalists"), ("press freedom",)),
    "elections": (("elections",), (
        "free and fair elections", "international observers at every polling station",
        "a new electoral law", "a referendum on the constitution", "early elections"),
        ("turnout",)),
    "corruption": (("corruption", "justice"), (
        "zero tolerance for corruption", "the anti-corruption court",
        "the prosecution of corrupt officials", "public asset declarations"),
        ("corruption cases",)),
    "justice": (("justice",), (
        "independent courts", "the release of political prisoners", "an amnesty",
        "the reform of the police", "a new criminal code"), ("prison numbers",)),
    "digital": (("digital",), (
        "fast internet in every village", "online public services", "a national IT park",
        "digital identity cards", "5G in {city}"), ("internet coverage",)),
}
TOPIC_NAMES = tuple(TOPICS)

WE = ("We", "Our team", "This administration", "The ministry", "Together we", "I",
      "The authorities", "Our party", "The cabinet", "Parliament")
GOV_WE = ("The government", "My government", "This government", "Our government")
GOV_SENTENCES = (
    "The government has already set aside the money.",
    "That is the firm position of the government.",
    "The government will report on this every quarter.",
    "Nobody in the government doubts it.",
    "The government has made its decision, and it is final.",
)
WILL = ("will deliver", "will build", "will guarantee", "will introduce", "will complete",
        "will launch", "will finish", "will secure", "will provide", "will open")
ACHIEVED = ("have delivered", "have built", "have introduced", "have completed",
            "have launched", "have secured", "have doubled", "have restored")
EXTRAS = (
    "This is what people asked us for.", "Nobody will be left behind.",
    "We have the money and the will.", "The opposition says otherwise, but the numbers "
    "speak for themselves.", "Our partners in {country} fully support this.",
    "I have instructed the ministers personally.", "Write it down and check me.",
    "There is no alternative.", "It will be done, whatever the critics say.",
    "Let nobody doubt it.", "The money is already in the budget.",
    "This is a matter of national security.", "We keep our word.",
    "Those who say it cannot be done should look at {city}.",
    "Foreign agents are spreading lies about this.", "I repeat it again today.",
    "Everyone in {city} can see the result.", "History will judge us.",
)
METRIC_MOVES = ("will fall below {n} percent", "will rise by {n} percent",
                "will double", "will be halved", "will reach record levels")
DENIALS = (
    "There are no plans to abandon {obj}.", "It is a lie that we have given up {obj}.",
    "Nobody has ever promised {obj}; that is a fabrication by the foreign press.",
    "Rumours about the cancellation of {obj} are a conspiracy theory.",
    "We have never tried to hide anything about {obj}.",
    "Not a single soldier or piece of equipment will remain after the exercises.",
    "There are no foreign troops on our territory, and there will be none.",
)
THREATS = (
    "If {country} continues its provocations, we will respond {when}.",
    "Any attempt to disrupt {obj} will be met with a tough response.",
    "If the sanctions are not lifted, we will cut the transit of goods to {country}.",
    "Those who stand in the way of {obj} will answer for it.",
    "We will close the border with {country} if we have to.",
)
ASSERTIONS = (
    "{we} {achieved} {obj}.", "In just a few months {we_lc} {achieved} {obj}.",
    "{metric_cap} fell by {n} percent last year, the best result in a decade.",
    "{metric_cap} is the lowest in the region.", "Thanks to our reforms, {obj} is now a reality.",
    "Nobody in Europe can match {obj} — look at {city}.",
    "You are doing the right thing with {obj}.",
)
PROMISES = (
    "{we} {will} {obj} {when}.", "I promise you: {obj}, {when}.",
    "{we} {will} {obj}, and I will personally make sure of it {when}.",
    "Our priority is clear — {obj} {when}, and not a day later.",
    "Therefore {obj} should be ready {when}, preferably sooner.",
    "{we} support and will continue to support {obj}.",
)
PREDICTIONS = (
    "{metric_cap} {move} {when}.", "I am confident that {obj} will be a reality {when}.",
    "Mark my words: {metric} {move} {when}.", "{city} will see {obj} {when}.",
)
RARE_SENTENCES = (
    "Even the {rare} programme in {city} will get its funding.",
    "And yes, the {rare} project is going ahead.",
    "People laughed at the {rare} plan, but it works.",
)
ORIGINALS = {
    "ru": ("Мы выполним все обещания в срок.", "Никто не останется без поддержки.",
           "Это вопрос национальной безопасности.", "Мы поддерживаем и будем поддерживать."),
    "uk": ("Ми виконаємо всі обіцянки вчасно.", "Ніхто не залишиться без підтримки."),
    "de": ("Wir halten unser Wort.", "Das Geld ist bereits im Haushalt vorgesehen."),
    "fr": ("Nous tiendrons parole.", "Personne ne sera laissé pour compte."),
    "pl": ("Dotrzymamy słowa.", "Pieniądze są już w budżecie."),
    "be": ("Мы выканаем усе абяцанні.", "Гэта пытанне нацыянальнай бяспекі."),
}
ORIGINAL_LANGUAGES = tuple(ORIGINALS)

EXPLICIT_CHECK_BY = 0.35  # share of deadlines typed as a date rather than a phrase
CHECK_BY_PHRASES = (
    "by the end of the year", "within six months", "next year", "by {year}",
    "in the first half of the year", "in the coming months", "by the end of June",
    "within two years", "soon", "by next spring", "this year", "in three weeks",
    "by Christmas", "by the end of next year", "within 18 months", "by the end of the decade",
    "in due course", "before the elections", "within a year", "by the autumn",
)
EXPECTATIONS = (
    "{obj_cap} is delivered, as shown by official statistics.",
    "Independent reporting confirms {obj}.",
    "{obj_cap} exists and is in use, not only announced.",
    "Budget documents show the money for {obj} was spent.",
    "Official data show {metric} moved as promised.",
    "Satellite imagery or on-site reporting confirms {obj}.",
)
RATIONALES = {
    "held": ("Official records published in {month} confirm {obj} on time.",
             "Independent reporting from {city} shows {obj} was delivered.",
             "Budget execution reports confirm the promise was kept."),
    "broken": ("By the check-by date {obj} had not happened; {outlet} reported the delay.",
               "The evidence contradicts the statement: {obj} was cancelled.",
               "Nothing of the kind was delivered; officials later admitted it."),
    "partly_held": ("Only part of {obj} was delivered by the deadline: about {share}.",
                    "Delivered late and smaller than promised."),
    "unverifiable": ("No independent data on {obj} has been published.",
                     "The claim cannot be checked: the figures are classified."),
}
EVIDENCE_TITLES = (
    "{agency} report on {topic}", "{outlet}: {obj_cap} delayed", "{outlet}: {obj_cap} opened",
    "Satellite images of {city}", "Budget execution report, {year}",
    "Parliamentary answer on {topic}", "Court ruling in {city}", "{agency} statistics for {year}",
)
EVIDENCE_SUMMARIES = (
    "The report published on {day} shows the state of {obj}.",
    "Reporters who visited {city} found that {obj} {status}.",
    "Figures for {year} show {metric} {move_past} compared with the year before.",
    "Officials confirmed in writing that {obj} {status}.",
    "Imagery from {day} shows activity around {city} consistent with the claim.",
)
STATUSES = ("had been completed", "was still under construction", "had not been started",
            "was cancelled without explanation", "was only partly finished")
STATUS_BY_VERDICT = {
    "held": ("had been completed", "was working as announced"),
    "broken": ("had not been started", "was cancelled without explanation"),
    "partly_held": ("was only partly finished", "was still under construction"),
}
SHARES = ("a quarter", "a third", "half", "two thirds", "three quarters")
MOVES_PAST = ("rose by {n} percent", "fell by {n} percent", "stayed flat", "doubled")
AGENCIES = ("National Statistics Office", "Court of Auditors", "World Bank", "IMF",
            "OSCE observers", "Transparency International", "UN agency", "Ministry of Finance")
NOTES = ("Directly addresses the promise.", "Dates match the deadline.",
         "Background only.", "Second source for the same event.",
         "Shows the opposite happened.", "Partial confirmation.")
COMMENTS = (
    "Checked against the evidence.", "Please add the original-language text.",
    "Is there a second source for this?", "The check-by date looks too generous.",
    "Ready for a second look.", "Rating looks right to me.",
    "Name the evidence that would show this.", "The quote is cut short; use the full sentence.",
    "Speaker attribution needs confirming.", "Confidence seems high for one source.",
    "Linked the statistics office data.", "Waiting for the annual report.",
)
FILLER = (
    "The statement was made at a press conference in {city}.",
    "Officials gave no further details.", "Critics in {country} called the plan unrealistic.",
    "The remarks were broadcast on state television.",
    "Analysts noted that similar promises were made before.",
    "The opposition demanded to see the figures.",
    "The meeting lasted more than two hours.",
    "Independent economists questioned the numbers.",
    "Diplomats from {country} attended the session.",
    "The speech covered {topic} and {topic2}.",
    "Journalists were not allowed to ask questions.",
    "The announcement came a week before the vote.",
)
HEADLINES = (
    "{speaker} promises {obj}", "{speaker} on {topic}: 'we keep our word'",
    "{speaker} denies reports on {topic}", "What {speaker} said about {topic}",
    "{speaker} threatens {country} over {topic}", "{speaker} addresses parliament on {topic}",
    "Transcript: {speaker}'s annual address", "{speaker} in {city}: {topic} and {topic2}",
)
USER_FIRST = ("Ana", "Rob", "Maya", "Rita", "Tomas", "Lena", "Omar", "Ines", "Pavel", "Sara",
              "Jonas", "Mila", "Karim", "Eva", "Nils", "Zoe", "Ivo", "Leah", "Marta", "Ben")
USER_LAST = ("Petrova", "Kessler", "Okafor", "Moreno", "Novak", "Berg", "Haddad", "Silva",
             "Orlov", "Lind", "Weber", "Costa", "Nair", "Kaur", "Dahl", "Fischer")


# -- helpers ---------------------------------------------------------------------------
class _Random(random.Random):
    """random.Random with cheaper choice and randrange: millions of calls add up."""

    def choice(self, seq):  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def randrange(self, start, stop=None):  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def randint(self, a, b):  # type: ignore[override]
        return a + int(self.random() * (b - a + 1))


_VERSION_4 = (0x4000 << 64) | (0x8000 << 48)
_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48))


def _id(rng: random.Random) -> str:
    """A random (version 4) UUID from `rng`: what domain.ids.new_id makes, reproducibly."""
    h = f"{(rng.getrandbits(128) & _VERSION_MASK) | _VERSION_4:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _stamp(day: date, rng: random.Random) -> str:
    """A created_at in the app's format (history.now()), on `day` in office hours."""
    return (f"{day.isoformat()}T{rng.randrange(7, 20):02d}:{rng.randrange(60):02d}:"
            f"{rng.randrange(60):02d}.{rng.randrange(1000):03d}+00:00")


def _day(offset: int) -> date:
    return START + timedelta(days=max(0, min(SPAN_DAYS, offset)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=None)
def _deadline(phrase: str, stated: date) -> str | None:
    due = resolve_deadline(phrase, stated).due
    return due.isoformat() if due else None


def _counts(n: int) -> dict[str, int]:
    return {
        "speakers": max(5, n // 50),
        "sources": max(3, n // 20),
        "evidence": max(5, n // 5),
        "analysts": max(3, min(20, n // 5_000)),
        "reviewers": max(2, min(10, n // 10_000)),
    }


# The other {slots} a template may have: (placeholder, name, how to fill it).
_SLOTS: tuple[tuple[str, str, Callable[[random.Random, str], Any]], ...] = (
    ("{n}", "n", lambda rng, topic: rng.randrange(2, 40)),
    ("{city}", "city", lambda rng, topic: rng.choice(CITIES)),
    ("{country}", "country", lambda rng, topic: rng.choice(COUNTRY_NAMES)),
    ("{move}", "move", lambda rng, topic: rng.choice(METRIC_MOVES).format(n=rng.randrange(2, 15))),
    ("{move_past}", "move_past",
     lambda rng, topic: rng.choice(MOVES_PAST).format(n=rng.randrange(2, 15))),
    ("{status}", "status", lambda rng, topic: rng.choice(STATUSES)),
    ("{will}", "will", lambda rng, topic: rng.choice(WILL)),
    ("{achieved}", "achieved", lambda rng, topic: rng.choice(ACHIEVED)),
    ("{agency}", "agency", lambda rng, topic: rng.choice(AGENCIES)),
    ("{outlet}", "outlet", lambda rng, topic: rng.choice(OUTLETS)[0]),
    ("{year}", "year", lambda rng, topic: str(rng.randrange(2015, 2027))),
    ("{topic}", "topic", lambda rng, topic: topic),
    ("{topic2}", "topic2", lambda rng, topic: rng.choice(TOPIC_NAMES)),
    ("{share}", "share", lambda rng, topic: rng.choice(SHARES)),
)


class _Generator:
    """Builds every row in memory, parents first, so approvals can hash their links."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = _Random(seed)
        self.counts = _counts(n)

    # -- small text pieces -------------------------------------------------------------
    def fill(self, template: str, topic: str, **extra: str) -> str:
        """Fill a template's {slots} with words about `topic`."""
        rng = self.rng
        metrics = TOPICS[topic][2]
        slots: dict[str, Any] = {}
        if "{obj" in template and "obj" not in extra:
            slots["obj"] = self.thing(topic)
            slots["obj_cap"] = _cap(slots["obj"])
        if "{metric" in template:
            metric = rng.choice(metrics)
            slots["metric"] = metric
            slots["metric_cap"] = _cap(metric)
        for key, name, make in _SLOTS:
            if key in template and name not in extra:
                slots[name] = make(rng, topic)
        slots.update(extra)
        return template.format(**slots)

    def thing(self, topic: str) -> str:
        """Something a speaker promises or denies about `topic`, its blanks filled."""
        rng = self.rng
        obj = rng.choice(TOPICS[topic][1])
        if "{" in obj:
            obj = obj.format(n=rng.randrange(2, 60), city=rng.choice(CITIES),
                             country=rng.choice(COUNTRY_NAMES))
        return obj

    # -- records -----------------------------------------------------------------------
    def users(self) -> list[dict]:
        rng = self.rng
        rows, names = [], set()
        for role, count in ((ANALYST, self.counts["analysts"]),
                            (REVIEWER, self.counts["reviewers"])):
            for _ in range(count):
                while True:
                    first, last = rng.choice(USER_FIRST), rng.choice(USER_LAST)
                    name = f"{first.lower()}.{last.lower()}"
                    if name not in names:
                        break
                names.add(name)
                rows.append({"id": _id(rng), "name": name, "display_name": f"{first} {last}",
                             "role": role, "active": 1,
                             "created_at": _stamp(START - timedelta(days=30), rng)})
        self.analysts = [u["id"] for u in rows if u["role"] == ANALYST]
        self.reviewers = [u["id"] for u in rows if u["role"] == REVIEWER]
        return rows

    def speakers(self) -> list[dict]:
        rng = self.rng
        rows, names = [], set()
        for _ in range(self.counts["speakers"]):
            country = rng.choice(COUNTRY_NAMES)
            city = rng.choice(COUNTRIES[country])
            fill = dict(country=country, city=city, adj=ADJECTIVES[country],
                        ministry=rng.choice(MINISTRIES), party=rng.choice(PARTIES))
            if rng.random() < 0.7:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                name = f"{first} {last}"
                if name in names:
                    name = f"{first} {rng.choice('ABDGKMNPSTV')}. {last}"
                aliases = [last, f"{first[0]}. {last}"]
                if rng.random() < 0.4:
                    aliases.append(f"{first.replace('ks', 'x').replace('i', 'y', 1)} {last}")
                title = rng.choice(PERSON_TITLES).format(**fill)
                if title.startswith("President of") and rng.random() < 0.5:
                    aliases.append("the president")
                row = dict(kind="person", title=title,
                           affiliation=rng.choice(PARTIES) if rng.random() < 0.6 else None)
            else:
                template, alias = rng.choice(BODY_NAMES)
                name = template.format(**fill)
                if name in names:
                    name = f"{name} ({city})"
                acronym = "".join(w[0] for w in name.split() if w[:1].isupper())
                aliases = [alias.format(**fill), acronym]
                row = dict(kind="body", title=None, affiliation=None)
            names.add(name)
            aliases = list(dict.fromkeys(a for a in aliases if a.lower() != name.lower()))
            row.update(id=_id(rng), name=name, aliases=json.dumps(aliases), country=country,
                       notes="Verified identity." if rng.random() < 0.1 else None,
                       merged_into=None, created_by=rng.choice(self.analysts))
            rows.append(row)
        # A few speakers say most things: Zipf-like weights for who said a statement.
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(rows))]
        rng.shuffle(weights)
        self.speaker_cum = list(_accumulate(weights))
        return rows

    def sources(self, speakers: list[dict]) -> list[dict]:
        rng = self.rng
        rows = []
        for _ in range(self.counts["sources"]):
            published = _day(rng.randrange(SPAN_DAYS + 1))
            outlet, domain = rng.choice(OUTLETS)
            topic = rng.choice(TOPIC_NAMES)
            speaker = rng.choices(speakers, cum_weights=self.speaker_cum)[0]
            title = self.fill(rng.choice(HEADLINES), topic, speaker=speaker["name"])
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:70].rstrip("-")
            rows.append({
                "id": _id(rng), "title": title, "outlet": outlet,
                "url": f"https://www.{domain}/{published.year}/{published.month:02d}/{slug}"
                       if rng.random() < 0.9 else None,
                "published_on": published.isoformat() if rng.random() < 0.95
                else published.isoformat()[:7],
                "language": rng.choice(("en",) * 8 + ("ru", "de")),
                "kind": rng.choice(SOURCE_KINDS), "full_text": None,
                "file_sha256": None, "file_name": None,
                "created_by": rng.choice(self.analysts),
                "_day": published, "_topic": topic, "_speaker": speaker,
            })
        return rows

    def quote(self, kind: str, topic: str, when: str, obj: str) -> str:
        rng = self.rng
        gov = rng.random() < 0.3
        template = rng.choice({"promise": PROMISES, "prediction": PREDICTIONS,
                               "denial": DENIALS, "threat": THREATS,
                               "assertion": ASSERTIONS}[kind])
        we = rng.choice(GOV_WE if gov else WE)
        when = when or rng.choice(("soon", "this year", "without delay", "as agreed"))
        text = self.fill(template, topic, when=when, obj=obj, obj_cap=_cap(obj),
                         we=we, we_lc=we if we == "I" else we[0].lower() + we[1:])
        if gov and "{we" not in template:
            text += " " + rng.choice(GOV_SENTENCES)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            text += " " + self.fill(rng.choice(EXTRAS), topic)
        return text

    def statements(self, speakers: list[dict], sources: list[dict]) -> list[dict]:
        rng = self.rng
        rows = []
        sp_cum = self.speaker_cum
        for _ in range(self.n):
            source = rng.choice(sources) if rng.random() < 0.9 else None
            if source is not None:
                speaker = source["_speaker"] if rng.random() < 0.6 else \
                    rng.choices(speakers, cum_weights=sp_cum)[0]
                topic = source["_topic"] if rng.random() < 0.6 else rng.choice(TOPIC_NAMES)
                day = source["_day"] - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3, 7)))
                day = max(day, START)
            else:
                speaker = rng.choices(speakers, cum_weights=sp_cum)[0]
                topic = rng.choice(TOPIC_NAMES)
                day = _day(rng.randrange(SPAN_DAYS + 1))
            r = rng.random()
            if r < 0.78:
                stated_on, precision, first = day.isoformat(), "day", day
            elif r < 0.95:
                stated_on, precision = day.isoformat()[:7], "month"
                first = day.replace(day=1)
            else:
                stated_on, precision, first = str(day.year), "year", day.replace(month=1, day=1)
            # opinions (a later kind) are left out so a seed gives the same records as before
            kind = rng.choices(rec.KINDS[:5], weights=(38, 14, 14, 26, 8))[0]
            wants_deadline = rng.random() < {"promise": 0.85, "prediction": 0.8,
                                             "threat": 0.5, "denial": 0.35,
                                             "assertion": 0.08}[kind]
            check_by = phrase = None
            if wants_deadline:
                if rng.random() < EXPLICIT_CHECK_BY:
                    check_by = (first + timedelta(days=rng.randrange(30, 900))).isoformat()
                else:
                    phrase = rng.choice(CHECK_BY_PHRASES).format(
                        year=first.year + rng.randrange(1, 5))
                    check_by = _deadline(phrase, first)
            when = phrase if phrase and kind in ("promise", "prediction", "threat") else ""
            obj = self.thing(topic)
            quote = self.quote(kind, topic, when, obj)
            expectation = None
            if check_by or phrase or rng.random() < 0.15:
                expectation = self.fill(rng.choice(EXPECTATIONS), topic, obj=obj,
                                        obj_cap=_cap(obj))
            language = original = None
            if rng.random() < 0.08:
                language = rng.choice(ORIGINAL_LANGUAGES)
                original = " ".join(rng.sample(ORIGINALS[language],
                                               min(2, len(ORIGINALS[language]))))
            tags = set(rng.sample(TOPICS[topic][0], rng.randint(1, len(TOPICS[topic][0]))))
            if rng.random() < 0.3:
                tags.add(rng.choice(TAGS))
            author = rng.choice(self.analysts)
            created = min(day + timedelta(days=rng.randrange(0, 21)), END)
            rows.append({
                "id": _id(rng), "quote": quote, "original_text": original,
                "original_language": language, "speaker_id": speaker["id"],
                "stated_on": stated_on, "stated_precision": precision,
                "stated_sort": first.isoformat(),
                "source_id": source["id"] if source else None,
                "source_start": None, "source_end": None,
                "location": rng.choice(CITIES) if rng.random() < 0.4 else None,
                "kind": kind, "tags": json.dumps(sorted(tags)), "expectation": expectation,
                "check_by": check_by, "check_by_phrase": phrase,
                "verdict": PENDING, "verdict_rationale": None, "verdict_confidence": None,
                "review_state": DRAFT, "assignee_id": None, "last_editor_id": author,
                "approved_hash": None, "approved_by": None, "approved_at": None,
                "approved_signature": None,
                "created_at": _stamp(created, rng), "created_by": author,
                "_topic": topic, "_obj": obj, "_day": day, "_source": source,
            })
        # Rare words: each in a handful of quotes, however many statements there are.
        for term in RARE_TERMS:
            for row in rng.sample(rows, min(len(rows), rng.randint(2, 6))):
                row["quote"] += " " + rng.choice(RARE_SENTENCES).format(
                    rare=term, city=rng.choice(CITIES))
        return rows

    def source_texts(self, sources: list[dict], statements: list[dict]) -> None:
        """A few paragraphs per source, quoting up to four of its statements verbatim."""
        rng = self.rng
        quoted: dict[str, list[dict]] = defaultdict(list)
        for row in statements:
            source = row["_source"]
            if source is not None and len(quoted[source["id"]]) < 4 and rng.random() < 0.5:
                quoted[source["id"]].append(row)
        for source in sources:
            topic = source["_topic"]
            waiting = list(quoted.get(source["id"], ()))
            parts: list[str] = []
            length = 0  # where the next paragraph starts in "\n\n".join(parts)

            def add(paragraph: str) -> None:
                nonlocal length
                parts.append(paragraph)
                length += len(paragraph) + 2

            paragraphs = rng.randint(3, 6)
            for i in range(paragraphs):
                add(" ".join(self.fill(line, topic)
                             for line in rng.sample(FILLER, rng.randint(2, 5))))
                while waiting and (i > 0 or rng.random() < 0.5 or i == paragraphs - 1):
                    row = waiting.pop(0)
                    lead = rng.choice(("He said", "She said", "The statement read",
                                       "It added", "The speaker told reporters")) + ': "'
                    row["source_start"] = length + len(lead)
                    row["source_end"] = row["source_start"] + len(row["quote"])
                    add(f'{lead}{row["quote"]}"')
                    if rng.random() < 0.6:
                        break
            source["full_text"] = "\n\n".join(parts)

    def assess(self, statements: list[dict]) -> None:
        """Verdicts and review states; rated statements mostly have a deadline behind them."""
        rng = self.rng
        end = END.isoformat()
        for row in statements:
            check_by = row["check_by"]
            if check_by and check_by < end:
                weights = (45, 20, 10, 18, 7)
            elif check_by:
                weights = (95, 2, 1, 1, 1)
            else:
                weights = (75, 8, 4, 7, 6)
            verdict = rng.choices(("pending", "held", "partly_held", "broken", "unverifiable"),
                                  weights=weights)[0]
            row["verdict"] = verdict
            if verdict == PENDING:
                row["review_state"] = rng.choices((DRAFT, IN_REVIEW, CHANGES_REQUESTED),
                                                  weights=(82, 12, 6))[0]
            else:
                row["verdict_rationale"] = self.fill(
                    rng.choice(RATIONALES[verdict]), row["_topic"], obj=row["_obj"],
                    month=_day((row["_day"] - START).days + rng.randrange(30, 700))
                    .strftime("%B %Y"))
                row["verdict_confidence"] = round(rng.uniform(0.5, 0.99), 2)
                row["review_state"] = rng.choices(
                    (APPROVED, IN_REVIEW, CHANGES_REQUESTED, DRAFT), weights=(55, 20, 10, 15))[0]

    def evidence(self, statements: list[dict], sources: list[dict]) -> tuple[list, list]:
        rng = self.rng
        by_speaker: dict[str, list[dict]] = defaultdict(list)
        for row in statements:
            by_speaker[row["speaker_id"]].append(row)
        rated = [r for r in statements if r["verdict"] != PENDING]
        rng.shuffle(rated)
        # Statements whose verdict needs a stance go first, so each gets its link.
        queue = [r for r in rated if r["verdict"] in ("held", "broken")] + \
                [r for r in rated if r["verdict"] not in ("held", "broken")]
        items, links, pairs = [], [], set()
        for i in range(self.counts["evidence"]):
            primary = queue[i] if i < len(queue) else rng.choice(statements)
            topic = primary["_topic"]
            occurred = _day((primary["_day"] - START).days + rng.randrange(5, 700))
            author = rng.choice(self.analysts)
            created = min(occurred + timedelta(days=rng.randrange(0, 30)), END)
            source = rng.choice(sources) if rng.random() < 0.4 else None
            item = {
                "id": _id(rng),
                "occurred_on": occurred.isoformat() if rng.random() < 0.85
                else occurred.isoformat()[:7],
                "title": self.fill(rng.choice(EVIDENCE_TITLES), topic, year=str(occurred.year),
                                   obj=primary["_obj"], obj_cap=_cap(primary["_obj"]))
                if rng.random() < 0.9 else None,
                "summary": " ".join(self.fill(line, topic, day=f"{occurred:%d %B %Y}",
                                              obj=primary["_obj"],
                                              status=rng.choice(STATUS_BY_VERDICT.get(
                                                  primary["verdict"], STATUSES)))
                                    for line in rng.sample(EVIDENCE_SUMMARIES,
                                                           rng.randint(1, 3))),
                "excerpt": self.fill(rng.choice(FILLER), topic) if rng.random() < 0.4 else None,
                "source_id": source["id"] if source else None,
                "url": f"https://data.example.org/{occurred.year}/{rng.randrange(10**6):06d}"
                if rng.random() < 0.3 else None,
                "created_by": author, "created_at": _stamp(created, rng),
            }
            items.append(item)
            targets = [primary]
            for _ in range(rng.choices((0, 1, 2), weights=(60, 30, 10))[0]):
                pool = by_speaker[primary["speaker_id"]]
                targets.append(rng.choice(pool if len(pool) > 1 and rng.random() < 0.7
                                          else statements))
            for k, statement in enumerate(targets):
                if (statement["id"], item["id"]) in pairs:
                    continue
                pairs.add((statement["id"], item["id"]))
                verdict = statement["verdict"]
                if k == 0 and verdict == "held":
                    stance = "supports"
                elif k == 0 and verdict == "broken":
                    stance = "contradicts"
                elif verdict == "held":
                    stance = rng.choices(rec.STANCES, weights=(80, 0, 20))[0]
                elif verdict == "broken":
                    stance = rng.choices(rec.STANCES, weights=(0, 80, 20))[0]
                elif verdict == "unverifiable":
                    stance = "context"
                else:
                    stance = rng.choices(rec.STANCES, weights=(35, 25, 40))[0]
                links.append({
                    "id": _id(rng), "statement_id": statement["id"], "evidence_id": item["id"],
                    "stance": stance, "note": rng.choice(NOTES) if rng.random() < 0.3 else None,
                    "created_by": author,
                    "created_at": _stamp(max(created, _created_day(statement)), rng),
                })
        return items, links

    def review(self, statements: list[dict], links: list[dict],
               evidence: list[dict]) -> tuple[list, list]:
        """Approvals bound to content, links and linked evidence; verdict history; comments."""
        rng = self.rng
        content = {item["id"]: {f: item.get(f) for f in rec.EVIDENCE_CONTENT_FIELDS}
                   for item in evidence}
        by_statement: dict[str, list[dict]] = defaultdict(list)
        for link in links:
            by_statement[link["statement_id"]].append(link)
        verdicts, comments = [], []
        required = {"held": "supports", "broken": "contradicts"}
        for row in statements:
            own = by_statement.get(row["id"], ())
            last_day = max([_created_day(row)] + [_created_day(link) for link in own])
            need = required.get(row["verdict"])
            if row["review_state"] == APPROVED and need and \
                    not any(link["stance"] == need for link in own):
                row["review_state"] = IN_REVIEW  # could not have been approved yet
            if row["verdict"] != PENDING:
                rated_day = _later(last_day, row["check_by"], rng)
                if rng.random() < 0.25:  # an earlier, different rating revised since
                    first = rng.choice([v for v in RATIONALES if v != row["verdict"]])
                    verdicts.append({
                        "id": _id(rng), "statement_id": row["id"], "verdict": first,
                        "rationale": "First assessment, revised after new evidence.",
                        "confidence": round(rng.uniform(0.3, 0.7), 2),
                        "created_by": row["last_editor_id"], "created_at": _stamp(rated_day, rng),
                    })
                    rated_day = min(rated_day + timedelta(days=rng.randrange(1, 90)), END)
                verdicts.append({
                    "id": _id(rng), "statement_id": row["id"], "verdict": row["verdict"],
                    "rationale": row["verdict_rationale"],
                    "confidence": row["verdict_confidence"],
                    "created_by": row["last_editor_id"], "created_at": _stamp(rated_day, rng),
                })
                last_day = rated_day
            state = row["review_state"]
            reviewer = rng.choice(self.reviewers)
            if state == APPROVED:
                approved_day = min(last_day + timedelta(days=rng.randrange(0, 20)), END)
                row["approved_by"] = reviewer
                row["approved_at"] = _stamp(approved_day, rng)
                row["approved_hash"] = rec.content_hash(
                    row, [{**link, **content[link["evidence_id"]]} for link in own])
                if rng.random() < 0.3:
                    comments.append(self._comment(row, reviewer, "Checked against the evidence.",
                                                  approved_day))
            elif state == IN_REVIEW:
                row["assignee_id"] = reviewer if rng.random() < 0.6 else None
                if rng.random() < 0.3:
                    comments.append(self._comment(row, row["last_editor_id"],
                                                  "Ready for a second look.", last_day))
            elif state == CHANGES_REQUESTED:
                row["assignee_id"] = row["last_editor_id"]
                comments.append(self._comment(row, reviewer, rng.choice(COMMENTS), last_day))
            elif rng.random() < 0.2:
                row["assignee_id"] = rng.choice(self.analysts)
            if rng.random() < 0.05:
                author = rng.choice(self.analysts + self.reviewers)
                comments.append(self._comment(row, author, rng.choice(COMMENTS), last_day))
        return verdicts, comments

    def _comment(self, row: dict, user_id: str, body: str, day: date) -> dict:
        rng = self.rng
        return {"id": _id(rng), "statement_id": row["id"], "user_id": user_id, "body": body,
                "created_by": user_id,
                "created_at": _stamp(min(day + timedelta(days=rng.randrange(0, 5)), END), rng)}


def _accumulate(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _created_day(row: dict) -> date:
    return date.fromisoformat(row["created_at"][:10])


def _later(day: date, check_by: str | None, rng: random.Random) -> date:
    """When a rating was given: after the record existed and, usually, after its deadline."""
    if check_by and check_by > day.isoformat() and rng.random() < 0.9:
        day = date.fromisoformat(check_by)
    return min(day + timedelta(days=rng.randrange(1, 60)), END)


def _insert(store, table: str, rows: list[dict], names: dict[str, str],
            signers: dict[str, sig.Signer]) -> None:
    """Insert in created_at order, a month at a time, each as its authors.

    Every row must have the same keys (insert_many takes the columns of the
    first row). The history of each month's batch is stamped with its latest
    created_at, so history times follow the records' own; each author's rows of
    up to TRANSACTION_ROWS rows are one transaction, signed with that author's key
    as the app signs every write.
    """
    rows = sorted(rows, key=lambda r: r["created_at"])
    batches: list[list[dict]] = []
    for row in rows:
        if not batches or len(batches[-1]) >= BATCH or \
                batches[-1][0]["created_at"][:7] != row["created_at"][:7]:
            batches.append([])
        batches[-1].append(row)
    done = 0
    while done < len(batches):
        chunk, written = [], 0
        while done < len(batches) and written < TRANSACTION_ROWS:
            chunk.append(batches[done])
            written += len(batches[done])
            done += 1
        authors = sorted({row["created_by"] for batch in chunk for row in batch})
        for author in authors:
            with store.transaction() as db:
                store.signer = signers[author]
                for batch in chunk:
                    own = [row for row in batch if row["created_by"] == author]
                    if own:
                        records.insert_many(db, table, own, actor=Actor(author, names[author]),
                                            at=batch[-1]["created_at"])


def _sign_up(ws: Workspace, users: list[dict],
             statements: list[dict]) -> tuple[dict[str, sig.Signer], dict[str, sig.SealedKey]]:
    """Keys for the generated users, and their reviewers' signatures on the approvals."""
    signers = {ws.user.id: ws.store.signer}
    sealed = {}
    for row in users:
        signers[row["id"]], sealed[row["id"]] = sig.new_key(row["id"], PASSPHRASE,
                                                            cost=sig.TEST_ONLY)
        row["public_key"] = signers[row["id"]].public_key
    workspace_id = signing.identity(ws.store.db).workspace_id
    for row in statements:
        if row["approved_hash"]:
            row["approved_signature"] = signers[row["approved_by"]].sign(sig.approval_message(
                workspace_id, row["id"], row["approved_hash"], row["approved_by"],
                row["approved_at"]))
    return signers, sealed


def _public(rows: list[dict]) -> list[dict]:
    """Rows without the generator's private "_" keys."""
    if not rows:
        return rows
    keys = [k for k in rows[0] if not k.startswith("_")]
    if len(keys) == len(rows[0]):
        return rows
    return [{k: row[k] for k in keys} for row in rows]


def make_workspace(path: Path, n: int, *, seed: int = 1,
                   log: Callable[[str], None] | None = None) -> Path:
    """Write a new workspace of `n` statements at `path` (which must not exist yet).

    Reproducible: the same `n` and `seed` give the same records. `log`, when
    given, receives one line per phase with its elapsed time.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    collecting = gc.isenabled()
    gc.disable()  # millions of small, long-lived objects: the collector only slows this down
    try:
        return _make(Path(path), n, seed, log)
    finally:
        if collecting:
            gc.enable()


def _make(path: Path, n: int, seed: int, log: Callable[[str], None] | None) -> Path:
    began = time.perf_counter()

    def step(message: str) -> None:
        if log:
            log(f"{time.perf_counter() - began:7.1f}s  {message}")

    gen = _Generator(n, seed)
    users = gen.users()
    speakers = gen.speakers()
    for row in speakers:  # speakers exist from before their first reported statement
        row["created_at"] = _stamp(START - timedelta(days=gen.rng.randrange(1, 20)), gen.rng)
    sources = gen.sources(speakers)
    statements = gen.statements(speakers, sources)
    gen.source_texts(sources, statements)
    for row in sources:
        row["created_at"] = _stamp(min(row["_day"] + timedelta(days=gen.rng.randrange(0, 4)),
                                       END), gen.rng)
    gen.assess(statements)
    evidence, links = gen.evidence(statements, sources)
    verdicts, comments = gen.review(statements, links, evidence)
    step(f"generated {n:,} statements, {len(speakers):,} speakers, {len(sources):,} sources, "
         f"{len(evidence):,} evidence, {len(links):,} links, {len(verdicts):,} verdicts, "
         f"{len(comments):,} comments, {len(users):,} users")

    ws = Workspace.create(path, admin="admin", display_name="Workspace Admin",
                          passphrase=PASSPHRASE)
    try:
        store = ws.store
        # Bulk load on this connection only: a big page cache, and no journal while the
        # brand-new file fills (a crash leaves a half-made file to regenerate anyway).
        # Transactions, triggers and the history chain are exactly as the app writes them.
        store.db.execute("PRAGMA cache_size = -524288")  # 512 MB
        store.db.execute("PRAGMA journal_mode = OFF")
        store.db.execute("PRAGMA synchronous = OFF")
        names = {u["id"]: u["name"] for u in users}
        names[ws.user.id] = ws.user.name
        for row in users:
            row["created_by"] = ws.user.id
        signers, sealed = _sign_up(ws, users, statements)
        for table, rows in (("users", users), ("speakers", speakers), ("sources", sources),
                            ("statements", statements), ("evidence", evidence),
                            ("links", links), ("verdicts", verdicts), ("comments", comments)):
            _insert(store, table, _public(rows), names, signers)
            step(f"inserted {len(rows):,} {table}")
        with store.transaction() as db:  # sealed keys are not history: nothing to sign
            for user_id, key in sealed.items():
                signing.save_key(db, user_id, key)
        store.db.execute("PRAGMA synchronous = NORMAL")
        store.db.execute("PRAGMA journal_mode = WAL")  # as every workspace is opened
    finally:
        ws.close()
    step("closed")
    return path


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the .factcheck file to create")
    parser.add_argument("-n", type=int, default=100_000, help="number of statements")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true",
                        help="replace an existing workspace at PATH (and its side folders)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    path: Path = args.path
    if path.exists():
        if not args.force:
            print(f"{path} exists; pass --force to replace it", file=sys.stderr)
            return 2
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm"), path):
            extra.unlink(missing_ok=True)
        for folder in (files_dir_for(path), backups_dir_for(path)):
            shutil.rmtree(folder, ignore_errors=True)
    began = time.perf_counter()
    make_workspace(path, args.n, seed=args.seed, log=None if args.quiet else print)
    elapsed = time.perf_counter() - began
    size = _size(path)
    print(f"{path}: {args.n:,} statements in {elapsed:.1f} s, "
          f"{size / 1e6:,.1f} MB ({size / args.n:,.0f} bytes per statement)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
