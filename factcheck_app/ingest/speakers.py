"""Resolve speaker mentions (names, pronouns, roles, bodies) to the fullest name in the article."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .lexicon import (
    DETERMINERS,
    DOCUMENT_NOUNS,
    GENERIC_BODY_NOUNS,
    GROUP_SYNONYMS,
    PRONOUNS_PERSON,
    ROLE_NOUNS,
    SPOKES_NOUNS,
    TITLE_WORDS,
)
from .known import KnownSpeakers
from .mentions import Mention
from .names import Name, Registry, analyse_run, capital_runs, name_key, strip_article, tokenize

_PLAIN_QUALIFIERS = frozenset("former acting then new current recently late deceased outgoing "
                              "incoming interim top senior".split())
_POST = re.compile(r"\s+(?:signed|of|from|at|in|for|with|who|that|which|by|on|to|during|"
                   r"whose|representing)\b.*$", re.S)


def _owned(words: list[str]) -> bool:
    """"the premier's office", "the governor’s office": an office named by its holder."""
    return bool(words) and words[-1].endswith(("'s", "’s")) and len(words[-1]) > 2


def _body_modifiers(words: list[str]) -> bool:
    """Words that single out one body before its generic noun ("defence", "Russian"), not
    qualifiers that any body could carry ("the same", "former")."""
    return any(w.isalpha() and w not in DETERMINERS and w not in _PLAIN_QUALIFIERS
               and w not in GENERIC_BODY_NOUNS and w not in ("same", "other", "whole")
               for w in words)


@dataclass(frozen=True)
class Resolved:
    speaker: str | None
    kind: str        # "person", "org", "spokes" (a body's spokesperson), "group" or "unknown"


@dataclass(frozen=True)
class Resolver:
    """Resolves mentions in document order; remembers who was mentioned so far (for pronouns,
    roles and bodies) and what it learnt about genders and group names."""
    text: str
    registry: Registry
    known: Sequence[tuple[str, Sequence[str]]] = ()
    history: list[tuple[int, str, str]] = field(default_factory=list)
    group_forms: dict[str, str] = field(default_factory=dict)
    gender_votes: dict[str, list[str]] = field(default_factory=dict)
    people_seen: set[str] = field(default_factory=set)      # people already subjects/speakers

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        """Words the article also writes in lower case (so they are not names)."""
        return frozenset(re.findall(r"\b[a-z][\w’'-]*", self.text))

    def __post_init__(self) -> None:
        for m in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z]\.\s+)*([A-Z][\w’'-]+)", self.text):
            self.gender_votes.setdefault(m.group(2).lower(), []).extend(
                ["m" if m.group(1) == "Mr" else "f"] * 3)

    # ---- bookkeeping -------------------------------------------------------------------
    def note(self, pos: int, res: Resolved) -> None:
        if res.speaker and res.kind != "unknown":
            self.history.append((pos, res.speaker, res.kind))
            if res.kind == "person":
                self.people_seen.add(res.speaker)

    def vote_gender(self, speaker: str, following: str) -> None:
        """Learn a person's gender from the first singular pronoun after their name
        in the same sentence ("Maria Gomez said she would appeal")."""
        m = re.search(r"\b(he|his|him|himself|she|her|hers|herself)\b", following, re.I)
        if m:
            g = "m" if m.group(1).lower() in ("he", "his", "him", "himself") else "f"
            self.gender_votes.setdefault(speaker, []).append(g)

    def gender(self, speaker: str) -> str | None:
        votes = list(self.gender_votes.get(speaker, []))
        key = name_key(speaker)
        if key:
            votes += self.gender_votes.get(key[-1], [])
        m, f = votes.count("m"), votes.count("f")
        return "m" if m > f else "f" if f > m else None

    def _recent(self, pos: int, kinds: tuple[str, ...], among: set[str] | None = None,
                gender: str | None = None) -> str | None:
        for p, speaker, kind in reversed(self.history):
            if p < pos and kind in kinds and (among is None or speaker in among):
                if gender and kind == "person" and self.gender(speaker) not in (None, gender):
                    continue
                return speaker
        return None

    # ---- names found in the mention ----------------------------------------------------
    def names_in(self, s: int, e: int) -> list[Name]:
        out = []
        for run in capital_runs(self.text, tokenize(self.text, s, e)):
            out.extend(n for n in analyse_run(self.text, run) if not n.possessive)
        return out

    def has_name(self, s: int, e: int) -> bool:
        for n in self.names_in(s, e):
            if n.kind in ("person", "org"):
                return True
            if n.kind == "word" and self.registry.full_person(name_key(n.text), s):
                return True
        return False

    def _person(self, name: Name, pos: int) -> str:
        full = self._full(name_key(name.text), pos)
        return full or name.text

    def _full(self, key: list[str], pos: int) -> str | None:
        return self.registry.full_person(key, pos, self.people_seen.__contains__)

    # ---- main entry --------------------------------------------------------------------
    @cached_property
    def _acronyms(self) -> dict[str, str]:
        """What the article spells out: "the Civil Aviation Authority (CAA)" → CAA, and "the
        MTR Corporation" → MTR; a body is credited under its full name."""
        out: dict[str, str] = {}
        for m in re.finditer(r"((?:[A-Z][\w’'&.-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,9})"
                             r"\(([A-Z]{2,6})\)", self.text):
            words = m.group(1).split()
            for i in range(len(words)):
                full = words[i:]
                initials = "".join(w[0] for w in full if w[0].isupper())
                if initials == m.group(2) and full[0][0].isupper():
                    out.setdefault(m.group(2), " ".join(full))
                    break
        for m in re.finditer(r"\b([A-Z]{2,6}) (Corporation|Company|Group|Authority|Agency|"
                             r"Limited|Holdings)\b", self.text):
            out.setdefault(m.group(1), f"{m.group(1)} {m.group(2)}")
        return out

    @cached_property
    def _court(self) -> str | None:
        """The court the article names ("The Madras High Court on Tuesday …"): what its bench
        or its judges say, the court says."""
        m = re.search(r"\b(?:[A-Z][a-z]+ )+(?:High|Supreme|District|Appeals?|Constitutional|"
                      r"Circuit|Crown|County) Court\b", self.text)
        return strip_article(m.group()) if m else None

    def resolve(self, m: Mention, pos: int | None = None) -> Resolved:
        pos = m.start if pos is None else pos
        res = self._resolve(m, pos)
        if res.speaker and self._court and re.fullmatch(
                r"(?:the )?(?:(?:Division|Full|Constitution|Special) )?(?:Bench|bench)",
                res.speaker):
            res = Resolved(self._court, "org")
        if res.speaker in self._acronyms and res.kind != "unknown":
            res = Resolved(self._acronyms[res.speaker], "org" if res.kind == "person"
                           else res.kind)
        if res.speaker and self.known:
            res = Resolved(self.match_known(res.speaker, m.text), res.kind)
        return res

    def _resolve(self, m: Mention, pos: int) -> Resolved:
        phrase = m.text.strip()
        low = phrase.lower()
        if low in PRONOUNS_PERSON:
            want = "m" if low == "he" else "f"
            who = self._recent(pos, ("person", "spokes"), gender=want) or \
                self._recent(pos, ("person", "spokes"))
            kind = next((k for p, sp, k in reversed(self.history) if sp == who), "person")
            return Resolved(who, kind)
        if low == "i":
            return Resolved(self._recent(pos, ("person",)), "person")
        if low in ("they", "we"):
            return Resolved(self._recent(pos, ("group", "org", "spokes"))
                            or self._recent(pos, ("person",)), "group")
        if low == "it":
            return Resolved(self._recent(pos, ("org", "spokes", "group")), "org")
        spans = [(m.name_start, m.name_end)] if m.name_start >= 0 else []
        head_words = _POST.sub("", phrase).lower().split()
        if not spans and head_words and head_words[-1].strip(",.") in SPOKES_NOUNS:
            return self._common(phrase, [], pos)     # "a spokeswoman for the Commission"
        if not spans and len(head_words) < len(phrase.split()) and head_words \
                and head_words[-1] in ROLE_NOUNS and phrase.split()[len(head_words) - 1].islower() \
                and not any(n.kind == "person" for n in self.names_in(m.start, m.end)):
            # "the chairman of the Joint Chiefs of Staff": a role, not the body it serves
            return self._common(phrase, [], pos)
        spans.append((m.start, m.end))
        for s, e in spans:
            names = self.names_in(s, e)
            people = [n for n in names if n.kind == "person"]
            if people:       # the head of "Manchester United manager Erik ten Hag" is last
                return Resolved(self._person(people[-1], pos), "person")
            for n in names:
                if n.kind == "word":
                    full = self._full(name_key(n.text), pos)
                    if full:
                        return Resolved(full, "person")
            orgs = [n for n in names if n.kind == "org"]
            if orgs:
                return Resolved(strip_article(orgs[0].text), "org")
        return self._common(phrase, names_in_phrase=self.names_in(m.start, m.end), pos=pos)

    def _common(self, phrase: str, names_in_phrase: list[Name], pos: int) -> Resolved:
        words = [w.lower().strip(",.") for w in _POST.sub("", phrase).split()]
        content = [w for w in words if w not in DETERMINERS and not w.endswith(("’s", "'s"))]
        if not content:
            lone = [n for n in names_in_phrase if n.kind in ("word", "title")]
            if lone and len(phrase.split()) == 1:
                return Resolved(lone[0].text, "person")
            return Resolved(None, "unknown")
        head = content[-1]
        bare = strip_article(_POST.sub("", phrase))
        lone = [n for n in names_in_phrase if n.kind == "word" and n.text.lower() == head
                and head not in self._lower_words]
        if lone and head not in ROLE_NOUNS and head not in GENERIC_BODY_NOUNS:
            return Resolved(lone[0].text, "person")       # a surname given alone, e.g. "Madonna"
        if head in DOCUMENT_NOUNS:
            issuer = self._org_named_in(phrase) or self._body_named_in(phrase, pos) or \
                self._recent(pos, ("org", "spokes", "group"))
            return Resolved(issuer or bare, "org" if issuer else "unknown")
        if head in SPOKES_NOUNS:         # an unnamed spokesperson speaks for the body
            org = self._org_named_in(phrase) or self._body_named_in(phrase, pos) or \
                self._body_before(phrase, content[:-1], pos) or \
                self._recent(pos, ("org", "spokes"))
            return Resolved(org or bare, "spokes" if org else "unknown")
        if head in ROLE_NOUNS or head in TITLE_WORDS:
            who = self._role_holder(head, content[:-1], pos)
            if who is None and words[0] in ("the", "this"):
                who = self._recent(pos, ("person",))     # "the former foreign secretary said"
            if who is None and words[0] in ("the", "this"):
                who = self.registry.next_person(pos)     # a lede: named in the next lines
            return Resolved(who or bare, "person" if who else "unknown")
        if head in GENERIC_BODY_NOUNS:
            if _body_modifiers(content[:-1]) or _owned(words[:-1]):
                # "the Russian defence ministry", "the health ministry", "the premier's
                # office": that body, named in lower case, not the last body the article named
                return Resolved(bare, "org")
            org = self.registry.org_containing(head, pos) or self._recent(pos, ("org", "spokes"))
            return Resolved(org or bare, "org" if org else "unknown")
        if words[0] in ("the", "this") and len(content) == 1:
            body = self._body_of_unnamed(head, pos)
            if body:                     # "A senior Corporation engineer … the engineer said"
                return Resolved(body, "spokes")
        synonyms = [head] + sorted(next((g for g in GROUP_SYNONYMS if head in g), set()) - {head})
        for word in synonyms:
            org = self.registry.org_containing(word, pos)
            if org:
                return Resolved(org, "org")
        fuller = self.group_forms.get(head)
        if fuller is None or len(bare.split()) > len(fuller.split()):
            self.group_forms[head] = fuller = bare
        return Resolved(fuller, "group")

    def _body_of_unnamed(self, head: str, pos: int) -> str | None:
        """The body an unnamed person was introduced with: "a senior Corporation engineer,
        who did not wish to be identified" → the Greater Chennai Corporation named before."""
        found = None
        for m in re.finditer(rf"\b[Aa]n? (?:[a-z]+ )?([A-Z][\w-]+(?: [A-Z][\w-]+)*) {head}\b",
                             self.text[:pos]):
            found = m.group(1)
        if found is None:
            return None
        last = found.split()[-1].lower()
        return self.registry.org_containing(last, pos) or found

    def _org_named_in(self, phrase: str) -> str | None:
        # "a spokeswoman for the caterer Brightplate": one common noun may precede the name
        m = re.search(r"\b(?:for|of|at)\s+(?:the\s+)?(?:[a-z]+\s+)?([A-Z][\w.’'&-]*(?:\s+(?:of|for|and|the|"
                      r"[A-Z][\w.’'&-]*))*)", phrase)
        return m.group(1) if m else None

    def _body_before(self, phrase: str, modifiers: list[str], pos: int) -> str | None:
        """The body written before the spokes noun: "a Voltra spokeswoman" (Voltra), "a
        company spokesman" (the company the article named)."""
        m = re.search(r"([A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*)*)\s+\w+\s*$",
                      _POST.sub("", phrase).strip())
        if m and m.group(1).lower() not in DETERMINERS:
            return strip_article(m.group(1))
        body = next((w for w in reversed(modifiers) if w in GENERIC_BODY_NOUNS), None)
        if body is None:
            return None
        return self.registry.org_containing(body, pos) or self._recent_body(body, pos)

    def _recent_body(self, word: str, pos: int) -> str | None:
        """The last body spoken of whose name holds word: "a ministry spokesman" after "the
        economy ministry said" speaks for the economy ministry."""
        for p, speaker, kind in reversed(self.history):
            if p < pos and kind in ("org", "spokes") and word in speaker.lower().split():
                return speaker
        return None

    def _body_named_in(self, phrase: str, pos: int) -> str | None:
        """The body in "a statement from the ministry": the article's Interior Ministry."""
        m = re.search(r"\b(?:of|from|for|at|by)\s+(?:the|its|their)\s+((?:[a-z]+\s+){0,2}?)"
                      r"(\w+)\s*$", phrase)
        if m and m.group(2).lower() in GENERIC_BODY_NOUNS:
            if _body_modifiers(m.group(1).split()):           # "for the finance department"
                return f"{m.group(1)}{m.group(2)}"
            return self.registry.org_containing(m.group(2).lower(), pos)
        return None

    def _role_holder(self, role: str, modifiers: list[str], pos: int) -> str | None:
        holders = set(self.registry.people_with_role(role))
        if not holders:
            return None
        wanted = {m for m in modifiers if m not in TITLE_WORDS and m not in _PLAIN_QUALIFIERS}
        if wanted:
            matching = {h for h in holders if wanted & self._qualifiers(h)}
            fitting = {h for h in holders if not self._conflicts(h, wanted)}
            holders = matching or fitting or holders
        recent = self._recent(pos, ("person",), holders)
        if recent:
            return recent
        return max(sorted(holders), key=lambda h: self.registry.counts.get(h, 0))

    def _qualifiers(self, holder: str) -> set[str]:
        return {t for titles in self.registry.title_sets.get(holder, ()) for t in titles
                if t not in TITLE_WORDS}

    def _conflicts(self, holder: str, wanted: set[str]) -> bool:
        """'the Belarusian president' does not fit a holder only ever introduced as 'Russian
        President': the mention's qualifier differs from every qualifier the holder had."""
        seen = [set(t) - TITLE_WORDS for t in self.registry.title_sets.get(holder, ())]
        return bool(seen) and all(q and not q & wanted for q in seen)

    # ---- known speakers --------------------------------------------------------------------
    @cached_property
    def _known_index(self) -> KnownSpeakers:
        return self.known if isinstance(self.known, KnownSpeakers) else KnownSpeakers(self.known)

    def match_known(self, speaker: str, mention: str) -> str:
        return self._known_index.match(speaker, mention)

