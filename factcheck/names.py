"""Matching people across articles by name: "Mr. Moore" = "Roy Moore", "Zelensky" = "Zelenskyy".

Shared by the claims stage (which facts state one thing) and the judge (whose title, whose quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|sen|rep|gov|gen|president|prof|the)\.?\s+", re.I)


def same_surname(a: str, b: str) -> bool:
    """Surname keys that name one person: equal, or one typo apart in a long name ("Zelensky"/"Zelenskyy")."""
    if not a or not b:
        return False
    if a == b:
        return True
    return a[0] == b[0] and min(len(a), len(b)) >= 5 and _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart ("Blinken"/"Blinked", "Zelensky"/"Zelenskyy")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def shared_people(a: Iterable[str], b: Iterable[str]) -> int:
    """How many surname keys of ``a`` match one of ``b``."""
    b = list(b)
    return sum(any(same_surname(x, y) for y in b) for x in a)


def surname(name: str) -> str:
    """'Bill Gates' / "Gates's" -> 'gates': how a person is matched across articles."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", name.replace("’", "'"))
    words = [w for w in words if w.lower() not in ("jr", "sr", "ii", "iii")]
    return words[-1].lower().removesuffix("'s").strip("'") if words else ""


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in"})


def initials(name: str) -> str | None:
    """'federal bureau of investigation' -> 'fbi': the letters an acronym of a name of two words or more would
    have (small words out); None for a one-word name."""
    words = [w for w in name.split() if w not in _SMALL_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def same_person(a: str, b: str) -> bool:
    """"Mr. Moore" = "Roy Moore" = "Moore"; "Roy Moore" != "Mike Moore"; one typo apart in a long surname is one name."""
    a, b = _HONORIFIC.sub("", a.strip()), _HONORIFIC.sub("", b.strip())
    if not a or not b or not same_surname(surname(a), surname(b)):
        return False
    fa, fb = a.split()[0].lower(), b.split()[0].lower()
    return len(a.split()) == 1 or len(b.split()) == 1 or fa == fb or fa[0] == fb[0] and min(len(fa), len(fb)) <= 2


_PARTICLES = {"de", "da", "del", "di", "du", "al", "el", "bin", "van", "von", "der", "la", "le"}


def is_person_name(text: str | None) -> bool:
    """"Benjamin Netanyahu", "Mr. Trump": a name; "the suit", "The agency": a speaker, not a name."""
    words = [w for w in (text or "").split() if w.lower() not in _PARTICLES]
    return bool(words) and words[0].lower() != "the" and all(w[:1].isupper() for w in words)


_GENERATION = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def same_name(a: str, b: str) -> bool:
    """One named thing written two ways: "Trump" / "Mr. Trump" / "Donald Trump" (not "Donald Trump Jr."), "the
    Queen" / "queen" / "Queen Elizabeth II" (a lone word of the other's name). Two common nouns are no name."""
    a, b = _ARTICLE.sub("", a.strip()), _ARTICLE.sub("", b.strip())
    if a.lower() == b.lower():
        return a[:1].isupper() or b[:1].isupper()
    gen_a, gen_b = _GENERATION.search(a), _GENERATION.search(b)
    if bool(gen_a) != bool(gen_b) and same_person(_GENERATION.sub("", a), _GENERATION.sub("", b)):
        return False  # a father and his son
    words_a, words_b = a.lower().split(), b.lower().split()
    if len(words_a) == 1 and words_a[0] in words_b or len(words_b) == 1 and words_b[0] in words_a:
        return True
    return is_person_name(a) and is_person_name(b) and same_person(a, b)
