"""Near-identical sentences of two articles that differ in one number, one name or one negation.

"Police made 47 arrests" / "Police made 23 arrests", "Schumer spoke on the Senate floor" /
"Pelosi spoke on the Senate floor": when everything else is the same, the one changed number or
name is the disagreement, whether or not a typed extractor reads it as a count or a title.
Only sentence-level claim pairs (paraphrases) get here; facts already compared come first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from ..names import initials
from ..records import CandidatePair, Discrepancy, Kind, Sentence

NEAR_IDENTICAL_CONFIDENCE = 0.75
NAME_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"^[$€£]?\d[\d,.]*%?[,.;:]?$")


def one_change(pair: CandidatePair) -> Discrepancy | None:
    """A NUMBER or NAME discrepancy when the two sentences differ in exactly one number or one entity."""
    ta, tb = list(_TOKEN.finditer(pair.a.text)), list(_TOKEN.finditer(pair.b.text))
    # Compared without punctuation: a closing quotation mark on one side is not a change.
    matcher = difflib.SequenceMatcher(a=[_bare(t.group()) for t in ta], b=[_bare(t.group()) for t in tb],
                                      autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) == 1 and changes[0][0] in ("insert", "delete"):
        return _negation(pair, ta, tb, changes[0])
    if len(changes) != 1 or changes[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changes[0]
    span_a = (ta[i1].start(), ta[i2 - 1].end())
    span_b = (tb[j1].start(), tb[j2 - 1].end())
    words_a, words_b = pair.a.text[span_a[0]:span_a[1]], pair.b.text[span_b[0]:span_b[1]]
    if i2 - i1 == j2 - j1 == 1 and _NUMBER.match(words_a) and _NUMBER.match(words_b):
        kind, what = Kind.NUMBER, "numbers"
    else:
        label_a, label_b = _entity_label(pair.a, span_a), _entity_label(pair.b, span_b)
        # One proper name for another: the model may label only one side ("Mr. Standefer" unseen as PERSON).
        if not (label_a or label_b) or (label_a and label_b and label_a != label_b) \
                or not (_proper(words_a) and _proper(words_b)) or one_name_two_ways(words_a, words_b):
            return None
        kind, what = Kind.NAME, "names"
    return Discrepancy(
        id=Discrepancy.make_id(pair.a, pair.b), kind=kind, confidence=NEAR_IDENTICAL_CONFIDENCE, a=pair.a, b=pair.b,
        a_value=words_a, b_value=words_b, a_span=span_a, b_span=span_b, claim=pair.claim,
        explanation=f'{what} differ in otherwise identical sentences: "{words_a}" vs "{words_b}"',
        signals={"similarity": float(pair.similarity)})


def _negation(pair: CandidatePair, ta, tb, change) -> Discrepancy | None:
    """"would reopen" / "would not reopen": one side adds a negation and nothing else changes."""
    tag, i1, i2, j1, j2 = change
    tokens, sentence = (ta[i1:i2], pair.a) if tag == "delete" else (tb[j1:j2], pair.b)
    if len(tokens) != 1 or _bare(tokens[0].group()) not in NEGATIONS:
        return None
    span = (tokens[0].start(), tokens[0].end())
    a_span, b_span = (span, None) if sentence is pair.a else (None, span)
    return Discrepancy(
        id=Discrepancy.make_id(pair.a, pair.b), kind=Kind.CONTRADICTION, confidence=NEAR_IDENTICAL_CONFIDENCE,
        a=pair.a, b=pair.b, a_value=None, b_value=None, a_span=a_span, b_span=b_span, claim=pair.claim,
        explanation=f'one of two otherwise identical sentences is negated ("{tokens[0].group()}")',
        signals={"similarity": float(pair.similarity)})


NEGATIONS = frozenset({"not", "never", "no", "nt"})


def one_name_two_ways(a: str, b: str) -> bool:
    """Two ways of writing one name, or no second name at all: accents, stops or a possessive ("Vendôme" /
    "Vendome", "U. K." / "UK.", "Elvis'" / "Elvis's"), an acronym and its expansion ("CHP" / "California Highway
    Patrol", "US" / "United States"), a pronoun ("Comeaux" / "He", "UKIP's" / "Its") or a bare title ("Ms." /
    "Robyn" before "Mendes"). A name spelled two ways ("Rait" / "Raite", "Hurosawa" / "Kurosawa") stays a flag."""
    ka, kb = _plain_words(a), _plain_words(b)
    if not ka or not kb or ka == kb:
        return True
    if ka in _NOT_NAMES or kb in _NOT_NAMES:
        return True
    short, long = sorted((ka, kb), key=len)
    return " " not in short and initials(long) == short


def _plain_words(words: str) -> str:
    """Lower-case words without accents, stops, apostrophes or a possessive ending: how names (and, for
    ``no_content_change``, whole sentences) are compared."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", words) if not unicodedata.combining(c)).lower()
    plain = re.sub(r"['’]s?(?=\W|$)", "", plain)  # "elvis's", "elvis'" -> "elvis"
    compact = re.sub(r"\b(\w)\.\s*(?=\w\b\.?)", r"\1", plain)  # "u. k." -> "uk."
    return " ".join(re.findall(r"\w+", compact))


# Pronouns (capitalised at a sentence's start) and titles alone: they stand for a name, they are none.
_NOT_NAMES = frozenset("he she it its they them their his her hers we our i you this that these those mr mrs ms "
                       "miss dr prof sir dame lord lady".split())


def no_content_change(a: str, b: str) -> bool:
    """Two sentences that differ only in punctuation, case, accents or small words ("earlier Saturday" / "earlier
    on Saturday", "After the shooting Gray" / "After the shooting, Gray", ' Craft' / '"Craft'): nothing in them can
    contradict the other, whatever the NLI model reads. Negations are no small words here."""
    wa, wb = _plain_words(a).split(), _plain_words(b).split()
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    changed = [w for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal" for w in wa[i1:i2] + wb[j1:j2]]
    return all(w in FILLER_WORDS for w in changed)


# Words whose addition, loss or swap leaves a sentence's claim as it was: articles, possessives, the commonest
# prepositions, "and", forms of "be" and "have". Not "not", "no", "never", "before", "after", "more" or "less".
FILLER_WORDS = frozenset("a an the on in at of to for by with from and his her its their our this that is are was "
                         "were be been has have had".split())


def _proper(words: str) -> bool:
    """Capitalised words only ("Nancy Pelosi", "Mr. Standefer"): a name, not a common word."""
    parts = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", words)]
    return bool(parts) and all(w[0].isupper() for w in parts)


def _bare(token: str) -> str:
    return _PUNCT.sub("", token).lower()


_PUNCT = re.compile(r"[^\w$€£%]")


def _entity_label(sentence: Sentence, span: tuple[int, int]) -> str | None:
    """The label of the named entity that covers the changed words (give or take punctuation)."""
    for e in sentence.entities:
        if e.label in NAME_LABELS and e.start <= span[0] + 1 and span[1] - 2 <= e.end:
            return e.label
    return None
