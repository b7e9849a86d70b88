"""The event a date dates, read from the parse only: its governing words and their arguments.

``event_near`` falls back to the nearest event word anywhere in the sentence, so "a May 12
deadline to withdraw from the nuclear deal" and "the presentation on Monday ... the deal it
signed" both get the event "sign" from the word "deal". The claims stage links two dates of
one event family; a family read off a neighbouring word is weak evidence of that. This module
answers the stricter question: which event family does the parse put the date in?
"""

from __future__ import annotations

from typing import Any

from ._text import EVENT_OF

HEAD_STEPS = 6  # how far up the head chain a date's event is looked for
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "attr")  # "the talks were held on Monday": held's subject dates too
_STOP_AT = ("ccomp", "advcl", "relcl", "conj", "parataxis")  # a clause boundary: the words above date another event


def event_by_parse(text: str, start: int, end: int, doc: Any) -> str | None:
    """The event family of the first governing word (or its subject/object) that has one, or None.

    Walks up from the span's root through its heads, stopping at a clause boundary: "came days
    before a May 12 deadline" dates the deadline, not the coming. None without a parse.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    if token.dep_ == "poss" and token.head.pos_ in ("NOUN", "PROPN") and not start <= token.head.idx < end:
        # "Sunday's game", "Tuesday's vote": the possessive dates the noun it modifies, not the clause's verb
        return EVENT_OF.get(token.head.lower_)
    for _ in range(HEAD_STEPS):
        if token.head is token:
            break
        boundary = token.dep_ in _STOP_AT
        token = token.head
        if start <= token.idx < end:
            continue
        family = EVENT_OF.get(token.lower_)
        if family:
            return family
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in _ARGUMENTS and not start <= child.idx < end:
                    family = EVENT_OF.get(child.lower_)
                    if family:
                        return family
        if boundary or token.pos_ == "NOUN" and token.dep_ not in ("pobj", "npadvmod"):
            # A noun that owns the date ("a May 12 deadline", "the November elections") is what it dates.
            return None
    return None
