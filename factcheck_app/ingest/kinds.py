"""Propose a statement's kind from its words and its speech verb (English and Russian)."""
from __future__ import annotations

import re

from . import kinds_en as en
from . import morph_ru

_CYRILLIC = re.compile(r"[а-яА-Я]")

# What each kind needs, in the order they are tried: a denial or a threat is also often
# phrased in the future, so both come before promise and prediction.
_DENIAL_VERBS = re.compile(r"^(?:denie[sd]|deny|denying|rejected|rejects|dismissed|dismisses|"
                           r"refuted|rebuffed|опроверг\w*|отверг\w*|отрица\w*|спростува\w*|"
                           r"заперечи\w*)$")
_THREAT_VERBS = re.compile(r"^(?:threaten\w*|warn\w*|пригрози\w*|угрожа\w*|предупреди\w*|"
                           r"пригрози\w*|погрожу\w*|попереди\w*)$")
_PROMISE_VERBS = re.compile(r"^(?:promis\w*|pledg\w*|vow\w*|commit\w*|guarantee\w*|assur\w*|"
                            r"обязал\w*|обязу\w*|"
                            r"пообеща\w*|обеща\w*|заверил\w*|гарантир\w*|поклял\w*|пообіця\w*)$")
_PREDICT_VERBS = re.compile(r"^(?:predict\w*|forecast\w*|expect\w*|спрогнозир\w*|"
                            r"прогнозир\w*|предсказ\w*|ожида\w*)$")

_DENIAL = re.compile(
    r"\b(?:not true|untrue|false|fake|baseless|groundless|nonsense|no truth|no basis|lies?\b|"
    r"never (?:said|did|happened|been)|\b(?:we|i)(?: have| had)? never \w+(?:ed|ne|en|id|ld|ok|ew)\b|"
    r"(?<!\w)никогда не \w+л(?:а|и|о)?(?!\w)|did not happen|didn't happen|no such|deny|denies|"
    r"categorically|absolutely not|no evidence|nothing wrong|nothing to do with|not involved|"
    r"no involvement|conspiracy theor\w*|hoax|fabricat\w*|made[- ]up|smear|"
    r"(?:is|are|was|were) not responsible|had no (?:role|part|knowledge)|"
    r"(?:does|do|did) not involve|did not (?:take place|occur)|has nothing to do|"
    r"не соответству\w* действительност\w*|ложь|фейк\w*|вброс\w*|неправд\w*|"
    r"не име\w+ под собой|ничем не подтвержд\w*|слух\w*|не направлен\w* против|"
    r"^никак(?:ой|ого|их|ая|ое|ие)\b[^.!?]*(?<!\w)(?:не (?!буд)\w+|нет)(?!\w)|"
    r"there (?:was|is|were|are) nothing \w+ about|no (?:connection|link|links|ties) (?:to|with)|"

    r"не было и нет|нет и не будет|не было и не будет|(?:никаких|никакого|никакой)\s+\w+"
    r"(?:\s+\w+)?\s+(?:нет|не было)|опроверга\w*|отрица\w*|брехн\w*|неправда)", re.I)
_HARM = (r"(?:retaliat\w*|respond(?: harshly| decisively| in kind)?|strike|hit back|destroy\w*|"
         r"punish\w*|pay (?:a|the) price|pay for|consequences|crush\w*|wipe\w*|sanction\w*|"
         r"attack\w*|force|war|military means|regret|ombudsman|tribunal|legal action|"
         r"(?:every|all|any) necessary (?:measures?|steps|means)|countermeasures|"
         r"escorted out|expel\w*|detain\w*|arrest\w*|seiz\w*|prosecut\w*|veto\w*|"
         r"take (?:this|it|them|the \w+)(?: all the way)? to|refuse to \w+|contempt|"
         r"call for an? (?:\w+ )?(?:audit|inquiry|investigation|resignation)|freeze)")
_THREAT = re.compile(
    rf"\b(?:we|i|they|you)(?:'ll| will| shall| would| are going to)[^.;]{{0,60}}\b{_HARM}"
    rf"|\bwill (?:face|regret)\b|\bwill pay (?:for|dearly|the price|a (?:\w+ )?price)\b"
    rf"|\bconsequences\b|\bor else\b"
    r"|^if\b[^.;]{3,90}, (?:we|i|they)(?:'ll| will| shall| would)\b"
    r"|^(?:если|якщо)\b[^.;]{3,90}, (?:мы|я)\s"
    r"|ответ\w* будет|ответим|пожале\w*|поплат\w*|последстви\w*|уничтож\w*|"
    r"нанес\w* удар|ударим|жестк\w* ответ|адекватн\w* ответ|зеркальн\w* ответ|пошкоду\w*",
    re.I)
# a forecast said as one's expectation: "we expect", "мы ожидаем"
_EXPECT = re.compile(r"\b(?:we|i) (?:expect|anticipate|forecast|foresee)\b|(?<!\w)(?:мы |я )?"
                     r"(?:ожидаем|ожидаю|прогнозируем|рассчитываем)(?!\w)", re.I)
_FIRST_PERSON_FUTURE = re.compile(
    r"\b(?:we|i|our (?:government|country|ministry|company|team|party)|my government)"
    r"(?:(?: \w+){0,3}(?:'ll| will| shall)\b| are going to| am going to| intend to| plan to"
    r"| are determined to| promise| pledge| guarantee| commit(?:ted)? to| aim to| are ready to"
    r"| will not| won't)\b"
    r"|\bwe(?:'re| are) (?:going to|gonna)\b"
    r"|\b(?:i give you my word|you have my word|i promise|we promise|i pledge|we pledge|i vow)\b"
    r"|(?<!\w)(?:даю (?:вам )?слово|обещаю|обещаем|гарантирую|обіцяю|обязуемся|обязуюсь|"
    r"обжалуем|обжалую)(?!\w)|^(?:ready|prepared|determined) to\b"
    r"|\b(?:мы|я)\s+(?:\w+\s+){0,2}(?:будем|буду|сделаем|сделаю|завершим|обеспечим|выполним|"
    r"построим|добьемся|добьёмся|вернем|вернём|обещаю|обещаем|гарантирую|гарантируем|намерены|"
    r"планируем|не допустим|не оставим|продолжим|поможем|создадим|запустим|откроем|"
    r"зробимо|будемо|гарантуємо|забезпечимо)\b"
    r"|\b(?:будем|сделаем|завершим|обеспечим|выполним|продолжим|не допустим)\b"
    r"|\b(?:we|i) (?:undertake|am committed|are committed)\b", re.I)
_SHOULD_DEADLINE = re.compile(r"\b(?:should|must|has to|have to|is to|are to)\b[^.;]{0,80}"
                              r"\b(?:(?:this|next) (?:year|month|week)|by (?:the end|20\d\d))|"
                              r"должн\w* [^.;]{0,60}(?:до |к |в этом|в течение)", re.I)
_FUTURE = re.compile(r"\b(?:will|won't|shall|going to|is expected to|are expected to|inevitable|"
                     r"is likely to|are likely to|by 20\d\d|next year|"
                     r"будет|будут|станет|станут|произойдет|произойдёт|не будет|ожидается|"
                     r"вероятно|буде|будуть|вернутся|закончатся|завершится|завершатся|начнется|начнётся|"
                     r"начнутся|пройдет|пройдёт|пройдут|состоится|состоятся|появится|"
                     r"останется|останутся|выведут|вырастет|снизится|сократится|примет|примут|откроется|"
                     r"откроют|заработает|получат|получит|съест|съедят|упад[её]т|упадут|подорожает|подешевеет|"
                     r"увеличится|уменьшится|ускорится|замедлится|обвалится)\b", re.I)
_OPINION = re.compile(
    r"^(?:i|we) (?:think|believe|feel|hope|consider|am convinced|are convinced|wish)\b"
    r"|\b(?:in my (?:view|opinion)|my view is|personally)\b"
    r"|\b(?:doing the right thing|is right|are right|is wrong|are wrong|shameful|disgrace\w*|"
    r"outrageous|wonderful|terrible|great job|proud|grateful|thank (?:you|god)|i thank|"
    r"congratulat\w*|bravo|welcome|good people|bad people|unacceptable|"
    r"important to us|worth a lot|great (?:day|news|step|success|achievement)|fair|unfair|"
    r"generous|excellent|appalling|scandalous|shocking|tragic|a (?:mistake|shame|scandal)|"
    r"(?:is|are|was|were) (?:good|bad|wrong|right|naive|unrealistic|dangerous|misguided)|"
    r"a (?:win|victory|blow|gift) for|good news|bad news|wishful thinking|ridiculous|absurd|irresponsible|reckless|"
    r"(?:the )?(?:most|least) (?:important|significant|dangerous|serious|successful)|"
    r"(?:не )?верю|не доверяю|нереалистичн\w*|абсурд\w*|безответственн\w*|недопустим\w*|"
    r"возмутительн\w*|прекрасн\w*|ужасн\w*|справедлив\w*|несправедлив\w*|ошибк\w*|позорн\w*|"
    r"постыдн\w*|цинично|циничн\w*|(?:не )?нуж(?:ен|на|ны)\b|"
    r"(?:a|an|this|that) (?:\w+ )?(?:stunt|farce|sham|joke|betrayal|insult|travesty|fiasco|"
    r"circus)|pure and simple|"
    r"считаю|думаю|по-моему|по моему мнению|на мой взгляд|уверен|надеюсь|позор\w*|"
    r"благодар\w*|спасибо|молодцы|горжусь|вважаю|сподіваюся|дякую)\b", re.I)
# an exhortation: an imperative or a call on others, nothing to check
_EXHORT = re.compile(
    r"^(?:don't|do not|let's|let us|please|never|stop|join|vote|remember|look|imagine|think|"
    r"help|support|stand|come|go|get|be|keep|tell|give|pay|take|make|defend|unite|rise|"
    r"не надо|не нужно|давайте|давай|прошу|помогите|поддержите|голосуйте|приходите|"
    r"не обращайте|не верьте|будьте|берегите|не треба|давайте|просим|не ждите)\b"
    r"|^(?:lower|raise|cut|book|check|stay|call|end|scrap|drop|save|protect|fix|listen|act|show|"
    r"put|bring|leave|send|open|close|wait|follow|ask|start|sign|use|invest|fund|choose|apply|"
    r"register|submit|contact|read|watch|lift|ban|reverse|halt|hold|let|give)\s+(?:the|a|an|your|"
    r"our|their|it|this|that|these|them|us|up|now|down|off|out|in|everyone|every)\b", re.I)

# obligation about others, no date: a judgement ("Nobody should expect miracles")
_OUGHT = re.compile(r"\b(?:should|shouldn't|ought to|need to|needs to)\b"
                    r"|(?<!\w)(?:следует|нужно|надо|необходимо|стоит|должн\w+)(?!\w)"
                    r"|(?<!мы )(?<!я )(?<!\w)обязан[аоы]?(?!\w)", re.I)
# a harm done on a condition: "if/unless … (would) strike/respond"
_CONDITION = re.compile(r"\b(?:if|unless|without (?:an? |the |their |its )?(?:permission|consent|"
                        r"licen[cs]e|permit|authori[sz]ation|approval))\b"
                        r"|(?<!\w)(?:если|иначе|в случае)(?!\w)", re.I)
_HARM_RU = re.compile(r"(?<!\w)(?:ответ\w*|накаж\w*|наказ\w*|санкци\w*|удар\w*|забастов\w*|"
                      r"уволи(?!\w*ся)\w*|уволен\w*|расторг\w*|вето|прокуратур\w*|штраф\w*|"
                      r"суд\w*|закон\w*|проверк\w*|жестк\w*|жёстк\w*|закро\w*|останов\w*|"
                      r"прекрат\w*|перекро\w*|отключ\w*|выйдем|бойкот\w*)", re.I)
# harm done to the other side: withdrawing, stopping, suing ("we will close every mine if …")
_HARM_EN = re.compile(rf"\b(?:{_HARM}|strike\w*|walk out|shut(?:ting)? down|shut|close|halt|block|"
                      r"cut off|withdraw|boycott|sue|court|lose|expel|not allow|not tolerate|not permit)\b", re.I)

_DATED = re.compile(r"\b(?:by|before|within|until)\b|\b(?:19|20)\d\d\b|(?<!\w)(?:до|к|в течение)\s",
                    re.I)
# kinds an analyst cannot check against later events: proposed unticked
NOT_CHECKABLE = frozenset({"opinion"})
# kinds whose words may carry a deadline
FORWARD = frozenset({"promise", "prediction", "threat"})


_PROMISED_BEFORE = re.compile(r"\b(?:promis|pledg|vow|guarantee)\w*|(?<!\w)(?:пообеща|обеща|"
                              r"гарантир|пообіця)\w*", re.I)


# a partial quote whose frame makes it a conditional harm: said it would "respond with full
# force" if attacks continued
_WOULD_BEFORE = re.compile(r"\b(?:would|will|'d|'ll)\s*(?:not\s*)?$|(?<!\w)(?:будет|будут|"
                           r"станет|станут)\s*$", re.I)
# the work a speaker's side does, in the passive with a date: "the bridge will be opened in
# the first quarter" (a prediction about others reads "permits will be received")
_OWN_WORK = re.compile(
    r"\bwill be (?:opened|completed|built|finished|launched|delivered|paid|restored|repaired|"
    r"rebuilt|reopened|ready)\b|\b(?:production|construction|work|works|deliveries|payments)"
    r" will (?:start|begin|resume|be completed|finish)\b"
    r"|(?<!\w)(?:будет|будут) (?:открыт|запущен|построен|завершен|завершён|сдан|введен|введён|"
    r"восстановлен|отремонтирован|выплачен|достроен)\w*", re.I)


# the narrative sentence right before a quote says it rejects something: "X denied that …"
_DENIED_BEFORE = re.compile(r"\b(?:denied|denies|rejected|rejects|dismissed|refuted|rebuffed)\b"
                            r"|(?<!\w)(?:опроверг\w*|отверг\w*|отрица\w*|не согласил\w*)",
                            re.I)
# what the speaker's side delivers: a service opens, money is paid, works are finished
_DELIVERY = re.compile(
    r"\bwill be (?:served|opened|completed|built|finished|launched|delivered|paid|refunded|"
    r"filed|submitted|published|presented|issued|made|adopted|approved|"
    r"restored|repaired|rebuilt|reopened|ready|in place|in operation|in service|up and running)\b"
    r"|\bwould (?:be (?:served|opened|completed|built|finished|launched|delivered|paid|ready|"
    r"made|adopted|published|laid|"
    r"in place|in operation|in service|up and running|handed over)|(?:open|finish|complete|build|"
    r"deliver|pay|launch|serve|refund|repair|restore|decide|publish|present)\b)"
    r"|\bwill (?:get|receive) (?:its|their|his|her|the) money\b|\bwill (?:open|reopen)\b"
    r"|(?<!\w)(?:будет|будут) (?:открыт|запущен|построен|завершен|завершён|сдан|введен|введён|"
    r"восстановлен|отремонтирован|выплачен|достроен|поставлен|перечислен|проведен|проведён|"
    r"принят[ыa]?(?!\w))\w*"
    r"|(?<!\w)(?:выйд(?:ет|ут) на линию|прим(?:ет|ут) (?:первых )?(?:пациентов|учеников|"
    r"пассажиров|посетителей)|(?:пациентов|учеников|пассажиров|посетителей) \w+ прим(?:ет|ут)"
    r"|откро(?:ется|ются)|заработа(?:ет|ют)|(?:люди |жители |граждане |"
    r"пенсионеры |подрядчики )?получ(?:ат|ит)(?! \w+ разрешени))(?!\w)", re.I)


def propose_kind(quote: str, verb: str | None = None, lead: str = "", trail: str = "",
                 near: str = "") -> str:
    """The kind the words suggest: denial, threat, promise, prediction, opinion or assertion.
    lead is the narrative just before the quote and near the part of it in the quote's own
    paragraph: a future statement told right after "both governments promised that …" is
    that promise, a quote right after "X denied that …" a denial; trail is the rest of its
    sentence."""
    kind = _kind(quote, verb)
    if kind in ("assertion", "denial") and en.characterises(quote, near or lead) and not (
            _DENIAL.search(quote) or en.DENIAL.search(quote)):   # dismissed it as "a stunt"
        return "opinion"             # 'called the exercise "the clearest signal …"'
    if kind == "assertion" and en.rebuts(quote, lead):
        return "denial"              # a negated answer to the accusations just told
    if kind in ("assertion", "prediction", "promise") and _DENIED_BEFORE.search(
            _last_sentence(near)):
        return "denial"              # 'Northfield denied it. "Our bills were correct," …'
    lead = near or lead
    frame = _last_sentence(lead)[-200:]
    if quote.strip()[:1].islower() and kind != "denial":
        framed = _framed_kind(quote, frame)  # the writer's sentence says what the words do
        if framed:
            return framed
    if kind == "assertion" and _WOULD_BEFORE.search(lead) and \
            (_HARM_EN.search(quote) or _HARM_RU.search(quote)) and \
            (_CONDITION.search(trail) or _CONDITION.search(lead[-120:])
             or _CONDITION.search(quote)):
        return "threat"
    explicit = _PREDICT_VERBS.match((verb or "").lower())
    if kind == "prediction" and not explicit and _PROMISED_BEFORE.search(lead):
        return "promise"
    if kind == "assertion" and quote.strip()[:1].islower() and _looks_ahead(frame[-100:]):
        return "prediction"          # 'warned that taxpayers would end up paying "for …"'
    return kind


# the frame of a partial quote: a call on others ('urged passengers to "have their say"',
# «призвали горожан «…»»), a harm the speaker's side will do ('said he would veto any map
# that did not "…"', 'said Moscow would "respond …"'), a harm on a condition ('если решение
# вступит в силу, компания «будет вынуждена уволить …»')
_READY = re.compile(r"\b(?:is|are|was|were) (?:ready|prepared|willing) to\s*$"
                    r"|\b(?:it|he|she|they|we) (?:plans?|intends?|aims?|promised|pledged|vowed) to "
                    r"[^.;:\"“”]{0,80}$"
                    r"|(?<!\w)(?:готов|готова|готовы|готово)\s*$", re.I)
_URGED = re.compile(r"\b(?:urged|urges|urging|called on|calls on|called for|appealed to|"
                    r"asked|encouraged|advised|told (?:people|residents|parents|customers))\b"
                    r"[^.;:]{0,80}$|(?<!\w)(?:призвал\w*|призыва\w*|попросил\w*|просил\w*|"
                    r"посоветовал\w*|рекомендовал\w*)(?!\w)[^.;:]{0,80}$", re.I)
_WOULD_HARM = re.compile(r"\b(?:would|will|'d|'ll)\s+(?:\w+\s+){0,2}(?:veto\w*|retaliat\w*|"
                         r"respond\w*|strike\w*|hit back|punish\w*|sue|expel\w*|sanction\w*|"
                         r"take (?:this|it|them|the \w+)(?: all the way)? to)\b[^.;:]{0,80}$"
                         r"|\b(?:would|will)\s*$", re.I)
_HARM_START = re.compile(r"^(?:respond|retaliate|hit back|strike back|punish|make \w+ pay)\b"
                         r"|^(?:ответ\w*|нанес\w* удар)", re.I)


def _looks_ahead(frame: str) -> bool:
    """The writer's sentence leading into a partial quote is in the future."""
    if re.search(r"\b(?:would|will)\b", frame, re.I):
        return True
    return bool(_CYRILLIC.search(frame)) and morph_ru.has_future(frame.replace("ё", "е"))


def _framed_kind(quote: str, frame: str) -> str | None:
    if _URGED.search(frame):
        return "opinion"
    if _READY.search(frame):
        return "promise"             # 'концерн готов «направить в центры … в течение полугода»'
    harm = _HARM_EN.search(quote) or _HARM_RU.search(quote)
    would = _WOULD_HARM.search(frame)
    if would and (would.group().strip().lower() not in ("would", "will") or _HARM_START.match(quote)):
        return "threat"
    if harm and _CONDITION.search(frame[-120:]):
        return "threat"
    if harm and _CONDITION.search(quote) and re.search(r"\b(?:would|will)\b", frame, re.I):
        return "threat"              # 'said he would push parliament to "freeze … if …"'
    return None


def _last_sentence(near: str) -> str:
    """The narrative sentence that ends right before the quote (or the one it opens)."""
    parts = re.split(r"(?<=[.!?])\s+", near.rstrip())
    return parts[-1] if parts else ""


# a forecast said as one: "likely", "expected", "may", "ожидается", "вероятно", "может"
_HEDGED = re.compile(r"\b(?:on (?:current|present) trends|at (?:this|the current) (?:rate|pace)|"
                     r"likely|unlikely|expect\w*|anticipat\w*|forecast\w*|predict\w*|project\w*|"
                     r"may|might|could|probably|possibly|risk|inevitabl\w*|warn\w*|be able to|"
                     r"believes?|thinks?)\b"
                     r"|(?<!\w)(?:ожида\w*|рассчитыва\w*|надеемся|вероятн\w*|возможн\w*|может|могут|прогноз\w*|"
                     r"предупреди\w*|опаса\w*|риск\w*|неизбежн\w*|скорее всего|смож\w*|считает|"
                     r"считают|уверен\w*|полагает)(?!\w)",
                     re.I)
# outcomes no office delivers: markets, weather, disease, deficits, turnout
_OUTCOME = re.compile(r"\b(?:prices?|inflation|demand|growth|economy|deficit|turnout|peak|"
                      r"cases|infections?|weather|market|rates?|harvest|go ahead|received|"
                      r"obtained|decision will be (?:made|taken))\b|(?<!\w)(?:цен[аыуе]?|инфляц\w*|"
                      r"спрос\w*|рост\w*|экономик\w*|дефицит\w*|явк\w*|пик\w*|заболеваем\w*|"
                      r"погод\w*|рын\w*|курс\w*|не превыс\w*|составит|обеспечит|урожа\w*|"
                      r"получен\w*|решение будет принято|недополуч\w*|дол[яиюе]|превыс\w*|холод\w*|"
                      r"мороз\w*|снег\w*|осадк\w*|хват(?:ит|ает)|temperatures?|frost|snow|"
                      r"rain\w*|(?:largest|biggest|worst|best) [^.]{0,30}\bhistory)(?!\w)", re.I)


_WOULD_END = re.compile(r"\b(?:would|will)(?: be)?\s*$", re.I)


def by_official(kind: str, lead: str, quote: str, official: bool) -> str:
    """An official or a body forecasting the delivery of its own work ("free meals will be
    served", "выплаты будут перечислены") commits to it: a promise. So does any future an
    office holder announces ("все 140 машин поступят до конца июня") unless it is hedged as
    a forecast or is about what nobody's office controls (prices, demand, a peak of flu).
    Commentators predict."""
    said = _last_sentence(lead)[-160:]
    if official and kind in ("prediction", "assertion") and (
            _DELIVERY.search(quote) or _DELIVERY.search(said)
            or _DELIVERY.search(said + " " + " ".join(quote.split()))):  # would be "up and …"
        return "promise"
    partial = quote.strip()[:1].islower()        # "… would reach the target «by 2027»"
    if official and kind == "assertion" and partial and _WOULD_END.search(said):
        return "promise"             # 'told MPs that they would be "reviewed from top to bottom"'
    if official and kind == "prediction" and not _HEDGED.search(quote) \
            and not _HEDGED.search(said) and not _OUTCOME.search(quote) \
            and not (partial and _OUTCOME.search(said)):
        return "promise"
    return kind


# English verbs of a quote told in the past, and any word that puts it in the present or ahead
_PAST_EN = re.compile(r"\b(?:told|found|said|was|were|had|did|came|went|knew|got|saw|heard|"
                      r"\w+ed)\b", re.I)
_NOT_PAST_EN = re.compile(r"\b(?:will|would|shall|going|is|are|am|be|must|should|can|could|"
                          r"may|might|need|needs|has|have|do|does|want|wants|expect|hope|plan)\b"
                          r"|['’](?:ll|s|re|ve|d)\b", re.I)


# what others keep telling the speaker: «Нам говорят: потерпите до весны», "We were told …"
_TOLD_US = re.compile(r"^(?:нам|мне) (?:говорят|обещают|обещали|сказали|твердят)(?!\w)"
                      r"|^(?:we were|we've been|we have been|i was|i've been) (?:told|promised)\b"
                      r"|^they (?:keep )?(?:tell|telling|told|promise|promised) us\b", re.I)
# a forecast said as a warning not to expect it: «Серийного производства ждать не стоит»
_DONT_EXPECT = re.compile(r"(?<!\w)(?:ждать не стоит|не стоит ждать|не стоит ожидать|"
                          r"ожидать не стоит)(?!\w)|\b(?:don't|do not|should not|"
                          r"shouldn't) expect\b", re.I)


def others_words(quote: str) -> bool:
    """The quote repeats what others tell the speaker, so its dates are theirs, not a
    deadline the speaker sets."""
    return bool(_TOLD_US.match(quote.strip().lstrip("\"'“‘«„ —–-")))


def looks_back(quote: str) -> bool:
    """"В этом году мы открыли мост", "Nobody told us anything until Tuesday night": a quote
    whose verbs are all past tells what was done, so its period is no deadline."""
    if _CYRILLIC.search(quote):
        return morph_ru.only_past(quote)
    return bool(_PAST_EN.search(quote)) and not _NOT_PAST_EN.search(quote)


def with_deadline(kind: str, lead: str = "", quote: str = "", official: bool = False) -> str:
    """A quote that names a date still ahead looks forward: an assertion is a promise when
    the narrative just said so ("пообещал, что …"), else a prediction; a prediction of the
    speaker's side's own work in the passive ("будет открыт в первом квартале") a promise."""
    if kind == "prediction" and _OWN_WORK.search(quote):
        return "promise"
    kind = by_official(kind, lead, quote, official)
    if kind == "prediction" and quote.strip()[:1].islower() \
            and en.OWN_SIDE_WOULD.search(_last_sentence(lead)):
        return "promise"             # 'said his party would force a vote "by the end of …"'
    if kind != "assertion":
        return kind
    if _PROMISED_BEFORE.search(lead) or en.OWN_SIDE_WOULD.search(_last_sentence(lead)):
        return "promise"             # "said her party would table a motion …"
    said = _last_sentence(lead)[-160:]
    if official and not _HEDGED.search(said) and not _OUTCOME.search(said) \
            and not _OUTCOME.search(quote):
        return "promise"             # 'the council said clinics would visit "within six weeks"'
    return "prediction"


# a harm the speaker's side will do to others, in the passive: "contracts will be torn up",
# «руководители, которые не подготовят …, будут уволены»
_HARM_PASSIVE = re.compile(
    r"\bwill be (?:fired|sacked|dismissed|prosecuted|fined|punished|expelled|banned|"
    r"struck off|stripped of|held (?:to )?account\w*|cancell?ed|terminated)\b"
    r"|(?<!\w)(?:будет|будут) (?:расторга\w*|расторгнут\w*|уволен\w*|наказан\w*|"
    r"оштрафован\w*|привлечен\w* к ответственности|лишен\w* (?:лицензи\w*|премии|должност\w*))",
    re.I)
# «Ни одна поликлиника не закрывается насовсем»: what is happening now, denied for every one
_NONE_NOW = re.compile(r"^ни (?:один|одна|одно|одного)\s+[а-я]+\s+не\s+([а-я]+)", re.I)


def _denies_every(first: str) -> bool:
    m = _NONE_NOW.match(first)
    return bool(m) and any(p.tag.POS == "VERB" and p.tag.tense == "pres"
                           for p in morph_ru.parses(m.group(1))[:1])


# the other side's failure as a condition, then what follows: "If the county does not give
# these families a timetable by Feb. 15, we will ask a judge to set one", «Если до 20 ноября
# денег не будет, спустимся в шахту»
_IF_THEY_FAIL = re.compile(
    r"^if\b[^;!?]{3,140}?\b(?:not|cannot|can't|can’t|won't|won’t|doesn't|doesn’t|don't|don’t|"
    r"fails? to|refuses? to|keeps?|continues? to)\b[^;!?]{0,100}?,\s+([^;!?]{3,160})", re.I)
_IF_THEY_FAIL_RU = re.compile(r"^если\b[^;!?]{3,140}?(?<!\w)не(?!\w)[^;!?]{0,100}?,\s+([^;!?]{3,160})",
                              re.I)


# the speaker's side acting: "we will", "our members will", organised labour ("teachers will
# take their classes to the hall, and the federation will back every one of them")
_OUR_SIDE_WILL = re.compile(
    r"\b(?:we|i|our \w+|the (?:union|federation|association|members|workers|staff)|members|"
    r"workers|staff|teachers|nurses|doctors|drivers|miners|farmers|residents|parents)"
    r"(?: \w+){0,2}?(?: will|'ll|’ll| shall)\b", re.I)


def _if_they_fail(first: str) -> bool:
    """The consequence is the speaker's side's own act ("we will ask a judge", «спустимся в
    шахту») or a harm; an outcome nobody does ("the deficit will double") is a forecast."""
    m = _IF_THEY_FAIL.match(first)
    if m:
        then = m.group(1)
        return bool(_OUR_SIDE_WILL.search(then)) or (
            bool(re.search(r"\b(?:will|'ll|’ll|shall)\b", then, re.I)) and bool(_HARM_EN.search(then)))
    m = _IF_THEY_FAIL_RU.match(first)
    if not m:
        return False
    then = m.group(1).replace("ё", "е")
    return morph_ru.first_person_future(then) or (morph_ru.has_future(then)
                                                  and bool(_HARM_RU.search(then)))


_NOT_NEGOTIABLE = re.compile(r"(?:^|[.!?]\s+)(?:that|this)(?:['’]s| is) not negotiable\b"
                             r"|(?:^|[.!?]\s+)это не обсуждается", re.I)
# punishment the speaker's side will mete out: "will not hesitate to impose the maximum
# penalty", «будем наказывать рублём», «оштрафуют», «возбуждения уголовного дела»
_PUNISH = re.compile(r"\bwill not hesitate to\b|\bwon['’]t hesitate to\b"
                     r"|(?<!\w)(?:будем|будут) наказыва\w*|(?<!\w)оштрафу(?:ют|ем)(?!\w)"
                     r"|(?<!\w)(?:обратится|обратимся|подадим|пойдём|пойдем) в суд(?!\w)"
                     r"|возбуждени\w* уголовн\w* дел", re.I)
_WIN = re.compile(r"\b(?:we|i)(?:'ll| will| are going to) win\b|(?<!\w)(?:выиграем|победим|"
                  r"выиграю)(?!\w)", re.I)
_BELIEF_VERBS = frozenset({"мнению", "думку", "считает", "считают", "считаю", "полагает",
                           "полагают", "уверен", "уверена", "уверены", "believes", "thinks"})


def _kind(quote: str, verb: str | None) -> str:
    q = " ".join(quote.split()).replace("ё", "е").replace("Ё", "Е")
    russian = bool(_CYRILLIC.search(q))
    own_future = russian and morph_ru.first_person_future(q)      # "мы запустим", "обжалуем"
    future = bool(_FUTURE.search(q)) or (russian and morph_ru.has_future(q))
    first = q.lstrip("\"'“‘«„ —–-")
    v = (verb or "").lower()
    if _DONT_EXPECT.search(q):
        return "prediction"          # «ждать не стоит»: a forecast, whoever believes it
    if v in _BELIEF_VERBS or en.OWN_VIEW.match(first):   # "по мнению аналитика, «…»",
        # "считает эксперт", «Мы считаем, что …»: a forecast or a view
        return "prediction" if future else "opinion"
    rest = re.split(r"[,;.!?]", first, maxsplit=1)[1:]
    sentence = first[:1].isupper()   # a partial quote ("would 'take them to court'") is no order
    if sentence and _EXHORT.match(first) and not _FIRST_PERSON_FUTURE.search(" ".join(rest)):
        return "opinion"             # "Let's not rush", "Don't pay attention to …"
    if sentence and en.CALL_ON.match(first):
        return "opinion"             # "We call on our neighbours to …"
    if _DENIAL_VERBS.match(v) or _DENIAL.search(q) or en.DENIAL.search(q) \
            or (russian and _denies_every(first)):
        return "denial"
    if en.VERDICT.search(q):
        return "opinion"             # "This is a gamble …, and passengers will be the last …"
    if _WIN.search(q):
        return "prediction"          # "Мы выиграем этот округ": nobody's own to deliver
    if _TOLD_US.match(first):
        return "assertion"           # «Нам говорят, что дадут новые дома …»: a complaint
    if _THREAT.search(q) or (_THREAT_VERBS.match(v) and _FUTURE.search(q)
                             and re.search(rf"\b(?:{_HARM}|if|unless)\b|(?<!\w)(?:если|иначе)",
                                           q, re.I)):
        return "threat"
    if _HARM_PASSIVE.search(q) or _PUNISH.search(q):
        return "threat"              # «контракты будут расторгаться без разговоров»
    if _if_they_fail(first) and not _EXPECT.search(q):
        return "threat"              # "If the department cannot cool these rooms, teachers will …"
    if _CONDITION.search(q) and (_HARM_EN.search(q) or _HARM_RU.search(q)) and \
            (_FUTURE.search(q) or _FIRST_PERSON_FUTURE.search(q) or _THREAT_VERBS.match(v)):
        return "threat"              # "We will shut down the network if ministers …"
    if _THREAT_VERBS.match(v) and _CONDITION.match(first):
        return "threat"              # warned that workers would strike "if the company …"
    if en.RHETORIC.search(q):
        return "opinion"             # "I am not going to stand here and pretend …"
    if _NOT_NEGOTIABLE.search(q):
        return "promise"             # "The advisory stays in place until …. That is not negotiable"
    if _EXPECT.search(q) and not _PROMISE_VERBS.match(v):
        return "prediction"          # "we expect exports to grow": a forecast, not a pledge
    if _PROMISE_VERBS.match(v) or _FIRST_PERSON_FUTURE.search(q) or own_future \
            or _SHOULD_DEADLINE.search(q):
        return "promise"
    if (_OUGHT.search(q) or en.MUST_OTHERS.search(q)) and not _DATED.search(q):
        return "opinion"
    if _PREDICT_VERBS.match(v) or future:
        return "prediction"
    if (sentence and _EXHORT.match(first)) or _OPINION.search(q) or en.OPINION.search(q):
        return "opinion"
    return "assertion"
