"""Small text helpers shared by the fact extractors (private to the extract stage).

Input: one sentence's text, its entity spans and, when spaCy is available, its parsed Doc.
Output: facts about positions in that text: the tense of the clause around a span, the
event word a span belongs to, and numbers written as digits or words.
Every helper keeps character offsets valid in the original sentence text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck.records import Entity

# One character for one character, so offsets found in the cleaned text hold in the original:
# en/em dashes and minus signs become "-", exotic spaces " ", curly apostrophes "'".
_CLEAN = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\t": " ", "\n": " ", "\r": " ",
})


# A whole number and a common fraction ("2 1/2 weeks", "5-3/4 inches", and tokenised copy's "4 1 / 2 hours"), not a
# date ("1/2/2020") or a score.
_MIXED_FRACTION = re.compile(r"(?<![\d/.,])(\d+)[ -]([1-7]) ?/ ?([2348])(?![\d/])")
# Halves, thirds, quarters, and the eighths of wire copy's coupons and prices ("an 8-5/8 pct coupon").
_FRACTIONS = {"1/2": ".500", "1/4": ".250", "3/4": ".750", "1/3": ".333", "2/3": ".667",
              "1/8": ".125", "3/8": ".375", "5/8": ".625", "7/8": ".875"}


def clean(text: str) -> str:
    """Same length as ``text``: dashes, spaces and apostrophes folded to their ASCII forms, and a mixed
    fraction written as the decimal it is ("2 1/2" -> "2.500": read as "2" it made "2 1/2 weeks" two weeks)."""
    text = text.translate(_CLEAN)
    if "/" in text:
        text = _MIXED_FRACTION.sub(_decimal, text)
    return text


def _decimal(match: re.Match) -> str:
    """"2 1/2" -> "2.500", "4 1 / 2" -> "4.500  " (padded: same length); not a fraction of the table: unchanged."""
    fraction = _FRACTIONS.get(f"{match.group(2)}/{match.group(3)}")
    if fraction is None:
        return match.group(0)
    return (match.group(1) + fraction).ljust(len(match.group(0)))


# --- numbers written in words ------------------------------------------------------------

_UNITS_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS_WORDS)}
WORD_VALUES.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS_WORDS)})
WORD_VALUES.update({"dozen": 12.0, "a": 1.0, "an": 1.0, "half": 0.5, "couple": 2.0})
SCALES: dict[str, float] = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
                            "dozen": 12.0, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12,
                            "mln": 1e6, "bln": 1e9, "trln": 1e12}
_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """'2.5 million' -> 2500000.0, 'twenty-five' -> 25.0, 'a dozen' -> 12.0; None if not a number."""
    words = [w for w in re.split(r"[\s-]+", text.strip().lower()) if w and w != "and"]
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if _NUMERIC.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif word in ("a", "an") and not seen:
            current, seen = 1.0, True
        elif word == "dozen":
            current = (current or 1.0) * 12.0
            seen = True
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word in SCALES and seen:
            scale = SCALES[word]
            if scale == 100:
                current *= scale
            else:
                total += (current or 1.0) * scale
                current = 0.0
        else:
            return None
    return total + current if seen else None


# --- tense of the clause around a span ---------------------------------------------------

_FUTURE_WORDS = {"will", "shall", "'ll", "wo", "going", "upcoming", "next"}
_FUTURE_PARTICIPLES = {"scheduled", "expected", "planned", "set", "slated", "due", "poised", "preparing", "going"}
_FUTURE_TEXT = re.compile(
    r"\b(?:will|shall|won't|is to|are to|(?:is|are) (?:scheduled|expected|set|due|slated|planned|going) (?:to|for)"
    r"|plans? to|upcoming|next|'ll)\b", re.I)
_PAST_TEXT = re.compile(
    r"\b(?:was|were|had|did|met|said|held|went|came|took|gave|told|spoke|made|began|left|flew|saw|led|won|lost"
    r"|[a-z]{2,}ed)\b", re.I)


def tense_at(text: str, start: int, end: int, doc: Any = None) -> str | None:
    """'past', 'future', 'present' or None (unknown) for the clause a span sits in.

    Walks up the dependency tree from the span to the first verb that shows tense, so
    "talks on March 3 will focus on ..." reads as future and "met on Tuesday" as past.
    Without a parse, falls back to cue words anywhere in the sentence.
    """
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        for _ in range(8):
            if token is None:
                break
            verdict = _verb_tense(token)
            if verdict is not None:
                return verdict
            if token.head is token:
                break
            token = token.head
        if doc.has_annotation("DEP"):
            return None
    if _FUTURE_TEXT.search(text):
        return "future"
    if _PAST_TEXT.search(text):
        return "past"
    return None


def _verb_tense(token: Any) -> str | None:
    tag = token.tag_
    if not tag.startswith("VB") and tag != "MD":
        return None
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {c.lower_ for c in aux}
    if aux_words & _FUTURE_WORDS or token.lower_ in _FUTURE_WORDS:
        return "future"
    if tag in ("VBN", "JJ") and token.lower_ in _FUTURE_PARTICIPLES and any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "future"  # "is scheduled to meet", "are expected to sign"
    if tag == "VB" and "to" in aux_words:
        return None  # infinitive: the verb above it carries the tense
    if tag == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if tag == "VBN" and aux_words & {"has", "have", "had", "was", "were"}:
        return "past"
    if tag == "VBG" and any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "future"  # "is meeting on Monday": present progressive for a plan
    if tag in ("VBZ", "VBP"):
        return "present"
    return None


# --- events and entities -----------------------------------------------------------------

# Word families for the event a fact is about. Two facts are only compared when they are about
# the same kind of event; inflected forms are listed so no lemmatizer is needed.
EVENT_FAMILIES: dict[str, str] = {
    "meet": "meet meets met meeting meetings talk talks talked discuss discussed discussion discussions summit "
            "summits negotiate negotiated negotiations session sessions conference counterpart",
    "visit": "visit visits visited visiting trip trips travel travels travelled traveled travelling tour toured "
             "arrive arrived arrives arrival fly flew flight journey stay stayed landed",
    "speak": "say says said speak spoke speech statement announce announced announcement remarks told briefing "
             "interview",
    "gather": "rally rallies protest protests protesters protested marched crowd crowds gathered attend "
              "attended attendees demonstration demonstrators",
    "die": "die died dies dead death deaths killed killing fatalities",
    "injure": "injured injuries wounded hurt",
    "vote": "vote votes voted election elections elected ballot poll polls pass passed passes passage approve "
            "approved approves adopted",
    "sign": "sign signed signing agreement deal treaty accord contract",
    "attack": "attack attacks attacked strike strikes bombing explosion blast raid shooting",
    "arrest": "arrest arrested detained detention charged",
    "pay": "pay paid cost costs spend spent fund funding budget price fine fined raise raised invest investment",
    "publish": "publish published publishes publishing",
    "open": "open opened opening launch launched release released unveiled",
    "close": "close closed closure shut ban banned",
}
EVENT_OF: dict[str, str] = {w: fam for fam, words in EVENT_FAMILIES.items() for w in words.split()}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")  # a word of running text, curly apostrophes in ("O’Nuts", "Six")


def event_near(text: str, start: int, end: int, doc: Any = None) -> str | None:
    """The event family ('meet', 'visit', ...) a span belongs to: its syntactic head first, else the nearest word."""
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        for _ in range(6):
            if token is None:
                break
            family = EVENT_OF.get(token.lower_)
            if family and not start <= token.idx < end:
                return family
            if token.head is token:
                break
            token = token.head
    best, best_distance = None, 10**9
    for match in _WORD.finditer(text):
        family = EVENT_OF.get(match.group().lower())
        if family is None or (match.start() < end and start < match.end()):
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        if distance < best_distance:
            best, best_distance = family, max(distance, 0)
    return best


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def entities_of(entities: Sequence[Entity], doc: Any = None) -> tuple[Entity, ...]:
    """The sentence's own NER spans, else those of our Doc (offsets into the same text)."""
    if entities:
        return tuple(entities)
    if doc is not None and doc.has_annotation("ENT_IOB"):
        return tuple(Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents)
    return ()


def context_attrs(entities: Iterable[Entity]) -> dict[str, tuple[str, ...]]:
    """Who and what a sentence names, stored on each fact so the comparator can tell subjects apart."""
    persons = tuple(sorted({e.text.strip() for e in entities if e.label == "PERSON" and e.text.strip()}))
    names = tuple(sorted({e.text.strip() for e in entities if e.label in NAME_LABELS - {"PERSON"} and e.text.strip()}))
    places = tuple(sorted({e.text.strip() for e in entities if e.label in ("GPE", "LOC", "FAC") and e.text.strip()}))
    return {"persons": persons, "names": names, "places": places}


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def clause_verb(doc: Any, start: int, end: int) -> Any:
    """The verb whose clause a span belongs to (its root's nearest verb head), or None without a parse."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token


def participants(doc: Any, start: int, end: int, persons: Sequence[Entity], own_clause: bool = False
                 ) -> tuple[str, ...] | None:
    """The people in the clause a span belongs to (the subtree of its governing verb), or None without a parse.

    "Pompeo met Wang in October 2018, and Blinken met Qin on Sunday": the two dates have
    different participants, so they are two events even though the sentence names all four. ``own_clause``: leave out
    the people of other clauses hanging off the span's own ("rejected a meeting last month because Biden refused
    ...": Biden did not take part in the meeting refused); the extractor asks it for dates, whose participants say
    which act they date. Counts keep the whole subtree: their participants tell subjects apart, and with the NER's
    misreads ("... of oil group Yukos" read as a person) the narrower reading left more counts with no one named,
    which links with anyone (measured: 3 more false flags on BBC News and NeuS, none fewer).
    """
    token = clause_verb(doc, start, end) if persons else None
    if token is None:
        return None
    low = token.left_edge.idx
    high = token.right_edge.idx + len(token.right_edge.text)
    others = [_extent(c) for c in token.children
              if own_clause and c.dep_ in _OTHER_CLAUSES and not _within(_extent(c), start, end)]
    return tuple(p.text for p in persons if low <= p.start and p.end <= high
                 and not any(s <= p.start and p.end <= e for s, e in others))


# Clauses hanging off a dated clause that state another act: "rejected a meeting last month because Biden refused ...",
# "was arrested on Monday after Jones called the police": their people are not the dated act's participants.
_OTHER_CLAUSES = frozenset({"advcl", "conj", "relcl", "ccomp", "parataxis"})


def _extent(token: Any) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def _within(extent: tuple[int, int], start: int, end: int) -> bool:
    return extent[0] <= start and end <= extent[1]


_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})


def pronoun_participant(doc: Any, start: int, end: int) -> int | None:
    """Where the clause of a span names its person only by a pronoun ("He had 793 yards", "His plan would cut
    $800 billion"): the pronoun's offset, or None. The subject of the governing verb, or its possessor, counts."""
    token = clause_verb(doc, start, end)
    if token is None:
        return None
    for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
        for t in (subject, *(c for c in subject.children if c.dep_ == "poss")):
            if t.lower_ in _PRONOUNS:
                return t.idx
    return None


_HEDGES = re.compile(r"\b(?:may|might|could|would|possible|possibly|potential|perhaps|likely|expected|scheduled|"
                     r"planned|plans?|hopes?|proposed|reportedly|if|whether)\b", re.I)


def hedged(text: str, start: int, end: int) -> bool:
    """True when a fact sits in a plan or a possibility ("was scheduled to visit in February", "a possible
    meeting in 2023") rather than in a report of what happened: such facts conflict less surely."""
    clause_start = max(text.rfind(mark, 0, start) for mark in (";", ", but", ". ", ":"))
    window = text[max(clause_start, start - 80, 0):start]
    return bool(_HEDGES.search(window))


def governing_verb(doc: Any, start: int, end: int) -> str | None:
    """The verb governing a span ("45 people were arrested" -> "arrested"; "sent a bill Monday" -> "sent")."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    token = span.root if span is not None and len(span) else None
    for _ in range(4):
        if token is None or token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.lower_ not in ("is", "are", "was", "were", "be", "been", "has",
                                                                  "have", "had"):
            return token.lower_
    return None
