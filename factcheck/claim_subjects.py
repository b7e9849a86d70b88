"""Who each article of a story is about, and whether two articles are about two different ones.

Wire copy and running topics put near-identical sentences about two companies (two countries,
two people) into one story: "The debentures are convertible into the company's common stock at
10.75 dlrs per share" / "... at 14.06 dlrs per share". The sentences name no one; their articles
do. An article's main subjects are the names it mentions most often (people, organisations,
places); when neither article mentions any main subject of the other, they report on two
different things, and their figures and dates are two facts, however alike the wording.
Outlets telling one story name its protagonists, whatever else they add, so the test is strict:
one mention, in any form this module knows (surname, acronym, a country's usual names), keeps
two articles together.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from .names import initials, surname
from .records import Sentence

SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# Words that name no one on their own: "Ford Motor Co" and "Ford Motor" are one subject.
_GENERIC = frozenset({"the", "of", "and", "inc", "corp", "corporation", "co", "company", "ltd", "plc", "llc",
                      "group", "holdings"})
_KEY_WORD = re.compile(r"[a-z][a-z'’&.-]*")
_NOT_A_NAME = re.compile(r"[0-9<>@#]")  # digits or markup in a span are NER noise ("Drb> 4Th Qtr")
# The usual names of a few countries news writes in several ways; each key maps to all its forms.
_COUNTRY_FORMS = (("u.s.", "us", "u.s.a.", "usa", "united states", "america"),
                  ("u.k.", "uk", "britain", "great britain", "united kingdom"))
_FORMS = {form: group for group in _COUNTRY_FORMS for form in group}
_MIN_KEY_CHARS = 2


def subject_key(label: str, text: str) -> str | None:
    """('PERSON', 'Inspector Dave Gaskin') -> 'gaskin'; ('ORG', 'Chock Full O'Nuts Corp') -> "chock full o'nuts"."""
    if label not in SUBJECT_LABELS or _NOT_A_NAME.search(text):
        return None
    if label == "PERSON":
        key = surname(text)
    else:
        text = re.sub(r"['’]s$", "", text.strip())
        key = " ".join(w for w in _KEY_WORD.findall(text.lower()) if w not in _GENERIC)
    return key if len(key) >= _MIN_KEY_CHARS else None


@lru_cache(maxsize=8192)  # keys recur across stories and runs; bounded for a long-lived server
def _patterns(key: str) -> tuple[re.Pattern, ...]:
    """How another article may write the subject ``key``: its own words (any case), its acronym (capitals),
    the other forms of a country's name, or a long name's first word capitalised ("Ford" for "Ford Motor")."""
    forms = _FORMS.get(key, (key,))
    out = []
    for form in forms:
        if len(form.replace(".", "")) <= 3:  # "US", "UK": capitals only, or "us" the pronoun would match
            out.append(re.compile(r"(?<![\w.])" + re.escape(form.upper()) + r"(?![\w])"))
        else:
            out.append(re.compile(r"(?<![\w])" + re.escape(form) + r"(?![\w])", re.IGNORECASE))
    letters = initials(key)
    if letters and key not in _FORMS:
        out.append(re.compile(r"(?<![\w.])" + re.escape(letters.upper()) + r"(?![\w])"))
    first = key.split()[0]
    if " " in key and len(first) >= 4 and key not in _FORMS:
        out.append(re.compile(r"(?<![\w])" + re.escape(first.capitalize()) + r"(?![\w])"))
    return tuple(out)


class ArticleSubjects:
    """Main subjects per article of one story, from its sentences' named entities (none without NER: then no
    two articles are told apart)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        counts: dict[str, Counter] = {}
        texts: dict[str, list[str]] = {}
        for s in sentences:
            texts.setdefault(s.article_id, []).append(s.text)
            counter = counts.setdefault(s.article_id, Counter())
            counter.update(k for k in (subject_key(e.label, e.text) for e in s.entities) if k)
        self._texts = {a: "\n".join(t) for a, t in texts.items()}
        self._main = {a: _most_named(c) for a, c in counts.items()}
        self._apart: dict[tuple[str, str], bool] = {}

    def main(self, article_id: str) -> frozenset[str]:
        return self._main.get(article_id, frozenset())

    def apart(self, article_a: str, article_b: str) -> bool:
        """Both articles have main subjects and neither mentions any of the other's."""
        pair = (article_a, article_b) if article_a <= article_b else (article_b, article_a)
        if pair not in self._apart:
            self._apart[pair] = self._never_named(article_a, article_b) and self._never_named(article_b, article_a)
        return self._apart[pair]

    def _never_named(self, article: str, other: str) -> bool:
        subjects, text = self.main(article), self._texts.get(other, "")
        return bool(subjects) and not any(p.search(text) for key in subjects for p in _patterns(key))


def _most_named(counts: Counter) -> frozenset[str]:
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(k for k, n in counts.items() if n == top)

