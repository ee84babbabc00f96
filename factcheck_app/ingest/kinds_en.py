"""English cues for a statement's kind that wire copy writes in ways the shared rules miss:
value judgements, calls on others, characterisations, rebuttals and conditional harm."""
from __future__ import annotations

import re

# a judgement nothing could later show held ("a historic win", "credible", "for too long")
OPINION = re.compile(
    r"\b(?:historic|strategic|credible|sensible|reasonable|second-class|for too long|"
    r"(?:a|an) (?:\w+ )?(?:win|victory|blow|gift|con|disaster|triumph|slap in the face) "
    r"(?:for|to|on)\b|a con\b|as if|as though|"
    r"would have (?:liked|preferred|wanted|hoped)|(?:we|i) (?:respect|appreciate|deplore|"
    r"condemn|regret|admire)\b|(?:we|you|they) (?:do not|don't|did not|didn't)? ?need\b|"
    r"(?:the|a) (?:\w+est|most \w+) \w+(?: \w+){0,3} (?:in|of) (?:a generation|decades|"
    r"(?:a|our|its|their) (?:lifetime|history)|history))"
    r"|\b(?:is|are|was|were) the (?:real|true|only|key|biggest) "
    r"(?:test|question|problem|issue|challenge)\b|\bno reason to\b|\bonly if\b|"
    r"\b(?:has|have) to step up\b|(?<!\w)(?:не (?:вижу|видим|видят) оснований)(?!\w)|"
    r"\b(?:the|a) (?:most|least) (?:\w+ ){1,2}in the (?:country|world|region|state)\b"
    r"|(?<!\w)это (?:победа|поражение|позор|провал)(?!\w)|, а не(?!\w)"
    # a debt of honour, a superlative of experience, trust: "owes Congress a schedule",
    # "the worst I have seen in 30 years", "full confidence in the justice secretary"
    r"|\bowes? (?:\w+ ){0,2}(?:an? |the )?(?:explanation|apology|answers?|schedule|plan|duty)\b"
    r"|\b(?:worst|best|\w+est) (?:\w+ ){0,2}(?:i|we)(?:'ve|’ve| have) (?:ever )?(?:seen|known|"
    r"witnessed)\b|\b(?:full|complete|every|total) confidence in\b|(?<!\w)полн\w+ довери\w+"
    r"|^(?:this|it|that) is not a (?:favour|favor|gift|privilege|charity)\b"
    r"|\b(?:is|are) (?:our|their|its|\w+[’']s) (?:right|duty)\b", re.I)
# a verdict that outweighs any future in the same quote: "This is a gamble with public money,
# and passengers … will be the last to see any benefit", "will be remembered as the moment …"
VERDICT = re.compile(r"^(?:this|that|it) (?:is|was) (?:a|an) (?:\w+ )?(?:gamble|mess|scandal|"
                     r"disgrace|disaster|con|shambles|lottery|betrayal|insult)\b"
                     r"|\bwill be remembered as\b"
                     # a norm, not a fact: "cannot be allowed to go under water every monsoon"
                     r"|\b(?:cannot|can't|can’t|must not|mustn't|should not|shouldn't) be "
                     r"allowed to\b"
                     # "Закрыть 14 поликлиник одновременно — значит устроить коллапс"
                     r"|^[А-ЯЁ][а-яё]+(?:ть|ться)\b[^.!?]{0,80}\s[—–-] значит\s"
                     r"|(?<!\w)нельзя допускать|(?<!\w)недопустим\w*"
                     r"|\bcannot be (?:made|asked|expected) to\b|\bshould not have to\b"
                     r"|\b(?:'ll|’ll|will) believe (?:it|that) when\b|\bheard it all before\b"
                     r"|\bthere(?:'s|’s| is) no excuse\b|\bsmall change for\b"
                     # "is simply a tax on …", "is nothing more than a …", "a planning failure"
                     r"|\b(?:is|are|was) (?:simply|just|nothing (?:more|less) than|little more than|"
                     r"no more than) (?:a|an)\b|\b(?:is|was) (?:a|an) (?:\w+ )?failure\b"
                     # "the slowest tool we have": a superlative of the speaker's own judging
                     r"|\bthe (?:\w+est|most \w+) \w+ (?:we|i|they) (?:have|had|know)\b"
                     r"|\bit(?:'s|’s| is) (?:high )?time (?:to|for)\b"
                     r"|(?<!\w)(?:давно )?пора\s+(?:\w+\s+)?\w+(?:ть|ться)(?!\w)"
                     # «Будет справедливо, если …», «Людям нужны не обещания, а генераторы»
                     r"|(?<!\w)(?:будет|было бы) (?:справедливо|правильно|логично|честно)(?!\w)"
                     r"|(?<!\w)нуж(?:ен|на|но|ны) не [^,.!?]{1,40}, а(?!\w)"
                     r"|(?<!\w)не (?:вижу|видим|видит|видят) (?:угроз\w*|оснований|смысла|"
                     r"проблем\w*|причин\w*|рисков)"
                     r"|(?<!\w)риску(?:ет|ют) превратиться в(?!\w)|\brisks? (?:becoming|turning into) "
                     r"(?:a|an)\b", re.I)
# the speaker's own view said in the quote: "Мы считаем, что …", "I think …"
OWN_VIEW = re.compile(r"^(?:мы|я) (?:считаем|считаю|убеждены|убежден|убеждена)\b"
                      r"|^(?:i|we) (?:think|believe|feel)\b", re.I)
# a call on others: "We call on our neighbours to …", "I urge everyone to …"
CALL_ON = re.compile(r"^(?:we|i) (?:(?:again|once more|now) )?(?:call on|call upon|urge|appeal to|"
                     r"ask (?:everyone|all|our|the|you))\b", re.I)
# an obligation laid on others, not on the speaker's side: "The minister must stop …"
MUST_OTHERS = re.compile(r"(?<!\bwe )(?<!\bi )\bmust\b", re.I)
# a rhetorical refusal: "I am not going to stand here and pretend …"
RHETORIC = re.compile(r"\b(?:am|are|'m|’m|'re|’re) not going to (?:stand here and )?"
                      r"(?:pretend|say|tell you)\b|\b(?:won't|will not) pretend\b", re.I)
# the frame of a partial quote that characterises something: 'called the exercise "…"',
# 'said the plan amounted to "…"', 'dismissed the case as "…"', 'said the drills were "a …"'
_NAMING_FRAME = re.compile(
    r"\b(?:called|calls|calling|described|describes|describing|branded|brands|labell?ed|"
    r"dubbed|hailed|dismissed|dismisses|denounced|condemned|derided|decried)\b[^.;:]{0,80}$"
    r"|\b(?:as|amounted to|amounts to|amount to)\s*$|\baccused\b[^.;:]{0,80}\bof\s*$"
    r"|(?<!\w)(?:назвал\w*|назвав|охарактеризовал\w*)(?!\w)[^.;:]{0,80}$", re.I)
_COPULA_FRAME = re.compile(r"\b(?:is|are|was|were|would be|will be|had been|has been)\s*$", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|do|does|did|can|could|"
                     r"shall|should|must|may|might)\b", re.I)


def characterises(quote: str, lead: str) -> bool:
    """A quoted noun phrase that names what something is, not a fact about it: a label the
    speaker pins on it ('called the exercise "the clearest signal …"')."""
    q = quote.strip()
    tail = lead.rstrip()
    head = re.split(r"\b(?:who|which|that|whose|where)\b", q, maxsplit=1)[0]   # its own verb
    if _FINITE.search(head) or not q[:1].islower():
        return False
    if _NAMING_FRAME.search(tail[-120:]):
        return True
    return bool(_COPULA_FRAME.search(tail[-40:])) and bool(re.match(r"(?:a|an)\s", q, re.I))


# a rebuttal: a negated quote answering accusations the narrative just told
_ACCUSED = re.compile(r"\b(?:accus\w+|allegations?|claims? that|suggestions? that|charges? that|"
                      r"reports? that|criticism)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|no|nothing|never|none|nobody|no one)\b|n['’]t\b", re.I)


def rebuts(quote: str, lead: str) -> bool:
    return bool(_NEGATED.search(quote)) and bool(_ACCUSED.search(lead[-1200:]))


# the reported speech already says the speaker's own side will do it: 'Brennan said her party
# would table a motion "within the next fortnight"'
OWN_SIDE_WOULD = re.compile(
    r"\b(?:he|she|they|we|i|(?:his|her|their|its|our) (?:party|government|ministry|department|"
    r"company|union|council|team|side|office|administration|agency|members))"
    r"\s+(?:would|will)\b[^.;:]*$", re.I)

# a rebuttal said in so many words: "completely without foundation", "unfounded"
DENIAL = re.compile(
    r"\bwithout (?:any )?(?:foundation|basis)\b|\bunfounded\b|\bnot the case\b"
    # "No one has been taken off the registry", "Nobody was forced out": what was done, denied
    r"|(?:^|[.!?]\s+)(?:no one|nobody|none of (?:us|them|the \w+))\s+(?:has|have|had|was|were|is|"
    r"are)\s+(?:ever\s+)?(?:been\s+)?\w+(?:ed|en|ing)\b"
    # "Not a single field has been certified without a survey"
    r"|^not (?:a single|one) \w+ (?:has|have|was|were|is|are) (?:ever )?been\b"
    r"|\bthere (?:is|are|was|were|has been) (?:absolutely )?no (?:shortage|truth|plan|plans|"
    r"question|intention|threat|danger|cuts?|closures?|cover-up|wrongdoing|link|connection)\b"
    r"|\bnever\b[^.;!?]{1,80}\band never will\b"
    # a lawyer for the accused: "My client did not …", «Денег мой подзащитный не брал»
    r"|\bmy client\b[^.!?]{0,40}\b(?:not|never|no|innocent)\b|n[’']t\b[^.!?]{0,30}\bmy client\b"
    r"|подзащитн\w*[^.!?]{0,40}(?<!\w)(?:не|невиновн\w*)(?!\w)"
    r"|(?<!\w)не(?!\w)[^.!?]{0,40}подзащитн\w*"
    r"|^(?:нет|не было) никак\w+ (?:планов|решени\w+|сокращени\w+|угроз\w*)"
    # "не ведёт и не собирается вести таких переговоров", "has not and will not"
    r"|(?<!\w)не \w+ и не (?:собира\w+|намерен\w*|планиру\w+)(?!\w)"
    r"|\b(?:is|are|has|have|did|does|do) not\b[^.;!?]{0,30}\band (?:will not|won't|won’t|"
    r"never will)\b",
    re.I)
