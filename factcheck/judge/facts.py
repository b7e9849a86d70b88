"""CandidatePair + the typed facts of both sentences -> at most one Discrepancy.

One comparator per Kind (dates, counts, durations, elapsed-time claims, titles, quotes; the
rules live in ``fact_rules.py`` and ``fact_text_rules.py``). They only weigh facts about the same subject and event:
two sentences naming different people, or a date of a meeting against a date of a vote, are
not a conflict however different the values. Within one sentence pair a fact that agrees
with some fact on the other side is taken as confirmed, so a second, differing date in the
same sentence (usually about something else) is not reported. Of the conflicts left, the
most confident one is returned: the pipeline keeps one entry per sentence pair.

>>> import datetime as dt
>>> from factcheck.records import CandidatePair, DateSpan, Fact, Sentence
>>> a = Sentence("s1", "x", 0, 0, 30, "The talks were held on Monday.")
>>> b = Sentence("s2", "y", 0, 0, 32, "The talks were held on Wednesday.")
>>> day = lambda d: DateSpan(dt.date(2023, 6, d), dt.date(2023, 6, d))
>>> fa = [Fact("s1", Kind.DATE, 20, 29, "on Monday", day(19), attrs={"event": "meet", "relation": "on"})]
>>> fb = [Fact("s2", Kind.DATE, 20, 32, "on Wednesday", day(21), attrs={"event": "meet", "relation": "on"})]
>>> [d.explanation for d in FactComparator().compare(CandidatePair(a, b, 0.9), fa, fb)]
['dates differ: "on Monday" (2023-06-19) vs "on Wednesday" (2023-06-21)']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..records import CandidatePair, Discrepancy, Fact, Kind, Sentence, as_date
from . import fact_rules as rules
from .fact_rules import Finding
from .fact_text_rules import compare_prospects, compare_quotes, compare_roles
from . import weights as W
from .sides import Side
from .stated import ArticleValues, stated_elsewhere

_STOPWORDS = set("the a an and or but of to in on at for from by with as is are was were be been has have had will "
                 "would that this these those it its his her their they he she we i you who which what when where "
                 "than then there here not no also about after before over into more most such said says".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Event families that often describe one occasion ("the visit" and "the meeting" of one trip).
_RELATED_EVENTS = {frozenset({"meet", "visit"}), frozenset({"attack", "die"}), frozenset({"attack", "injure"}),
                   frozenset({"die", "injure"}), frozenset({"meet", "sign"})}


class FactComparator:
    """Compares two sentences' facts kind by kind.

    ``kinds``: the Kinds compared (default: all typed ones). ``min_relatedness``: how sure we must
    be (0..1) that two facts are about the same subject and event before their values are
    compared at all.
    """

    def __init__(self, kinds: Iterable[Kind | str] | None = None, min_relatedness: float = W.MIN_RELATEDNESS) -> None:
        self.kinds = kinds
        self.min_relatedness = min_relatedness

    def compare(self, pair: CandidatePair, facts_a: Sequence[Fact], facts_b: Sequence[Fact],
                published_a: dt.date | None = None, published_b: dt.date | None = None,
                stated: tuple[ArticleValues | None, ArticleValues | None] = (None, None)) -> list[Discrepancy]:
        """[the most confident Discrepancy between the two sentences] or [].

        When the claims stage linked the facts as one claim (``pair.facts``), that decision stands:
        relatedness is not judged again from the sentences' names and event words. ``stated``: what
        the articles of ``pair.a`` and ``pair.b`` state anywhere; a number, duration or date conflict
        whose one value the other article states too is dropped (two things, see ``judge/stated.py``),
        and the pair's other conflicts still count.
        """
        kinds = {Kind(k) for k in self.kinds} if self.kinds is not None else set(Kind) - {Kind.CONTRADICTION}
        a = _side(pair.a, facts_a, as_date(published_a))
        b = _side(pair.b, facts_b, as_date(published_b))
        if not a.facts or not b.facts:
            return []
        subject = subject_score(a, b, float(pair.similarity))
        findings: list[Finding] = []

        def related(fa: Fact, fb: Fact) -> float:
            if pair.links:  # only the values the claims stage linked as one fact
                return 1.0 if fa.kind is fb.kind and _link(fa, fb) in pair.links else 0.0
            if pair.facts:
                return 1.0 if fa.kind is fb.kind else 0.0
            if not _same_participants(fa, fb):
                return 0.0
            # Verbs tell counts apart ("arrested" vs "watched"); durations of one event take any verb
            # ("lasted", "took", "went on"), so only counts use them.
            counts = fa.kind is Kind.NUMBER
            return subject * event_factor(fa.attrs.event, fb.attrs.event,
                                          fa.attrs.verb if counts else None,
                                          fb.attrs.verb if counts else None)

        if Kind.DATE in kinds:
            findings += rules.compare_dates(_of(a, Kind.DATE), _of(b, Kind.DATE), related, self.min_relatedness)
        for kind in (Kind.NUMBER, Kind.DURATION):
            if kind in kinds:
                findings += rules.compare_quantities(_of(a, kind), _of(b, kind), related, self.min_relatedness)
        if Kind.NUMBER in kinds:
            findings += rules.compare_conversions(_of(a, Kind.NUMBER), _of(b, Kind.NUMBER), related, self.min_relatedness)
        if Kind.SINCE in kinds:
            findings += rules.compare_elapsed(a, b, related, self.min_relatedness)
        if Kind.ROLE in kinds:
            findings += compare_roles(_of(a, Kind.ROLE), _of(b, Kind.ROLE))
        if Kind.QUOTE in kinds:
            findings += compare_quotes(_of(a, Kind.QUOTE), _of(b, Kind.QUOTE))
        if Kind.PROSPECT in kinds:
            findings += compare_prospects(_of(a, Kind.PROSPECT), _of(b, Kind.PROSPECT), related, self.min_relatedness)
        findings = [f for f in findings if not stated_elsewhere(f.kind, f.a, f.b, *stated)]
        if not findings:
            return []
        findings = [_hedge(f) for f in findings]
        best = max(findings, key=lambda f: (f.confidence, f.kind.value))
        return [_discrepancy(pair, best, subject)]


def subject_score(a: Side, b: Side, similarity: float) -> float:
    """0..1: how likely the two sentences speak about the same people and occasion.

    Both naming people but none in common rules it out (two different meetings); shared
    names, shared content words and the pair's embedding similarity raise it; both naming
    places with none in common lowers it.
    """
    people = rules.shared_people(a.persons, b.persons)
    if a.persons and b.persons and not people:
        return 0.0
    shared = people + len(a.names & b.names)
    small = min(len(a.words), len(b.words)) or 1
    overlap = len(a.words & b.words) / small
    similarity = max(0.0, min(1.0, similarity))
    if (a.persons or a.names) and (b.persons or b.names):
        score = (W.NAMED_SIMILARITY_WEIGHT * similarity + W.NAMED_SHARED_NAMES_WEIGHT * min(1.0, shared)
                 + W.NAMED_OVERLAP_WEIGHT * min(1.0, overlap * W.WORD_OVERLAP_SCALE))
    else:  # nothing named on one side: the words and the embedding have to carry it
        score = W.UNNAMED_SIMILARITY_WEIGHT * similarity + W.UNNAMED_OVERLAP_WEIGHT * min(1.0, overlap * W.WORD_OVERLAP_SCALE)
    if a.places and b.places and not a.places & b.places and not a.names & b.names - a.places:
        score *= W.DIFFERENT_PLACES_FACTOR
    return min(1.0, score)


def event_factor(ea: str | None, eb: str | None, verb_a: str | None = None, verb_b: str | None = None) -> float:
    """1 for the same kind of event, 0 for clearly different ones, in between when unsure.

    When an event family is missing on a side, the verbs governing the facts decide: "45
    people were arrested" and "3,000 people watched" count different things.
    """
    if ea and eb:
        if ea == eb:
            return 1.0
        return W.RELATED_EVENTS_FACTOR if frozenset({ea, eb}) in _RELATED_EVENTS else 0.0
    if verb_a and verb_b:
        return 1.0 if stem(verb_a) == stem(verb_b) else W.DIFFERENT_VERBS_FACTOR
    return W.UNKNOWN_EVENT_FACTOR


def _link(fa: Fact, fb: Fact) -> tuple[str, str]:
    """The two facts' member keys as the claims stage names a linked pair (sorted)."""
    x, y = f"{fa.sentence_id}:{fa.start}:{fa.end}", f"{fb.sentence_id}:{fb.start}:{fb.end}"
    return (x, y) if x <= y else (y, x)


def _hedge(finding: Finding) -> Finding:
    """A plan or a possibility against a report ("was scheduled to visit in February" vs "met on
    Monday") is often two occasions, not a contradiction: lower the confidence."""
    if bool(finding.a.attrs.hedged) == bool(finding.b.attrs.hedged) or finding.kind is Kind.PROSPECT:
        return finding  # (a prospect is an outlook on both sides)
    return replace(finding, confidence=finding.confidence * W.HEDGED_FACTOR)


def _same_participants(fa: Fact, fb: Fact) -> bool:
    """False when both facts' clauses name people and none in common: two different events."""
    pa = {rules.surname(p) for p in fa.attrs.participants or ()} - {""}
    pb = {rules.surname(p) for p in fb.attrs.participants or ()} - {""}
    return not (pa and pb) or rules.shared_people(pa, pb) > 0


def _side(sentence: Sentence, facts: Sequence[Fact], published: dt.date | None) -> Side:
    persons: set[str] = set()
    names: set[str] = set()
    places: set[str] = set()
    for fact in facts:
        persons.update(rules.surname(p) for p in (fact.attrs.persons or ()))
        names.update(n.lower() for n in (fact.attrs.names or ()))
        places.update(n.lower() for n in (fact.attrs.places or ()))
    for entity in sentence.entities:
        if entity.label == "PERSON":
            persons.add(rules.surname(entity.text))
        elif entity.label in ("ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"):
            names.add(entity.text.lower())
            if entity.label in ("GPE", "LOC", "FAC"):
                places.add(entity.text.lower())
    persons.discard("")
    return Side(sentence, tuple(facts), published, frozenset(persons), frozenset(names), frozenset(places),
                frozenset(_content_words(sentence.text)))


def _content_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower().replace("’", "'")):
        word = word.strip("'-").removesuffix("'s")
        if word in _STOPWORDS or len(word) < 3:
            continue
        words.add(stem(word))
    return words


def stem(word: str) -> str:
    """Plural, -ing and -ed endings off, so 'ministers' meets 'minister' and 'flooded' meets 'flooding'."""
    word = word.lower()
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _of(side: Side, kind: Kind) -> list[tuple[Fact, Side]]:
    return [(f, side) for f in side.facts if f.kind is kind]


def _discrepancy(pair: CandidatePair, finding: Finding, subject: float) -> Discrepancy:
    fa, fb = finding.a, finding.b
    return Discrepancy(
        id=Discrepancy.make_id(pair.a, pair.b),
        kind=finding.kind,
        confidence=round(min(max(finding.confidence, 0.0), 1.0), 4),
        a=pair.a,
        b=pair.b,
        a_value=finding.a_value,
        b_value=finding.b_value,
        explanation=finding.explanation,
        a_span=(fa.start, fa.end),
        b_span=(fb.start, fb.end),
        signals={"fact": round(finding.confidence, 4), "relatedness": round(finding.relatedness, 4),
                 "subject": round(subject, 4), "similarity": float(pair.similarity)},
    )
