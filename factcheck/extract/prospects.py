"""What a sentence says will, or will not, happen -> Prospect(act, happens, objects, subject).

"he is expected to shake hands with Prime Minister Theresa May and to meet the queen" and "he is unlikely to meet
Queen Elizabeth II" are two outlets' outlooks on one act that cannot both hold. A prospect is an act (a content
verb) carried by "will", "going to" or an expectation word ("expected", "likely", "unlikely", "set", "due",
"scheduled", "poised", "plans"), with a named thing it is done to or with. "not", "never" or "unlikely" on the way
turn it into one that will not happen.

Why prospects and not every negated act: opposite polarity of any act (past ones included) with a shared named
object, over the 100 BASIL triplets, gave 30 cross-article pairs and none an editor would act on: news is full of
claims and their denials reported side by side ("never served in Vietnam" against his own "the days that I served in
Vietnam", "many Republicans continue to believe that Mr. Obama was not born in this country"). Outlooks stated in
the reporter's voice are rarer and are the outlet's own claim.

Left out: quotations (the speaker's outlook, compared as a quote), conditions ("if he meets"), questions, modal
possibilities ("may", "could": both can be true), wishes and attempts ("wants to meet", "tried to meet").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.names import same_name
from factcheck.records import Entity, Prospect

# Heads through which an act is expected ("is expected to meet"), as written (the parse runs no lemmatizer): their
# negation (or "unlikely") flips it. "going" only: "went to meet" is a past act.
EXPECTATION_HEADS = frozenset("expect expects expected expecting likely unlikely set due scheduled poised plan plans "
                              "planned planning intend intends intended going".split())
_OPPOSITE_HEADS = frozenset({"unlikely"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_POSSIBLE_AUX = frozenset({"may", "might", "could", "would", "should", "can", "must"})
_CONDITIONS = frozenset({"if", "unless", "whether", "once", "until", "before"})
# Verbs that say little about what happens: being, having, saying, wanting, trying (base forms, and the irregular
# participles a passive prospect uses: "will be given").
_LIGHT_VERBS = frozenset("be have do say tell make take get go come give put see know think want need use include add "
                         "ask call report state note claim accuse write describe believe appear seem become mean let "
                         "keep show find try seek hope wish continue begin start remain been had done said told made "
                         "taken got gotten gone given seen known thought kept found sought begun".split())
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "nsubjpass"})
_OBJECT_PREPOSITIONS = frozenset({"with", "to", "as", "against"})  # "meet with", "travel to", "name as"
_NAME_DEPS = frozenset({"dobj", "pobj", "attr", "oprd", "nsubjpass", "dative", "appos", "conj"})  # not modifiers
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "xcomp", "advcl", "relcl", "parataxis"})


@dataclass(frozen=True)
class ProspectMention:
    start: int
    end: int
    text: str
    prospect: Prospect


def find_prospects(text: str, entities: Sequence[Entity], doc: Any) -> list[ProspectMention]:
    """The sentence's prospects that name what the act is done to (none without a parse or in a question)."""
    if doc is None or text.rstrip().endswith("?"):
        return []
    out = []
    for verb in doc:
        if verb.pos_ != "VERB" or act_key(verb.lower_) in _LIGHT_KEYS or verb.dep_ not in _CLAUSE_DEPS:
            continue
        chain = _chain(verb)
        if chain is None:
            continue
        children = _object_children(verb)
        objects = _objects(children, entities)
        if not objects:
            continue
        # From the first word that carries the outlook to the end of the objects (a passive's object comes first:
        # "Trump will be named as a defendant")
        words = [t for link in chain for t in (link, *_auxiliaries(link))]
        words += [t for child in children for t in child.subtree]
        first, last = min(t.i for t in words), max(t.i for t in words)
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        subject = _subject(chain, entities)
        prospect = Prospect(verb.lower_, _happens(chain), tuple(name for name, _ in objects), subject)
        out.append(ProspectMention(start, end, text[start:end], prospect))
    return out


def _chain(verb: Any) -> list[Any] | None:
    """The verb and the heads that make it a prospect ("meet" <- "expected"), or None: not a prospect."""
    chain, token = [verb], verb
    while True:
        if _conditioned(token) or _has_aux(token, _POSSIBLE_AUX):
            return None  # "if he meets", "may meet", "is expected to meet ... if"
        if _has_aux(token, _FUTURE_AUX):
            return chain  # "will meet", "will not be named"
        if token is not verb and token.lower_ in EXPECTATION_HEADS and token.dep_ not in ("xcomp", "conj"):
            return chain  # "is expected to meet", "is unlikely to meet"
        if token.dep_ not in ("xcomp", "conj") or token.head is token:
            return None  # a past act or a present state
        if token.dep_ == "xcomp" and token.head.lower_ not in EXPECTATION_HEADS:
            return None  # "wants to meet", "went to meet": a wish or a past act
        token = token.head  # a joined verb ("to shake hands ... and to meet the queen") takes its first verb's outlook
        chain.append(token)


def _has_aux(token: Any, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in token.children)


def _conditioned(token: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in token.children)


def _auxiliaries(token: Any) -> list[Any]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < token.i]


def _happens(chain: Sequence[Any]) -> bool:
    negated = False
    for token in chain:
        if any(c.dep_ == "neg" for c in token.children):
            negated = not negated
        if token.lower_ in _OPPOSITE_HEADS:
            negated = not negated
    return not negated


def _object_children(verb: Any) -> list[Any]:
    """The verb's objects and object-like prepositions ("meet with", "name as")."""
    return [c for c in verb.children if c.dep_ in _OBJECT_DEPS
            or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS)]


def _objects(children: Sequence[Any], entities: Sequence[Entity]) -> list[tuple[str, bool]]:
    """(name or noun, named?) of what the act is done to or with (``children``: ``_object_children``): heads of its
    objects, not modifiers. Names keep their case ("Queen Elizabeth II"), nouns are lower-case ("queen")."""
    out: dict[str, bool] = {}
    for child in children:
        for token in child.subtree:
            if token is not child and token.dep_ not in _NAME_DEPS:
                continue
            entity = _entity_at(token, entities)
            if entity is not None:
                out[entity.text] = True
            elif token.pos_ == "PROPN":
                words = [t for t in token.subtree if t.dep_ == "compound" or t is token]
                out[" ".join(t.text for t in words)] = True
            elif token.pos_ == "NOUN":
                out.setdefault(token.lower_, False)
    return list(out.items())


def _entity_at(token: Any, entities: Sequence[Entity]) -> Entity | None:
    for entity in entities:
        if entity.label in _NAMED_LABELS and entity.start <= token.idx < entity.end:
            return entity
    return None


def _subject(chain: Sequence[Any], entities: Sequence[Entity]) -> str | None:
    """The named doer, from the verb or the head that carries it ("he is expected to meet": none named; "Obama is
    unlikely to meet": the subject of the "is" that "unlikely" completes)."""
    last = chain[-1]
    for token in [*chain, last.head] if last.dep_ in ("acomp", "oprd") else chain:
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (token is chain[0] and child.dep_ == "nsubjpass"):
                entity = _entity_at(child, entities)
                return entity.text if entity is not None else None
    return None


def act_key(word: str) -> str:
    """"name", "named", "naming" -> "nam": one act however inflected, with no lemmatizer."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


_LIGHT_KEYS = frozenset(act_key(w) for w in _LIGHT_VERBS)


def same_prospect(pa: Prospect, pb: Prospect) -> bool:
    """One act of one doer to one named thing: "meet the queen" / "meet Queen Elizabeth II", whoever "he" is."""
    if act_key(pa.act) != act_key(pb.act):
        return False
    if pa.subject and pb.subject and not same_name(pa.subject, pb.subject):
        return False  # "Trump will meet the Queen" / "Obama is unlikely to meet the Queen": two visitors
    return any(same_name(x, y) for x in pa.objects for y in pb.objects if x[:1].isupper() or y[:1].isupper())
