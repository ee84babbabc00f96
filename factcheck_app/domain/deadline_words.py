"""Vocabulary tables, and regex fragments built from them, for the ``deadlines`` resolver."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4,
    "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100,
}

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}

# unit word -> (relativedelta keyword, multiplier); "bday" counts Monday-Friday.
UNITS: dict[str, tuple[str, int]] = {
    "hour": ("hours", 1), "hr": ("hours", 1),
    "day": ("days", 1), "business day": ("bdays", 1), "working day": ("bdays", 1),
    "week": ("weeks", 1), "wk": ("weeks", 1), "fortnight": ("weeks", 2),
    "month": ("months", 1), "mth": ("months", 1), "mo": ("months", 1),
    "quarter": ("months", 3), "year": ("years", 1), "yr": ("years", 1),
    "decade": ("years", 10),
}

# Meteorological northern seasons: season -> (first month, last month).
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
    "winter": (12, 2),
}

# Fixed-date holidays: name -> (month, day, label).  Easter and Thanksgiving are computed.
HOLIDAYS: dict[str, tuple[int, int, str]] = {
    "christmas": (12, 25, "Christmas Day"), "christmas day": (12, 25, "Christmas Day"),
    "xmas": (12, 25, "Christmas Day"), "christmas eve": (12, 24, "Christmas Eve"),
    "boxing day": (12, 26, "Boxing Day"),
    "new year": (12, 31, "New Year's Eve"), "new years": (12, 31, "New Year's Eve"),
    "new year's": (12, 31, "New Year's Eve"), "new year's eve": (12, 31, "New Year's Eve"),
    "new years eve": (12, 31, "New Year's Eve"), "new year's day": (1, 1, "New Year's Day"),
    "new years day": (1, 1, "New Year's Day"), "halloween": (10, 31, "Halloween"),
    "valentine's day": (2, 14, "Valentine's Day"), "valentines day": (2, 14, "Valentine's Day"),
}
MOVABLE_HOLIDAYS: tuple[str, ...] = (
    "easter", "easter sunday", "easter monday", "good friday", "thanksgiving",
)

# Whole phrases that promise something but name no checkable date.
VAGUE_PHRASES: frozenset[str] = frozenset({
    "soon", "very soon", "quite soon", "shortly", "soon enough", "sooner or later",
    "sooner rather than later", "as soon as possible", "asap", "as soon as practicable",
    "as soon as practical", "as quickly as possible", "as fast as possible",
    "at the earliest opportunity", "at the first opportunity", "eventually",
    "ultimately", "in due course", "due course", "in due time", "in good time",
    "at some point", "at some stage", "at a later date", "at a later stage",
    "at a later time", "some time", "sometime", "someday", "some day", "one day",
    "one of these days", "before long", "in the near future", "near future",
    "in the not too distant future", "in the foreseeable future", "in the future",
    "in future", "the future", "in the near term", "in the short term",
    "in the medium term", "in the long term", "in the longer term", "in the long run",
    "near term", "short term", "medium term", "long term", "over time", "in time",
    "later", "later on", "imminently", "imminent", "any day now", "any time now",
    "any minute now", "presently", "quickly", "promptly", "immediately",
    "right away", "straight away", "straightaway", "forthwith", "without delay",
    "at once", "in a timely manner", "in a timely fashion", "when possible",
    "whenever possible", "when ready", "when appropriate", "when the time is right",
    "in the fullness of time", "down the line", "down the road", "going forward",
    "in the years to come", "in the months to come", "in the weeks to come",
    "in the days to come", "until further notice", "indefinitely", "ongoing",
    "open ended", "no date", "no deadline", "no timeframe", "no time frame",
    "unspecified", "not specified", "tbd", "tba", "tbc", "to be determined",
    "to be announced", "to be confirmed", "in our lifetime", "in my lifetime",
    "in the fullness of time", "not long", "not long now", "before too long",
    "in a little while", "in a while", "after a while", "at a future date",
})

# Words an analyst may type around the date itself; stripped before parsing.
PREFIX_FILLERS: tuple[str, ...] = (
    "no later than", "not later than", "no later", "not later", "at the latest by",
    "at the latest", "latest by", "on or before", "at or before", "by or before",
    "before or on", "in time for", "prior to", "ahead of", "up until", "up to",
    "by", "before", "until", "till", "til", "preferably", "ideally", "hopefully",
    "possibly", "probably", "likely", "perhaps", "maybe", "sometime", "some time",
    "at some point", "at some stage", "around", "about", "approximately", "approx",
    "roughly", "circa", "ca", "due", "due by", "expected", "expected by",
    "scheduled for", "planned for", "promised for", "target", "deadline",
    "within", "inside of", "inside", "in", "on", "at", "during", "over", "for",
    "through", "throughout", "across", "done", "completed", "delivered", "finished",
    "cob", "eod", "close of business", "end of business", "end of day",
    "end of play", "close of play",
)
SUFFIX_FILLERS: tuple[str, ...] = (
    "at the latest", "latest", "at the earliest", "or sooner", "or earlier",
    "or before", "if not sooner", "if not earlier", "if possible", "or so",
    "or thereabouts", "at most", "at the outside", "tops", "max", "preferably",
    "hopefully", "ideally", "or thereafter", "at the very latest", "if all goes well",
)

# Whole-phrase rewrites into forms the grammar already understands.
REWRITES: dict[str, str] = {
    "eoy": "end of the year", "eom": "end of the month", "eow": "end of the week",
    "eoq": "end of the quarter", "eod": "today", "cob": "today",
    "close of business": "today", "end of business": "today", "end of day": "today",
    "end of play": "today", "close of play": "today", "tonight": "today",
    "this evening": "today", "this afternoon": "today", "this morning": "today",
    "tomorrow morning": "tomorrow", "tomorrow afternoon": "tomorrow",
    "tomorrow evening": "tomorrow", "tomorrow night": "tomorrow",
    "this time next year": "1 year", "this time next month": "1 month",
    "this time next week": "1 week", "a year from now": "1 year",
    "within the hour": "today", "the turn of the year": "the end of the year",
    "the turn of the decade": "the end of the decade",
    "the year's end": "the end of the year", "the year is out": "the end of the year",
    "the year's out": "the end of the year", "midyear": "mid year",
    "the month is out": "the end of the month", "the week is out": "the end of the week",
    "the winter is out": "the end of the winter", "the spring is out": "the end of the spring",
    "the summer is out": "the end of the summer", "the autumn is out": "the end of the autumn",
    "the year is over": "the end of the year", "the winter is over": "the end of the winter",
    "the summer is over": "the end of the summer",
}


# ---------------------------------------------------------------- regex fragments
def alt(words: object) -> str:
    """Regex alternation, longest first so 'sept' wins over 'sep'."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


MONTH_RX, WEEKDAY_RX, _NUMBER_WORD_RX = alt(MONTHS), alt(WEEKDAYS), alt(NUMBER_WORDS)
UNIT_RX = alt(UNITS)
YEAR_REF_RX = (r"(?:(?:of|in) )?(?:the year )?(?:\d{4}|'\d{2}|(?:the )?year after next"
               r"|(?:this|the|current|the current|next|the next|the following|following)"
               r" (?:calendar )?year)")
NUM_RX = rf"\d+(?:\.\d+)?|(?:{_NUMBER_WORD_RX})(?: (?:{_NUMBER_WORD_RX}))*"
# "a six-month", "2-3" (upper bound wins), "a couple of", "half a", "two and a half"
QTY_RX = (rf"(?:(?:a|an) )?(?P<num>{NUM_RX})(?:(?: to | or |-)(?P<hi>{NUM_RX}))?"
          r"(?P<half1> and a half)?"
          r"|(?P<art>a|an|one|a single|a full|one full|a whole)"
          r"|(?P<couple>(?:a )?couple(?: of)?|a pair of)|(?P<dozen>(?:a )?dozen)"
          r"|(?P<halfa>half an?|a half|half)")
# Words that may follow a span: "six months' time", "a 90-day window", "3 months from now".
TRAIL_RX = (r"(?: (?:period|time ?frame|window|span|deadline|horizon|timeline|time|from now"
            r"|from today|from the statement|of the statement|from then|hence|later|on|after"
            r"|afterwards|thereafter|after that|today))*")


# ---------------------------------------------------------------- Russian (and Ukrainian)
# A Russian phrase is translated word by word into the English the grammar reads
# ("до конца года" -> "by the end of the year"); the stems cover the case endings.
RU_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:в )?(?:самое )?ближайшее время|в скором времени|вскоре|скоро|в перспективе"
     r"|в (?:обозримом )?будущем|со временем|когда-нибудь|как можно скорее|незамедлительно"
     r"|в кратчайшие сроки|в самые короткие сроки|найближчим часом|згодом|незабаром", "soon"),
    # "в ближайшие недели": "недели" alone is also the genitive singular ("до конца недели")
    (r"(?:в )?(?:ближайш\w*|предстоящ\w*|грядущ\w*|найближч\w*) (?:дни|недели|месяцы|годы|"
     r"тижні|місяці|роки)", "in the coming weeks"),
    (r"(?:до|к) нового года", "by new year"),
    # "в последних числах сентября" is late September; "в первых числах" early
    (r"(?:в|у) последних (?:числах|днях)", "late"), (r"(?:в|у) первых (?:числах|днях)", "early"),
    (r"(?:в )?(?:течение|протягом|продолжение)", "within"),
    (r"не (?:позднее|позже|пізніше)", "no later than"),
    (r"(?:этого|этом|текущего|текущем|нынешнего|нынешнем|цього|цьому|поточного) (?:год\w*|року)",
     "this year"),
    (r"(?:следующего|следующем|будущего|будущем|наступного|наступному) (?:год\w*|року)",
     "next year"),
    (r"(?:этой|цьому|цього) (?:недел\w+|тиж\w+)", "this week"),
    (r"(?:следующей|наступного|наступному) (?:недел\w+|тиж\w+)", "next week"),
    (r"(?:этом|этого|цьому|цього) (?:месяц\w*|місяц\w*)", "this month"),
    (r"(?:следующем|следующего|наступному|наступного) (?:месяц\w*|місяц\w*)", "next month"),
    (r"((?:19|20)\d\d) (?:год\w*|г\b\.?|року|р\b\.?)", r"\1"),
)
RU_STEMS: tuple[tuple[str, str], ...] = (
    # prepositions
    (r"до|к|ко|по", "by"), (r"в|во|на|у|за", "in"), (r"через|спустя", "in"),
    (r"после", "after"),
    # parts of a period
    (r"конц\w*|кін\w*|кінц\w*", "the end of"), (r"начал\w*|почат\w*", "the beginning of"),
    (r"середин\w*", "the middle of"),
    (r"полугоди\w*|півріч\w*", "half"), (r"половин\w*", "half"), (r"квартал\w*", "quarter"),
    (r"полгода|полугода|півроку", "half a year"),
    # ordinals
    (r"перв\w*|перш\w*|i", "first"), (r"втор\w*|друг\w*|ii", "second"),
    (r"трет\w*|iii", "third"), (r"четв[её]рт\w*|iv", "fourth"), (r"последн\w*|останн\w*", "last"),
    # units (plural forms first)
    (r"дней|днів|суток|дни|дні", "days"), (r"ден\w*|дня|дн\w|доб\w*", "day"),
    (r"недель|тижнів", "weeks"), (r"недел\w*|тижд\w*|тижн\w*", "week"),
    (r"месяцев|місяців|месяцы|місяці", "months"), (r"месяц\w*|місяц\w*", "month"),
    (r"лет|років|годы|роки", "years"), (r"год\w*|рок\w*|рік", "year"),
    # vague spans
    (r"ближайш\w*|найближч\w*|предстоящ\w*|грядущ\w*", "coming"),
    (r"нескольк\w*|кількох|кілька", "several"),
    # relative days
    (r"сегодня|сьогодні", "today"), (r"завтра", "tomorrow"), (r"послезавтра|післязавтра",
                                                                  "the day after tomorrow"),
    # weekdays ("к понедельнику")
    (r"понедельник\w*|понеділ\w*", "monday"), (r"вторник\w*|вівтор\w*", "tuesday"),
    (r"сред[аеуы]|серед\w*", "wednesday"), (r"четверг\w*|четвер\w*", "thursday"),
    (r"пятниц\w*|п'ятниц\w*", "friday"), (r"суббот\w*|субот\w*", "saturday"),
    (r"воскресень\w*|неділ\w*", "sunday"),
    # seasons
    (r"лет[оау]|летом|лiт\w*|літ\w*", "summer"), (r"осен\w*|осін\w*|восен\w*", "autumn"),
    (r"зим\w*", "winter"), (r"весн\w*|весен\w*", "spring"),
    # months
    (r"январ\w*|січ\w*", "january"), (r"феврал\w*|лют\w*", "february"),
    (r"март\w*|берез\w*", "march"), (r"апрел\w*|квіт\w*", "april"), (r"ма[йяею]|травн\w*|травень", "may"),
    (r"июн\w*|черв\w*", "june"), (r"июл\w*|лип\w*", "july"), (r"август\w*|серп\w*", "august"),
    (r"сентябр\w*|верес\w*", "september"), (r"октябр\w*|жовт\w*", "october"),
    (r"ноябр\w*|листопад\w*", "november"), (r"декабр\w*|груд\w*", "december"),
    # numbers
    (r"одн\w*|один", "one"), (r"два|две|двух|двох", "two"), (r"три|тр[её]х|трьох", "three"),
    (r"четыр\w*|чотир\w*", "four"), (r"пят\w|п'ят\w*|пять", "five"),
    (r"шест\w*|шіст\w*", "six"), (r"сем\w|сім\w*", "seven"), (r"восьм\w*|восем\w*|вісім\w*", "eight"),
    (r"девят\w*|дев'ят\w*", "nine"), (r"десят\w*", "ten"), (r"двенадцат\w*|дванадцят\w*", "twelve"),
    (r"пятнадцат\w*|п'ятнадцят\w*", "fifteen"), (r"двадцат\w*|двадцят\w*", "twenty"),
    (r"тридцат\w*|тридцят\w*", "thirty"), (r"сорок\w*", "forty"), (r"девяност\w*", "ninety"),
    # fillers
    (r"года|году|року|числа|числу", ""), (r"этого|этом|этой|этим|текущ\w*|цього|цьому|цієї",
                                            "this"),
    (r"следующ\w*|будущ\w*|наступн\w*", "next"), (r"самого|самом|самой", ""),
    (r"позднее|пізніше", "at the latest"), (r"крайней|крайнем|мере", ""),
)
