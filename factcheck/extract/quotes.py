"""Direct quotations in one sentence -> (speaker, cue, content) triples.

Input: a sentence's text, its NER spans (PERSON) and optionally its spaCy Doc. Output: a
generator of ``DQTriple`` named tuples, like textacy's ``direct_quotations``: the speaker
(None when nobody is named; for "he said" / "she said" the person the sentences before were
about: ``antecedent``, see ``salient_person``), the speech verb ("said", "told") and the
words inside the quotation marks, with their character offsets. Curly and straight double
quotes count, and curly single quotes around three words or more; shorter spans inside
quotes are scare quotes, not quotations. A quote cut by the sentence splitter (an opening
mark with no closing one, or the reverse) runs to the sentence's edge.

>>> [tuple(q[:3]) for q in direct_quotations('"We will not back down," Maria Lopez said.',
...                                          [Entity("PERSON", 26, 37, "Maria Lopez")])]
[('Maria Lopez', 'said', 'We will not back down')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from factcheck.records import Entity

from ._text import NAME_WORD

_CUES = set("say says said saying tell tells told add adds added state states stated write writes wrote ask asks "
            "asked warn warns warned insist insists insisted declare declares declared note notes noted explain "
            "explains explained announce announces announced claim claims claimed argue argues argued reply replies "
            "replied urge urges urged stress stresses stressed tweet tweeted post posted acknowledge acknowledged "
            "admit admitted continue continued recall recalled remark remarked respond responded observe observed "
            "according".split())
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
_PERSON_PRONOUNS = {"he", "she"}  # one person, named earlier: "..., he said." (not "they", "we", "I": no one person)


class DQTriple(NamedTuple):
    speaker: str | None
    cue: str | None
    content: str
    start: int  # offsets of content in the sentence text
    end: int


QUOTE_CONTINUATION_MAX = 2  # sentences without marks read as inside a quotation opened before them, at most
# ... unless a closing mark ends the quotation within this many sentences, none of them opening another: a statement
# or video quoted paragraph after paragraph ('"I'm a comic. ... I went way too far. ... I get it."') is quoted whole.
QUOTE_CLOSED_RUN_MAX = 12


def closes_quotation(text: str) -> bool:
    """Does this sentence, read inside an open quotation, close it with its first mark (and open no other after)?

    '... It wasn't funny. I get it.”' does; '“Bar,” she said.' does not: its first mark opens a quotation, so the one
    before it was never closed (a stray mark), and the sentences between are not known to be quoted.
    """
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and _opening_mark(text, i) and i < len(text.rstrip()) - 1):
            return False
        if ch in "”\"":
            return not open_after(text[i + 1:], False)
    return False


def open_after(text: str, open_before: bool) -> bool:
    """Is a quotation still open at the end of this sentence ('"... could be abused by members [' opens one)?"""
    state = open_before
    for i, ch in enumerate(text):
        if ch == "“":
            state = True
        elif ch == "”":
            state = False
        elif ch == '"':
            state = _opening_mark(text, i) if not state else False
    return state


def direct_quotations(text: str, entities: Sequence[Entity] = (), doc: Any = None,
                      continued: bool = False, antecedent: str | None = None) -> Iterator[DQTriple]:
    """Yield each direct quotation in ``text`` with its speaker when one is named.

    ``continued``: the sentence lies inside a quotation an earlier sentence opened and names no
    quotation mark itself: the whole sentence is quoted words (the splitter cut the quote).
    ``antecedent``: who "he said" most likely is, from the sentences before (``salient_person``).
    """
    spans = quote_spans(text)
    if not spans and continued and not any(ch in text for ch in "“”\""):
        spans = [(0, len(text))]
    if not spans:
        return
    persons = [e for e in entities if e.label == "PERSON" and not _inside(e.start, e.end, spans)]
    for start, end in spans:
        raw = text[start:end]
        content = raw.strip().rstrip(",").rstrip()  # the comma before a closing mark belongs to the sentence
        if len(NAME_WORD.findall(content)) < 3:
            continue
        lead = len(raw) - len(raw.lstrip())
        cue, cue_span = _cue(text, start, end, spans)
        speaker = _speaker(text, cue_span, persons, doc, spans) if cue_span else None
        if speaker is _BY_PRONOUN:  # "..., he said": the person the article last spoke of, else one named before the cue
            earlier = [p.text for p in persons if p.end <= cue_span[0]]
            speaker = antecedent or (earlier[-1] if earlier else None)
        if speaker is None and cue_span is None:
            speaker = _introduced_by(text, start, persons)  # "Lopez: “...”" names the speaker without a verb
        yield DQTriple(speaker, cue, content, start + lead, start + lead + len(content))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the text inside quotation marks (marks excluded)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    first_close = True
    for i, ch in enumerate(text):
        if ch == "“":
            opened = i + 1
        elif ch == "”":
            if opened is not None:
                spans.append((opened, i))
                opened = None
            elif first_close and not spans:
                spans.append((0, i))  # the quote began in the previous sentence
            first_close = False
    if opened is not None:
        spans.append((opened, len(text)))
    straight = [i for i, ch in enumerate(text) if ch == '"']
    for a, b in zip(straight[::2], straight[1::2]):
        spans.append((a + 1, b))
    if len(straight) % 2:
        spans.append(_cut_straight_quote(text, straight[-1], first=len(straight) == 1))
    for match in re.finditer(r"(?:^|(?<=[\s(\[—-]))‘([^‘’]+(?:’\w[^‘’]*)*)’(?!\w)", text):
        spans.append(match.span(1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e))
    return merged


_SAID = r"(?:said|says|told|added|asked|wrote|replied)\b"
_SAID_AFTER = re.compile(r"\s*" + _SAID)
# A speaker and a speech verb after the mark: 'laws and regulations, "Deng told reporters', ', "she said.'
_SPEAKER_SAID_AFTER = re.compile(r"(?:(?:[A-Z][\w.'’-]*\s+){1,4}|(?:he|she|they|we)\s+)" + _SAID)
_CUE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_CUES)) + r")\b[^.?!]{0,40}$", re.I)


def _opening_mark(text: str, mark: int) -> bool:
    """Does the straight mark at ``mark`` open a quotation? After a space or bracket it does, unless it is a closing
    mark typed after a stray space: a speech verb follows ('real loss of biodiversity, "said Grifo'), or a speaker and
    one follow a clause's end that no speech verb introduced ('laws and regulations, "Deng told reporters'; not
    'Smith recalled, "He told me to leave."', where the mark opens a quotation starting with "He told")."""
    if mark > 0 and text[mark - 1] not in " ([—–-":
        return False
    if _SAID_AFTER.match(text, mark + 1):
        return False
    clause_end = mark >= 2 and text[mark - 2] in ",.?!"
    return not (clause_end and _SPEAKER_SAID_AFTER.match(text, mark + 1) and not _CUE_BEFORE.search(text, 0, mark))


def _cut_straight_quote(text: str, mark: int, first: bool) -> tuple[int, int]:
    """An unpaired straight mark: a quote the sentence splitter cut. An opening mark ('"What have you
    guys been debating, John?') runs to the sentence's end; a closing one (the sentence's only mark)
    from its start."""
    opening = _opening_mark(text, mark)
    if opening or not first:
        return (mark + 1, len(text))
    return (0, mark)


def _cue(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[str | None, tuple[int, int] | None]:
    """The speech verb nearest the quotation, outside every quotation."""
    best, best_distance = None, 10**9
    for match in NAME_WORD.finditer(text):
        if match.group().lower() not in _CUES or _inside(match.start(), match.end(), spans):
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        distance = abs(distance)
        if distance < best_distance:
            best, best_distance = match, distance
    if best is None:
        return None, None
    return best.group(), best.span()


def _introduced_by(text: str, start: int, persons: list[Entity]) -> str | None:
    """The person a colon introduces the quotation with ("Lopez: “...”", "Lopez said in a statement: “...”"
    has a cue): a name with only a colon and the opening mark between it and the quotation. A lone name
    elsewhere ("X charged that Trump had “...”") is whom the quotation is about as often as who said it."""
    for person in persons:
        between = text[person.end:start]
        if person.end <= start and re.fullmatch(r"\s*:\s*[“\"‘]?\s*", between):
            return person.text
    return None


def _speaker(text: str, cue_span: tuple[int, int], persons: list[Entity], doc: Any,
             spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """Who the cue verb's subject is: the parse first, else the nearest PERSON within a few words.
    A subject inside the quotation is a misparse of a long quote: the quoted words never say who spoke."""
    if doc is not None:
        span = doc.char_span(cue_span[0], cue_span[1], alignment_mode="expand")
        if span is not None and len(span):
            verb = span.root
            targets = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if verb.lower_ == "according":
                targets = [t for c in verb.children for t in c.subtree if t.dep_ == "pobj"]
            for target in targets:
                lo, hi = target.left_edge.idx, target.right_edge.idx + len(target.right_edge.text)
                if any(a < hi and lo < b for a, b in spans):
                    continue  # the parse took quoted words for the subject
                for person in persons:
                    if person.start < hi and lo < person.end:
                        return person.text
                if target.lower_ in _PERSON_PRONOUNS:
                    return _BY_PRONOUN
                if target.lower_ in _PRONOUNS:
                    return None
                return text[lo:hi]
    nearest, distance = None, 10**9
    for person in persons:
        gap = cue_span[0] - person.end if person.end <= cue_span[0] else person.start - cue_span[1]
        if 0 <= gap < distance and gap <= 40:
            nearest, distance = person, gap
    return nearest.text if nearest else None


_BY_PRONOUN = "<pronoun>"  # _speaker's answer for "he said": the caller resolves it


def salient_person(text: str, entities: Sequence[Entity], doc: Any, speakers: Sequence[str | None],
                   continued: bool = False) -> str | None:
    """Who a "he said" in the next sentence most likely is, after this one: its quotation's speaker, else
    the person its main clause is about (the subject of its root verb), else the last person it names outside
    quotation marks; None when it names nobody (the caller keeps the earlier one).

    A name inside a quotation is someone the speaker spoke of, and "Trump told reporters about Flynn" is about
    Trump, so neither "last name in the text" nor "any name" would do.
    """
    named = [s for s in speakers if s]
    if named:
        return named[-1]
    if continued and not any(ch in text for ch in "“”\""):
        return None  # the whole sentence is quoted words
    spans = quote_spans(text)
    outside = [p for p in entities if p.label == "PERSON" and not _inside(p.start, p.end, spans)]
    others = [e for e in entities if e.label != "PERSON"]
    for token in doc if doc is not None else ():
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
            subject = [p.text for p in outside if p.start < hi and lo < p.end]
            if subject:
                return subject[0]
            if token.pos_ == "PROPN" and not any(e.start < hi and lo < e.end for e in others):
                return text[lo:hi]  # a name the entity recogniser missed ("Trump spoke to reporters about Flynn")
    return outside[-1].text if outside else None


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)
