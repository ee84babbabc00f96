"""Word lists for news attribution: speech verbs, titles, organisation and function words."""
from __future__ import annotations

import re

# inflected speech verbs (bare forms are left out: in news copy they are mostly nouns or
# infinitives)
SPEECH_VERBS: frozenset[str] = frozenset("""
said says saying told tells telling wrote writes writing added adds adding stated states stating
tweeted tweets testified testifies testifying asked asks explained explains explaining noted
noting warned warns warning argued argues arguing insisted insists insisting claimed declared
declares declaring announced announces acknowledged acknowledges acknowledging admitted admits
alleged alleges alleging called lamented laments complained complains denounced denounces
blamed blames recalled recalls recalling replied replies responded responds remarked observed
conceded concedes urged urges urging emphasized emphasised stressed posted reiterated reiterates
promised vowed vows predicted suggested suggests contended contends countered shouted chanted
cried pleaded implored accused accuses described describes labeled labelled dubbed branded
termed characterized criticized criticised praised hailed assailed decried blasted slammed
slams asserted asserts assured confirmed confirms denied denies demanded boasted bragged joked
quipped mused cautioned advised threatened retorted snapped whispered yelled screamed exclaimed
advocated mocked revealed reported commented spoke speaks maintained concluded continued
continues proclaimed recounted touted pledged according dismissed dismisses ruled found
""".split())

# words that may sit between a subject and its speech verb
AUX_ADVERBS = frozenset("""
also allegedly reportedly then later previously recently earlier further again once repeatedly
already has have had was were is are would will could had also publicly privately simply only
flatly firmly angrily bluntly quickly immediately initially subsequently frequently often
separately similarly likewise herself himself themselves itself personally directly
""".split())

PRONOUNS_PERSON = frozenset({"he", "she"})
PRONOUNS_GROUP = frozenset({"they", "it", "we"})

# honorifics and job titles written before a name ("Sen. Ben Sasse", "Press Secretary ...")
TITLE_WORDS = frozenset("""
president vice press secretary sen senator rep representative gov governor lt col colonel gen
general maj major capt captain sgt sergeant adm admiral cmdr commander dr doctor mr mrs ms mx
miss prof professor rev reverend ambassador attorney chairman chairwoman chair chairperson speaker
minister prime chancellor judge justice officer director chief commissioner mayor superintendent
deputy assistant acting special counsel agent detective sheriff inspector leader majority minority
whip congressman congresswoman councilman councilwoman councillor councilor delegate envoy
adviser advisor spokesman spokeswoman spokesperson executive ceo cfo coo founder coach pope king
queen prince princess sir dame lord lady sheikh emir bishop cardinal rabbi imam premier foreign
interior defense defence health finance economy treasurer treasury comptroller auditor lieutenant
private corporal marshal first dean provost principal chairs editor correspondent analyst
economist official officials ambassador-at-large dep asst supt atty cmsr insp det pres
""".split())

HONORIFICS = frozenset("mr mrs ms mx miss dr prof sir dame lord lady rev".split())

NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"})
NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "del", "della", "la", "le",
                            "du", "dos", "der", "den", "ten", "ter", "ibn", "el", "di", "y", "st."})
NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "&"})

# a capitalised run containing one of these names a body, not a person
ORG_WORDS = frozenset("""
committee office department agency council association union party ministry court police service
services commission bureau administration government senate congress parliament institute
university college school schools group company inc inc. corp corp. corporation foundation center
centre times news network organization organisation authority board bank fund federation league
coalition alliance army navy forces force guard patrol protection security house kremlin pentagon
reuters press post journal tribune herald gazette telegraph club team ltd llc co. co plc campaign
caucus assembly legislature cabinet embassy consulate mission directorate secretariat command
corps academy hospital clinic church charity trust fund commission tribunal
intelligence coalition watch project initiative society institute united city fc club
airlines airways motors brands holdings partners capital securities labs systems technologies
treasury exchequer duma rada knesset bundestag
chiefs confederation resources industries mining minerals petroleum pharmaceuticals logistics
utilities water fleet
""".split())

# common nouns that name a body when used as speakers ("the agency said")
GENERIC_BODY_NOUNS = frozenset("""
agency office committee body department ministry group organization organisation company government
administration council commission bureau court police union party campaign firm team board
authority authorities embassy kremlin white house military army service
""".split())

# nouns for documents that "say" things on behalf of whoever issued them
DOCUMENT_NOUNS = frozenset("""
statement letter release report filing complaint indictment memo memorandum lawsuit document
documents records affidavit email e-mail post tweet message note announcement communique
communiqué notice petition ruling order motion
""".split())

# heads of common-noun speakers that stand for one person holding a role
ROLE_NOUNS = frozenset("""
president governor senator minister spokesman spokeswoman spokesperson ambassador envoy chairman
chairwoman chair secretary mayor judge prosecutor attorney official director chief leader speaker
premier chancellor king queen prince commander general colonel officer superintendent
commissioner lawyer representative congressman congresswoman sheriff adviser advisor head
counsel founder executive ceo principal coach manager boss pope
""".split())

# group nouns that news copy uses interchangeably for the same speakers
GROUP_SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "doctors physicians medics", "lawmakers legislators", "protesters demonstrators",
    "soldiers troops", "officers police policemen", "researchers scientists",
    "prosecutors prosecution", "officials authorities", "residents locals",
    "activists campaigners", "workers employees staff staffers", "experts analysts",
))

SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative",
                          "official", "officials", "source", "sources", "aide", "spokespeople"})

DETERMINERS = frozenset("""
the a an this that these those his her its their our my your both another one two three four
five six seven eight nine ten several some many most all each every other such
""".split())

# capitalised at the start of a sentence without being a name
FUNCTION_WORDS = frozenset("""
the a an this that these those his her its their our my your in on at by for with from to of and
but or yet so as if when while after before since although though because despite during also
however meanwhile still even just then there here it he she they we i you what which who whom
whose where why how some many most several all each every both no not nor only more less
another other such said says according last next first earlier later today yesterday tonight
now once over under about against among between into through upon within without amid
instead nearly roughly about almost sometimes asked told former
""".split())

CLAUSE_BOUNDARY_WORDS = frozenset("""
that which who whom whose when where while because although though if whether since after what how
why
before as and but or so than until unless once whereas saying adding
""".split())

PREPOSITIONS = frozenset("""
to in at on during after before for from with about as while when outside inside near through
throughout via under over into onto upon against among amid following despite since until by
""".split())

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sen rep gov gen lt col sgt capt maj adm cmdr jr sr st mt ft rev hon
inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e
a.m p.m d.c dept univ assn ave blvd est approx fig op pres supt atty
""".split())

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

STOPWORDS = {
    "en": set("the and of to in is that for it was on with he as said by at from his an be have "
              "has are this which not but they were had her she their been who would will".split()),
    "es": set("el la de que y en los del se las por un para con una su al lo como más pero sus "
              "le ya o fue este ha sí porque esta entre cuando muy sin sobre también".split()),
    "fr": set("le la les de des et en un une du que qui dans pour pas sur au avec il elle est "
              "sont ce ne se plus par mais ou ont été".split()),
    "de": set("der die das und den dem des ist nicht ein eine zu mit sich auf für von im sie "
              "es auch als an wird bei hat aus nach".split()),
    "it": set("il la di che e le un una per non sono del della in con si gli ha da dei nel al "
              "anche come ma più delle".split()),
    "pt": set("o a de que e do da em um uma para com não os as no na por mais dos das se foi "
              "como mas ao ele ela".split()),
    "ru": set("и в не на что с по он как а к это из у за от о так для его она они был была "
              "было же бы до также что но при после уже".split()),
    "uk": set("і в не на що з та до як за від у це його вона вони був була також але що при "
              "після вже й чи".split()),
}

WORD_RE = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*", re.UNICODE)


def is_speech_verb(word: str) -> bool:
    """True for an inflected speech verb such as "said", "tweeted", "according"."""
    return word.lower() in SPEECH_VERBS
