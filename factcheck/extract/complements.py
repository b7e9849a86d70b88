"""What a count is a count *of*, beyond its unit: the complements the parse attaches to it.

Two amounts in dollars with one participant ("$3.6 billion from military construction
projects" / "$2.5 billion the department had allocated for counter-drug activities") or two
counts of terms ("three terms in the Senate" / "a two-term tenure as attorney general") share a
unit and a name, yet measure different things. The words that tell them apart hang off the
counted noun (its prepositional phrases and relative clause) or off the verb whose object it is (its
prepositional phrases, and an infinitive of purpose: "spend $30 billion to fund disaster aid").
The claims stage keeps two counts apart when both name such words and share none.
"""

from __future__ import annotations

from typing import Any

COMPLEMENT_PREPOSITIONS = ("from", "for", "in", "as", "on", "of", "toward", "towards", "across", "throughout")
_SKIP_ENTITIES = ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")
_CONTENT_POS = ("NOUN", "PROPN", "ADJ")
# Words that name a time or a generic amount, not what is counted ("in the last fiscal year", "of dollars").
_GENERIC = set("year years month months week weeks day days time times period fiscal last past next first total "
               "amount number sum dollar dollars money cash fund funds".split())
_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
COUNTED_NOUN_CHAIN = ("compound", "nummod", "quantmod", "amod", "npadvmod")


def complements(doc: Any, start: int, end: int) -> tuple[str, ...]:
    """Content words of the phrases that say what the count at ``start:end`` is of; () without a parse."""
    if doc is None:
        return ()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ()
    noun = counted_noun(span.root)  # "two-term tenure": the noun the figure is part of
    holders = [noun] + [c for c in noun.children if c.dep_ == "relcl"]
    own = any(c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPOSITIONS for c in noun.children)
    if not own and noun.dep_ in _OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        # "divert $3.6 billion from military construction projects"; not when the noun says it itself ("killed
        # 170,000 people in the province and tens of thousands more in countries ...": the verb's phrase is the
        # conjunct's)
        holders.append(noun.head)
    words: set[str] = set()
    for holder in holders:
        for prep in holder.children:
            if not (prep.dep_ == "prep" and prep.lower_ in COMPLEMENT_PREPOSITIONS or _purpose(holder, prep)):
                continue
            for token in prep.subtree:
                if (token.pos_ in _CONTENT_POS and token.ent_type_ not in _SKIP_ENTITIES and not token.like_num
                        and not start <= token.idx < end):
                    word = (token.lemma_ or token.text).lower()
                    if word not in _GENERIC and len(word) > 2:
                        words.add(word)
    return tuple(sorted(words))


def counted_noun(token: Any, chain: tuple[str, ...] = COUNTED_NOUN_CHAIN) -> Any:
    """The noun a figure's token is part of ("two-term tenure", "$3.6 billion"): up its ``chain`` of modifier
    links while the head is a noun, a number or a symbol."""
    noun = token
    while noun.dep_ in chain and noun.head is not noun and noun.head.pos_ in ("NOUN", "PROPN", "NUM", "SYM"):
        noun = noun.head
    return noun


def _purpose(holder: Any, child: Any) -> bool:
    """"spend $30 billion to fund disaster aid": an infinitive of purpose on the verb says what the amount is for."""
    return (holder.pos_ in ("VERB", "AUX") and child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children))


def different_complements(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both counts say what they are of, and share no word of it."""
    return bool(a) and bool(b) and not set(a) & set(b)
