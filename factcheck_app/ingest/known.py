"""Match a speaker found in an article to the workspace's records (aliases, transliteration)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .names import name_key

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}
# Russian/Ukrainian case endings of surnames ("по словам Пескова", "с Зеленским")
_CASE_ENDINGS = ("ogo", "omu", "ymi", "imi", "om", "oi", "ym", "im", "ei", "oyu", "a", "u",
                 "e", "y", "i")
_CYR_ENDINGS = ("ого", "ому", "ыми", "ими", "ой", "ым", "им", "ом", "ем", "ей", "ою", "ая", "а",
                "у", "е", "ы", "и", "я", "ю")


def fold(s: str) -> str:
    """Lower case, accents dropped, punctuation flattened to single spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


def skeleton(s: str) -> str:
    """A spelling-blind key: Cyrillic transliterated, and the usual Latin variants of one
    name made equal (Dmitry/Dmitri/Dmitriy, Zelensky/Zelenskyy/Зеленский, Kh/H)."""
    out = "".join(_CYRILLIC.get(c, c) for c in fold(s))
    out = re.sub(r"\b[yi]e", "e", out)
    out = out.replace("kh", "h").replace("x", "ks").replace("w", "v").replace("j", "i")
    out = out.replace("y", "i")
    return re.sub(r"(\w)\1+", r"\1", out)


@dataclass
class KnownSpeakers:
    """The workspace's speakers indexed once per extraction, not once per mention."""
    records: Sequence[tuple[str, Sequence[str]]] = ()
    _exact: dict[str, str] = field(default_factory=dict)
    _by_last: dict[str, set[str]] = field(default_factory=dict)
    _first: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for canonical, aliases in self.records:
            for form in (canonical, *aliases):
                for key in {fold(form), skeleton(form)}:
                    self._exact.setdefault(key, canonical)
                toks = name_key(form)
                if toks:
                    self._by_last.setdefault(skeleton(toks[-1]), set()).add(canonical)
            ctoks = name_key(canonical)
            self._first[canonical] = skeleton(ctoks[0])[:1] if ctoks else ""

    def __bool__(self) -> bool:
        return bool(self.records)

    def match(self, speaker: str, mention: str = "") -> str:
        """The record's name for speaker (or for the mention's words); speaker itself when no
        record fits, or when two records share the surname and the first name does not tell."""
        for form in (speaker, mention):
            if not form:
                continue
            hit = self._exact.get(fold(form)) or self._exact.get(skeleton(form))
            if hit:
                return hit
        key = name_key(speaker)
        if not key:
            return speaker
        for last in _stems(skeleton(key[-1])):
            cands = self._by_last.get(last)
            if cands and len(cands) == 1:
                canonical = next(iter(cands))
                first = self._first[canonical]
                if len(key) == 1 or not first or skeleton(key[0])[:1] == first:
                    return canonical
        return speaker


def _stems(word: str) -> list[str]:
    """The word, then the word without one case ending (longest first)."""
    out = [word]
    cyrillic = bool(word) and "\u0400" <= word[0] <= "\u04ff"
    for end in (_CYR_ENDINGS if cyrillic else _CASE_ENDINGS):
        if word.endswith(end) and len(word) - len(end) >= 3:
            out.append(word[: -len(end)])
    return out
